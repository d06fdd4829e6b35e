import type { Preset } from './define.js';

/** 房地产销售客户归属制度 (沈阳x城) (004j): call 7 days, visit 15 days, call-before-visit, 18:00 cutoff. */
export const shenyang: Preset<'shenyang'> = {
  name: 'shenyang',
  source: '004j',
  title: '房地产销售客户归属制度 (沈阳x城)',
  summary: 'call 7 days, visit 15 days, call-before-visit, 18:00 cutoff',
  fields: {
    'registration.callBeforeVisit': { value: true, seed: '004j' },
    'registration.cutoff': { value: '18:00', seed: '004j' },
    'ownership.validityDays.visit': { value: 15, seed: '004j' },
    'ownership.validityDays.call': { value: 7, seed: '004j' },
    'rotation.absentOwner': { value: 'team', seed: '004j' },
  },
};
