/**
 * The periods sections of each preset (RULES §I, §J, CLM-QUOTA,
 * COM-SALARY-GRADES): quotas, KPIs and their periods, the penalties derived
 * from them, rewards, elimination, salary grades and fines. Sections left
 * out take the schema's defaults: periods are counted and shown, the claim
 * quota is 50/80/30 judged at quarter end, and nothing else decides until a
 * policy turns it on.
 */
import type { PolicyInput } from '../schema.js';
import type { PresetName } from './catalog.js';

/** Periods sections by preset. */
export const periodsPresets: Record<PresetName, Pick<PolicyInput, 'periods'>> = {
  // 000 §3, §12: invitation rate 20%, closing rate 10%, judged by the week: no deal or deposit in a week means one
  // turn every two rounds the next week, no invited visit means no calls the next week. §13: every three months
  // from December 2007, the worst performer(s), ties included (业绩: the red line). §14: the grade ladder 700-1500,
  // three months both lines up, three neither down. §18: violations fined 20-200. No claim quota.
  jiuzhou: {
    periods: {
      calendar: { weekStartsOn: 1, quarterStartMonth: 12 },
      closeRate: { percent: 10, period: 'week' },
      inviteRate: { percent: 20, period: 'week' },
      penalties: { halfTurns: { when: 'noDeal', minReceptions: 1 }, noCalls: { minCalls: 1 } },
      invitations: { confirm: false },
      quota: null,
      elimination: { mode: 'last', period: 'quarter', from: '2007-12', roles: ['sales'], rankBy: ['redLine'] },
      grades: {
        ladder: [
          { name: '试用业务员', base: '700' },
          { name: '正式业务员', base: '800' },
          { name: '优秀业务员', base: '1000' },
          { name: '资深业务员', base: '1200' },
          { name: '销售主管', base: '1300' },
          { name: '高级销售主管', base: '1500' },
        ],
        promoteAfter: 3,
        demoteAfter: 3,
      },
      fines: { settlement: 'deductFromPay', schedule: { misconduct: { range: { min: '20', max: '200' }, source: '000 §18' } } },
    },
  },
  // 002 §1.5: 50 claims at a time; 80 once the quarter's (当季度) signing target is met; 30 when the quarter has
  // no signing: "the current quarter", so the quarter so far. Over the limit the desk refuses and keeps the
  // slip. §4: the appeal fines (400/500) are the disputes section's; 002 names no other fine.
  'confirmation-desk': {
    periods: { quota: { limit: 50, targetMet: 80, noSigning: 30, judged: 'soFar', kinds: ['claim'] }, fines: { schedule: {} } },
  },
  'first-visit': {},
  cooperation: {},
  'onsite-offsite': {},
  'draft-rules': {},
  'sales-dept-one': {},
  'resource-chain': {},
  'consultant-detail': {},
  'absent-split': {},
  shenyang: {},
  'channel-report': {},
  'callback-first': {},
  // 003 篇十 4: grabbing or fighting over clients costs the day's base pay; seriously, the month's base pay and
  // 50% of the month's bonus (扣罰: deducted). No claim quota.
  'store-archive': {
    periods: {
      quota: null,
      fines: {
        settlement: 'deductFromPay',
        schedule: {
          grabClient: { dayBase: '1', source: '003 篇十 4' },
          grabClientSerious: { monthBase: '1', monthBonus: '0.5', source: '003 篇十 4' },
        },
      },
    },
  },
  // 001 二.1: 100 connected calls a day, a fine of 1 per missing call; 10 invited visits a week, dismissal when
  // every week of a month misses. 二.2: an invited visit counts only when confirmed (the client contacts the
  // telemarketer, the receiver signs); 10 of them earn half a paid day off. 一.3: A-C numbers are called again
  // about a month later. 备注: monthly ranking by invited visits and conversions, outside the top six eliminated.
  'call-center': {
    periods: {
      calls: { roles: ['telemarketer'], daily: 100, finePerMissing: '1', weeklyInvitedVisits: 10, dismissal: true, recycleDays: 30 },
      invitations: { confirm: true },
      inviteRate: { percent: 20, period: 'week' },
      dayOff: { per: 10, days: '0.5', period: 'month' },
      elimination: { mode: 'outsideTop', top: 6, period: 'month', roles: ['telemarketer'], rankBy: ['invitedVisits', 'conversions'] },
      quota: null,
      fines: { settlement: 'deductFromPay', schedule: {} },
    },
  },
};
