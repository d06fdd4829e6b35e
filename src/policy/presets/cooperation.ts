import type { Preset } from './define.js';

const even = { credit: { owner: 50, closer: 50 }, commission: { owner: 50, closer: 50 } };

/**
 * 房地产客户介定归属制度 (004b): an original who is present and does not
 * recognize the client loses them, an absent original who was not named
 * shares 5:5, one the client confirms keeps everything; cross-family 5:5;
 * traceable phone invitations override protection; event 5:5; first referrer.
 */
export const cooperation: Preset<'cooperation'> = {
  name: 'cooperation',
  source: '004b',
  title: '房地产客户介定归属制度',
  summary: '5:5 cooperative and cross-family splits, an original who does not recognize loses the client, traceable phone invitations override protection, event 5:5, first referrer',
  fields: {
    'identity.familyRelations': {
      value: ['spouse', 'parent', 'child'],
      seed: '004b §1.5: 夫妻、父子等一家人 are one client; 兄弟、姐妹两家人 are separate (以成交客户姓名归属为准)',
    },
    'ownership.recognition.unidentified': {
      value: 'receiver',
      seed: '004b §1.2: 客户回答之前没来过且原置业顾问同时在场(原置业顾问不认识客户)则视作新客户接待,成交业绩归新置业顾问; §1.6: 原置业顾问未认出该客户的,该客户归置业顾问所有',
    },
    'ownership.recognition.untilDealDay': { value: true, seed: '004b §4.4: 成交当天及之前认出来的,并且业主认原置业顾问,则业绩归还原置业顾问' },
    'ownership.phoneInvite.reception': { value: 'named', seed: '004b §2.2: 客户能明确确认电话邀约的置业顾问 is the caller\'s (代理帮忙接待 when absent)' },
    'ownership.phoneInvite.overridesProtection': {
      value: true,
      seed: '004b §2.3: 谁邀约接待业绩归谁 (此前置业顾问个人的客户长期保护政策同时失效), 判定前提: 需能查到自有客户电话出处',
    },
    'referrals.staffBonus': { value: false, seed: '004b §4.1: 置业顾问本人不得参与全民营销转介奖金分配' },
    'deals.splits.absentOwner': {
      value: { credit: { owner: 100, closer: 0 }, commission: { owner: 100, closer: 0 } },
      seed: '004b §1.4: 如客户确认原置业顾问则属代理帮忙接待,成交业绩归原置业顾问; §2.2: 该置业顾问不在场时则属代理帮忙接待,成交业绩归电话邀约的置业顾问',
    },
    'deals.splits.absentUnannounced': {
      value: even,
      seed: '004b §1.3: 客户回答之前没来过且原置业顾问不在场则视作合作客户接待,成交业绩归新置业顾问和原置业顾问5:5平分 (业绩: the seed makes no other split of the deal)',
    },
    'deals.splits.crossFamily': {
      value: { credit: { first: 50, other: 50 }, commission: { first: 50, other: 50 } },
      seed: '004b §1.5, §4.3: 两个置业顾问分别接待到夫妻、父子等一家人的其中之一,成交业绩归两个置业顾问5:5平分',
    },
    'deals.splits.invited': {
      value: { credit: { closer: 50, inviter: 50 }, commission: { closer: 50, inviter: 50 } },
      seed: '004b §2.1: 如有异议的,可出示电话邀约依据,成交业绩归新置业顾问和原置业顾问5:5平分',
    },
    'deals.splits.marketingEvent': {
      value: { byManager: false, identified: { credit: { closer: 50, original: 50 }, commission: { closer: 50, original: 50 } } },
      seed: '004b §3.1: 现场成交新客户和自己老客户则成交业绩归自己; §3.2: 他人的老客户(活动当天查明) 5:5平分; §3.3: 原置业顾问并无反应 则成交业绩归新置业顾问',
    },
  },
};
