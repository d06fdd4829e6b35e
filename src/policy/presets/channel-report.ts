import type { Preset } from './define.js';

/** 房地产拓客客户归属判别制度 (004k): masked-phone reports, 7-day report validity, 3 re-files then public pool, the reporting agent owns the group and its reported referrals. */
export const channelReport: Preset<'channel-report'> = {
  name: 'channel-report',
  source: '004k',
  title: '房地产拓客客户归属判别制度',
  summary: 'masked-phone reports, 7-day report validity, 3 re-files then public pool, the reporting agent owns the group and its reported referrals',
  fields: {
    'identity.maskedPhones': { value: 'withName', seed: '004k §2: 报备格式: 客户全名或姓,手机号码前三位和后五位 (138***88888): a masked phone matches with the name' },
    'claims.report.validDays': { value: 7, seed: '004k §2: 预期到访时间在7天之内包含7天。7天过后未能到访,视为无效' },
    'ownership.validityDays.report': { value: 7, seed: '004k §2: 7天过后未能到访,视为无效,需要重新报备' },
    'claims.report.refileNeedsReason': { value: true, seed: '004k §2: 需要重新报备,并详尽说明客户未到访原因,否则视为报备不成功' },
    'claims.report.maxRefiles': { value: 3, seed: '004k §2: 连续超过三次,则视为无效,作为公号,该客户不再接受报备' },
    'ownership.channelGroup': {
      value: true,
      seed: '004k §2-3: 上门首访在前,报备在后,需提供在上门首访前的文字记录; 行销人员亲自带客户上门 ... 否则归属为短信/微信报备记录的行销人员; 同组客户 ... 所推荐的客户经报备后视为有效',
    },
    'ownership.complaintReassigns': { value: true, seed: '004k §4: 如遇客户投诉 ... 取消客户归属,由所在小组经理指定行销人员负责该客户后续跟进,归属为后续指定跟进人员' },
    'deals.splits.complaint': {
      value: { credit: { server: 100, original: 0 }, commission: { server: 100, original: 0 } },
      seed: '004k §4: 取消客户归属 ... 归属为后续指定跟进人员 (the deal is wholly the new server\'s)',
    },
  },
};
