import type { Preset } from './define.js';

/** 房地产客户归属制度 (销售一部) (004f): 10-day archive, long-reception make-up, same-unit first deposit. */
export const salesDeptOne: Preset<'sales-dept-one'> = {
  name: 'sales-dept-one',
  source: '004f',
  title: '房地产客户归属制度 (销售一部)',
  summary: '10-day archive, long-reception make-up, same-unit first deposit',
  fields: {
    'ownership.validityDays.visit': { value: 10, seed: '004f' },
    'ownership.validityDays.call': { value: 10, seed: '004f' },
    'ownership.renewOn': { value: ['followUp', 'visit'], seed: '004f' },
    'rotation.dailyStart': { value: 'carryOver', seed: '004f' },
    'rotation.makeUps.ownClient': { value: 'once', seed: '004f' },
    'rotation.callAllocation': { value: 'manager', seed: '004f' },
    'deals.sameUnit': { value: 'firstDeposit', seed: '004f' },
    'deals.splits.absentOwner': { value: { credit: { owner: 100, closer: 0 }, commission: { owner: 100, closer: 0 } }, seed: '004f' },
    'deals.splits.discountHelper': { value: true, seed: '004f' },
  },
};
