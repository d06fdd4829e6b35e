import type { Preset } from './define.js';

/** 售楼处管理制度 (篇十) (003 篇十): 2-month archive, 80/20 splits, make-ups equal to turns missed. */
export const storeArchive: Preset<'store-archive'> = {
  name: 'store-archive',
  source: '003 篇十',
  title: '售楼处管理制度 (篇十)',
  summary: '2-month archive, 80/20 splits, make-ups equal to turns missed',
  fields: {
    'ownership.validityDays.visit': { value: 60, seed: '003 篇十' },
    'ownership.validityDays.call': { value: 60, seed: '003 篇十' },
    'rotation.makeUps.companyBusiness': { value: 'perTurn', seed: '003 篇十' },
    'rotation.makeUps.busy': { value: 'none', seed: '003 篇十' },
    'rotation.absentOwner': { value: 'last', seed: '003 篇十' },
    'deals.splits.validity': { value: { credit: { named: 100, previous: 0 }, commission: { named: 80, previous: 20 } }, seed: '003 篇十' },
    'deals.splits.absentOwner': { value: { credit: { owner: 100, closer: 0 }, commission: { owner: 80, closer: 20 } }, seed: '003 篇十' },
    'deals.splits.discountHelper': { value: true, seed: '003 篇十' },
  },
};
