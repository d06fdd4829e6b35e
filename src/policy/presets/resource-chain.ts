import type { Preset } from './define.js';

/** 售楼部客户资源的归属规定 / 客户归属界定 (004g): first contact, referral chains, 3-month ownership, departed staff pool, lunch duty. */
export const resourceChain: Preset<'resource-chain'> = {
  name: 'resource-chain',
  source: '004g',
  title: '售楼部客户资源的归属规定 / 客户归属界定',
  summary: 'first contact, referral chains, 3-month ownership, departed staff pool, lunch duty',
  fields: {
    'ownership.validityDays.visit': { value: 90, seed: '004g' },
    'ownership.validityDays.call': { value: 90, seed: '004g' },
    'ownership.departed.deposited': { value: 'pool', seed: '004g' },
    'ownership.departed.undeposited': { value: 'new', seed: '004g' },
    'referrals.chain': { value: true, seed: '004g' },
    'rotation.duty.windows': { value: [{ from: '12:00', to: '13:30' }], seed: '004g' },
    'deals.splits.absentOwner': { value: { credit: { owner: 100, closer: 0 }, commission: { owner: 100, closer: 0 } }, seed: '004g' },
  },
};
