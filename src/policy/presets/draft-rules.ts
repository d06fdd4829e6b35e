import type { Preset } from './define.js';

/** 房地产销售案场客户归属规定 (讨论稿) (004e): 1-month recognition window, even commission splits, complaint reassignment. */
export const draftRules: Preset<'draft-rules'> = {
  name: 'draft-rules',
  source: '004e',
  title: '房地产销售案场客户归属规定 (讨论稿)',
  summary: '1-month recognition window, even commission splits, complaint reassignment',
  fields: {
    'ownership.validityDays.visit': { value: 30, seed: '004e' },
    'ownership.validityDays.call': { value: 30, seed: '004e' },
    'ownership.managerAssigns': { value: 'ownership', seed: '004e' },
    'ownership.complaintReassigns': { value: true, seed: '004e' },
    'ownership.namedOwnsNewClient': { value: true, seed: '004e' },
    'identity.familyNeedMustMatch': { value: true, seed: '004e' },
    'rotation.absentOwner': { value: 'last', seed: '004e' },
    'rotation.callAllocation': { value: 'manager', seed: '004e' },
    'deals.splits.recognition': { value: { withinDays: 30, credit: { original: 0, closer: 100 }, commission: { original: 50, closer: 50 } }, seed: '004e' },
    'deals.splits.absentOwner': { value: { credit: { owner: 0, closer: 100 }, commission: { owner: 50, closer: 50 } }, seed: '004e' },
    'deals.splits.crossFamily': { value: { credit: { first: 100, other: 0 }, commission: { first: 50, other: 50 } }, seed: '004e' },
    'deals.splits.complaint': { value: { credit: { server: 100, original: 0 }, commission: { server: 50, original: 50 } }, seed: '004e' },
  },
};
