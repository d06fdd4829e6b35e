import type { Preset } from './define.js';

/** 售楼处管理制度 (篇十) (003 篇十): 2-month archive, 80/20 splits, make-ups equal to turns missed, grabbing fined the day's base or the month's base and half its bonus. */
export const storeArchive: Preset<'store-archive'> = {
  name: 'store-archive',
  source: '003 篇十',
  title: '售楼处管理制度 (篇十)',
  summary: "2-month archive, 80/20 splits, make-ups equal to turns missed, grabbing fined the day's base or the month's base and half its bonus",
  fields: {
    'ownership.validityDays.visit': { value: 60, seed: '003 篇十' },
    'ownership.validityDays.call': { value: 60, seed: '003 篇十' },
    'rotation.makeUps.companyBusiness': { value: 'perTurn', seed: '003 篇十' },
    'rotation.makeUps.busy': { value: 'none', seed: '003 篇十' },
    'rotation.absentOwner': { value: 'last', seed: '003 篇十' },
    'deals.splits.validity': { value: { credit: { named: 100, previous: 0 }, commission: { named: 80, previous: 20 } }, seed: '003 篇十' },
    'deals.splits.absentOwner': { value: { credit: { owner: 100, closer: 0 }, commission: { owner: 80, closer: 20 } }, seed: '003 篇十' },
    'deals.splits.discountHelper': { value: true, seed: '003 篇十' },
    'periods.quota': { value: null, seed: '003 篇十: claims are not booked, so there is no claim quota' },
    'periods.fines.settlement': { value: 'deductFromPay', seed: '003 篇十 4: 扣罰, deducted from pay' },
    'periods.fines.schedule': { value: { grabClient: { dayBase: '1', source: '003 篇十 4' }, grabClientSerious: { monthBase: '1', monthBonus: '0.5', source: '003 篇十 4' } }, seed: "003 篇十 4: grabbing or fighting over clients costs the day's base pay; seriously, the month's base and 50% of the month's bonus" },
  },
};
