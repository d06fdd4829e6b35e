/**
 * The rotation sections of each preset (RULES §D), from each source's
 * reception rules. Sections left out take the schema's defaults: the plain
 * round-robin with daily carry-over, old clients not counted, company
 * business made up once, the last in the order helping an absent owner.
 * Sources without reception rules (002, 004b, 004d, 004k, 001) keep them.
 */
import type { PolicyInput } from '../schema.js';
import type { PresetName } from './catalog.js';

/** Rotation sections by preset. */
export const rotationPresets: Record<PresetName, Pick<PolicyInput, 'rotation'>> = {
  // 000 §2-§6, §9, §12, §20-§21: daily carry-over; an owner's turn passed while serving an old client is lost;
  // a teammate helps an absent owner; company business made up by the secretary; calls allocated daily in order;
  // week-long penalties (two rounds one, no calls). Duty hours exist but the source gives no times.
  jiuzhou: {
    rotation: {
      dailyStart: 'carryOver',
      makeUps: { companyBusiness: 'once', ownClient: 'none' },
      absentOwner: 'team',
      callAllocation: 'rotation',
      penaltyDays: 7,
    },
  },
  'confirmation-desk': {},
  // 004a: the last in the order helps with an absent salesperson's appointment, not a skip; a salesperson whose
  // old client arrives when it is their turn is made up once after; deposit-only visits are assistance.
  'first-visit': {
    rotation: { absentOwner: 'last', makeUps: { ownClient: 'once' } },
  },
  cooperation: {},
  'onsite-offsite': {},
  // 004e §3, §7: the last in the order receives for a resting or travelling owner, not a valid turn;
  // calls are allocated by the site manager.
  'draft-rules': {
    rotation: { absentOwner: 'last', callAllocation: 'manager' },
  },
  // 004f: a fixed order carried over day to day ("if 4 was last today, 5 starts tomorrow"); whoever is kept past
  // their turn by an own client fills in right after; calls are allocated by the manager.
  'sales-dept-one': {
    rotation: { dailyStart: 'carryOver', makeUps: { ownClient: 'once' }, callAllocation: 'manager' },
  },
  // 004g §6: staff take turns on lunch duty; the duty person receives and owns new visitors. The source says
  // "lunch time" without times: 12:00-13:30 is this preset's reading.
  'resource-chain': {
    rotation: { duty: { windows: [{ from: '12:00', to: '13:30' }] } },
  },
  // 004h §3-§7, §10: personal skips are lost, a company skip is made up once with priority; the last in the order
  // follows up for an absent salesperson; own client arriving: no make-up; calls follow the rotation table; a party
  // counts one turn.
  'consultant-detail': {
    rotation: {
      makeUps: { companyBusiness: 'once', first: true, ownClient: 'none' },
      absentOwner: 'last',
      callAllocation: 'rotation',
      groupTurns: 'one',
    },
  },
  // 004i: the first in line (B) follows up for an absent A; own client arriving: the new client goes to the next,
  // no split and no make-up.
  'absent-split': {
    rotation: { absentOwner: 'next', makeUps: { ownClient: 'none' } },
  },
  // 004j §2.3-2.4: when the salesperson is out, their team receives (ROT-TEAM-ASSIST).
  shenyang: {
    rotation: { absentOwner: 'team' },
  },
  'channel-report': {},
  // 004l §3: the last in the order receives for a resting or travelling owner, not a valid turn.
  'callback-first': {
    rotation: { absentOwner: 'last' },
  },
  // 003 篇十 §3: whoever is out on company business is made up one new client per round missed; busy with clients,
  // the others simply take their turns; a helper for an absent owner is outside the rotation.
  'store-archive': {
    rotation: { makeUps: { companyBusiness: 'perTurn', busy: 'none' }, absentOwner: 'last' },
  },
  'call-center': {},
};
