import type { Preset } from './define.js';

/** 房地产案场与外场客户归属细则 (004d): 15-day window, 10-day follow-up, a call protects only with a filing record, referral 40 days. */
export const onsiteOffsite: Preset<'onsite-offsite'> = {
  name: 'onsite-offsite',
  source: '004d',
  title: '案场与外场客户归属细则',
  summary: '15-day window, 10-day follow-up, filed calls, referral 40 days',
  fields: {
    'ownership.validityDays.visit': { value: 15, seed: '004d §1.2: 初次分配后客户有效期为15天' },
    'ownership.followUp.withinDays': {
      value: 10,
      seed: '004d §1.2: 若第一接待人10天内无持续性跟踪维护记录,其他销售开发后,则该客户自动转移; §3.3: 原销售10天内无可查询的跟踪维护记录,再次来访时,客户归新接待人员',
    },
    'ownership.followUp.doNotCallExempt': { value: false, seed: '004d §1.2, §3.3: 10天内无持续性跟踪维护记录 … 该客户自动转移 (no exception for a client who asked not to be called: that is 004h §9\'s)' },
    'ownership.call.gives': { value: 'filed', seed: '004d §3.4: 案场接电后,有明确备案记录可查询的视为第一接待人' },
    'ownership.validityDays.call': { value: 15, seed: '004d §3.4: a filed call 视为第一接待人, whose window is §1.2\'s 15 days' },
    'referrals.windowDays': { value: 40, seed: '004d §4.1: 经老客户介绍的新客户,40天内成交的归第一接待人; §4.2: 40天内无成交的自动转给新接待人员' },
  },
};
