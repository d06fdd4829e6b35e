import type { Preset } from './define.js';

/**
 * 房地产销售案场客户归属规定 (讨论稿) (004e): first reception keeps the deal
 * (首接业绩制), a one-month window counted from when an unrecognized client
 * was found, credit to the first registrant of a family with commission
 * even, calls and special clients allocated by the manager, a justified
 * complaint gives the client and deal to the new server.
 */
export const draftRules: Preset<'draft-rules'> = {
  name: 'draft-rules',
  source: '004e',
  title: '房地产销售案场客户归属规定 (讨论稿)',
  summary: '1-month recognition window, even commission splits, complaint reassignment',
  fields: {
    'ownership.validityDays.visit': { value: { months: 1 }, seed: '004e §4: 一个月以外,无论成交与否都归属第二接待人 (a calendar month)' },
    'ownership.validityDays.call': { value: { months: 1 }, seed: '004e §4 (counted from 初次接待) with §7: the manager-allocated caller\'s first reception holds for the same month' },
    'ownership.call.gives': { value: 'allocation', seed: '004e §7: 来电咨询的客户,详细登记在“来电登记表”,由案场经理分配' },
    'rotation.callAllocation': { value: 'manager', seed: '004e §7: 由案场经理分配,以业绩及综合考量进行分配' },
    'ownership.recognition.unidentified': { value: 'original', seed: '004e §4: 如在接待过程中未认出...一个月以内,未成交的客户归原接待' },
    'ownership.namedOwnsNewClient': { value: true, seed: '004e §5: 新客户明确指定要求(接待前指定要求)销售人员接待的,应归属指定销售员' },
    'ownership.managerAssigns': { value: 'ownership', seed: '004e §8: 属公司客户资源或特殊来访客户,案场经理可以指定销售人员接待; §10: 成交后归属指定销售人员' },
    'ownership.complaintReassigns': { value: true, seed: '004e §10: 如属于服务质量问题,销售经理确认后应予以更换并由销售经理指定销售人员负责客户今后联系与接待' },
    'rotation.absentOwner': { value: 'last', seed: '004e §3: 若该销售员休息或因公外出,则由最后一位轮序人员热情接待' },
    'referrals.accompaniedGoesToOriginal': { value: true, seed: '004e §9: 老客户带新客户同时来访,应由原销售人员接待(此种情况列为有效轮值接待客户)' },
    'rotation.recognizedReturnsTurn': { value: true, seed: '004e §4: 原始接待销售人员在接待过程中认出,应礼貌交接(此种情况不列为有效轮值接待客户)' },
    'rotation.oldClientCounts': { value: false, seed: '004e §3: 老客户...由初次接待销售员接待 (此种情况不列为有效轮值接待客户)' },
    'deals.splits.absentOwner': {
      value: { credit: { owner: 100, closer: 0 }, commission: { owner: 100, closer: 0 } },
      seed: '004e §1: 首接业绩制, 客户由第一次接待的置业顾问负责到底,业绩和佣金归最初接洽销售员所有; §3: the last in line only receives an absent owner\'s old client',
    },
    'deals.splits.absentNamed': {
      value: { credit: { owner: 0, closer: 100 }, commission: { owner: 50, closer: 50 } },
      seed: '004e §5: 如该销售人员不在...则由当值人员接待,当值成交的,成交业绩归当值人员所有,佣金两人均分',
    },
    'deals.splits.absentNamedUnlessNotice': {
      value: true,
      seed: '004e §5: 如该销售人员不在(且未能事先报备案场或指定专人协助接待),则由当值人员接待 (with the notice, the split does not apply: the named salesperson keeps the deal)',
    },
    'deals.splits.recognition': {
      value: { withinDays: { months: 1 }, credit: { original: 0, closer: 100 }, commission: { original: 50, closer: 50 } },
      seed: '004e §4: 以发现之时距初次接待时间为依据,一个月以内 (a calendar month)...已成交的成交业绩归当值人员所有,佣金由两人平分',
    },
    'deals.splits.crossFamily': {
      value: { credit: { first: 100, other: 0 }, commission: { first: 50, other: 50 } },
      seed: '004e §6: 家庭成员分别登记,当事置业顾问都不清楚...成交时业绩归先登记置业顾问,佣金平分',
    },
    'deals.splits.complaint': {
      value: { credit: { server: 100, original: 0 }, commission: { server: 100, original: 0 } },
      seed: '004e §10: 如属于服务质量问题...由销售经理指定销售人员负责...成交后归属指定销售人员',
    },
    'deals.splits.served': {
      value: { credit: { owner: 100, server: 0 }, commission: { owner: 50, server: 50 } },
      seed: '004e §10: 如不属于销售人员单方面原因,协调处理后,客户成交业绩佣金仍归原销售员 … 如为指定销售人员接待成交,佣金平分',
    },
  },
};
