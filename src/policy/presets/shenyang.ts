import type { Preset } from './define.js';

/** 房地产销售客户归属制度 (沈阳x城) (004j): call 7 days, visit 15 days, call-before-visit, 18:00 cutoff, the omitting team bears the collision, the team decides an absent colleague's credit. */
export const shenyang: Preset<'shenyang'> = {
  name: 'shenyang',
  source: '004j',
  title: '房地产销售客户归属制度 (沈阳x城)',
  summary: 'call 7 days, visit 15 days, call-before-visit, 18:00 cutoff, only effective contact renews, the omitting team bears the collision, the team decides credit',
  fields: {
    'registration.sameDayEntry': { value: true, seed: '004j §1.1: 必须于当天在系统中完成所有接电、接访客户的信息录入 ... 如因漏报客户导致撞单,责任由漏报客户方的销售团队负责' },
    'registration.alteredBookFine': { value: null, seed: '004j §1.2: 若出现私自涂改,一经查实,按恶意抢单处理 (no fine is named)' },
    'registration.cutoff': { value: '18:00', seed: '004j §1.3: 于当日18:00前 ... 18:00后的数据将统计到第二天' },
    'registration.callBeforeVisit': { value: true, seed: '004j §2.1: 若同一天在来电、来访表上都有登记,则以接电登记为先' },
    'ownership.validityDays.call': { value: 7, seed: '004j §2.2: 接电客户有7天的时效归属性' },
    'ownership.validityDays.visit': { value: 15, seed: '004j §2.2: 接访客户有15天时效归属性' },
    'ownership.call.gives': { value: 'protection', seed: '004j §2.2: 接电客户有7天的时效归属性 (a call protects)' },
    'ownership.permanentFromStage': { value: 'subscription', seed: '004j §2.2: 若客户在规定期限内成交,则该客户成为该置业顾问老客户,由该置业顾问专职维系' },
    'ownership.renewOn': {
      value: ['followUp', 'visit', 'call'],
      seed: '004j §2.2: 如置业顾问在时效期内未和客户进行有效联系,则客户再次到访或来电归属于新置业顾问 (a contact with the client within the window keeps them)',
    },
    'ownership.followUp.effectiveOnly': { value: true, seed: '004j §2.2: 有效联系: only an effective contact keeps the client; an attempt that did not reach them renews nothing' },
    'rotation.absentOwner': { value: 'team', seed: '004j §2.3.2, §2.4: 如找的置业顾问临时不在,由同一销售团队置业顾问帮忙接待此客户' },
    'deals.splits.absentOwner': {
      value: { credit: { owner: 100, closer: 0 }, commission: 'negotiated' },
      seed: '004j §2.3.2, §2.4: 业绩归属由该团队自行判定 (the team decides by a splitDeal; until then credit stays with the owner)',
    },
  },
};
