import type { Preset } from './define.js';

/** 客户分配接待轮排制度 (九州名座) (000): daily carry-over rotation, call allocation, 20%/10% rates, two-rounds-one penalty, 1.8-2.5‰ tiers, grades, clawback. */
export const jiuzhou: Preset<'jiuzhou'> = {
  name: 'jiuzhou',
  source: '000',
  title: '客户分配接待轮排制度 (九州名座)',
  summary: 'daily carry-over rotation, call allocation, 20%/10% rates, two-rounds-one penalty, 1.8-2.5‰ tiers, grades, clawback',
  fields: {
    'ownership.validityDays.visit': { value: null, seed: '000' },
    'ownership.validityDays.call': { value: null, seed: '000' },
    'ownership.validityDays.claim': { value: null, seed: '000' },
    'ownership.namedOwnsNewClient': { value: true, seed: '000' },
    'rotation.dailyStart': { value: 'carryOver', seed: '000' },
    'rotation.makeUps.companyBusiness': { value: 'once', seed: '000' },
    'rotation.makeUps.ownClient': { value: 'none', seed: '000' },
    'rotation.absentOwner': { value: 'team', seed: '000' },
    'rotation.callAllocation': { value: 'rotation', seed: '000' },
    'rotation.penaltyDays': { value: 7, seed: '000' },
    'deals.splits.invited': { value: { credit: { closer: 50, inviter: 50 }, commission: 'negotiated' }, seed: '000' },
    'deals.splits.absentOwner': { value: { credit: { owner: 100, closer: 0 }, commission: 'negotiated' }, seed: '000' },
    'deals.commission.rates': { value: { neither: '1.8', one: '2', both: '2.3', above: '2.5' }, seed: '000' },
    'deals.commission.excess': { value: 'marginal', seed: '000' },
    'deals.commission.redLineFrom': { value: 'bigDeposit', seed: '000' },
    'deals.commission.greenLineFrom': { value: 'loan', seed: '000' },
    'deals.commission.retierOnRefund': { value: 'recompute', seed: '000' },
  },
};
