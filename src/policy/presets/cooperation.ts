import type { Preset } from './define.js';

/** 房地产客户介定归属制度 (004b): 5:5 cooperative and cross-family splits, phone and event rules, first referrer. */
export const cooperation: Preset<'cooperation'> = {
  name: 'cooperation',
  source: '004b',
  title: '房地产客户介定归属制度',
  summary: '5:5 cooperative and cross-family splits, phone and event rules, first referrer',
  fields: {
    'identity.familyRelations': { value: ['spouse', 'parent', 'child'], seed: '004b' },
    'referrals.staffBonus': { value: false, seed: '004b' },
    'deals.splits.absentOwner': { value: { credit: { owner: 50, closer: 50 }, commission: { owner: 50, closer: 50 } }, seed: '004b' },
    'deals.splits.invited': { value: { credit: { closer: 50, inviter: 50 }, commission: { closer: 50, inviter: 50 } }, seed: '004b' },
    'deals.splits.crossFamily': { value: { credit: { first: 50, other: 50 }, commission: { first: 50, other: 50 } }, seed: '004b' },
  },
};
