import type { Preset } from './define.js';

/** 案场与外场客户归属细则 (004d): 15-day window, 10-day follow-up, referral 40 days. */
export const onsiteOffsite: Preset<'onsite-offsite'> = {
  name: 'onsite-offsite',
  source: '004d',
  title: '案场与外场客户归属细则',
  summary: '15-day window, 10-day follow-up, referral 40 days',
  fields: {
    'ownership.validityDays.visit': { value: 15, seed: '004d' },
    'ownership.validityDays.call': { value: 15, seed: '004d' },
    'ownership.followUp.withinDays': { value: 10, seed: '004d' },
    'referrals.windowDays': { value: 40, seed: '004d' },
  },
};
