import type { Preset } from './define.js';

/** 售楼处接待制度及客户归属 (004i): absent owner: credit A, commission A:B 5:5, appointments. */
export const absentSplit: Preset<'absent-split'> = {
  name: 'absent-split',
  source: '004i',
  title: '售楼处接待制度及客户归属',
  summary: 'absent owner: credit A, commission A:B 5:5, appointments',
  fields: {
    'ownership.namedOwnsNewClient': { value: true, seed: '004i' },
    'referrals.chain': { value: true, seed: '004i' },
    'rotation.absentOwner': { value: 'next', seed: '004i' },
    'rotation.makeUps.ownClient': { value: 'none', seed: '004i' },
    'deals.splits.absentOwner': { value: { credit: { owner: 100, closer: 0 }, commission: { owner: 50, closer: 50 } }, seed: '004i' },
    'deals.splits.concealment': { value: true, seed: '004i' },
  },
};
