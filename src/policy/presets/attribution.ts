/**
 * The attribution sections of each preset (RULES §A, §B, §C, §E, §F): who is
 * the same client, how registrations and claims work, how long ownership
 * lasts, how collisions and disputes end, and how referrals count. Sections
 * left out take the schema's defaults.
 */
import type { PolicyInput } from '../schema.js';
import type { PresetName } from './catalog.js';

type Attribution = Pick<PolicyInput, 'identity' | 'registration' | 'claims' | 'ownership' | 'collisions' | 'disputes' | 'referrals'>;

/** Attribution sections by preset. */
export const attributionPresets: Record<PresetName, Attribution> = {
  // 000 §4-§9: the visitor book decides; first registration owns; ownership and credit follow it.
  jiuzhou: {
    ownership: { validityDays: { visit: null, call: null, claim: null }, namedOwnsNewClient: true },
  },
  // 002: the confirmation desk.
  'confirmation-desk': {
    identity: { matchOn: 'phoneOrName', needMustMatch: true, familyRelations: ['spouse', 'parent', 'child'] },
    claims: { windows: [{ from: '09:00', to: '10:00' }, { from: '16:00', to: '17:00' }], requireRegistration: true, reclaimRenews: true },
    ownership: { validityDays: { claim: 10, preFile: 10 }, renewOn: ['claim'], managerAssigns: 'service' },
    collisions: { sameDay: 'ruling', afterDealDays: 3, afterDealStage: 'subscription', companyVsPerson: 'contractName' },
    disputes: { raiseSameDay: true, appealFailedFine: '400', overturnFine: '500' },
    referrals: { accompaniedGoesToOriginal: true, chain: false },
  },
  // 004a: the first visit registration is the sole basis; a named salesperson receives.
  'first-visit': {
    registration: { requiredFields: ['name', 'phone'] },
    ownership: { namedOwnsNewClient: true },
  },
  // 004b: family of spouses and parent/child; siblings are separate households; first referrer counts; staff excluded.
  cooperation: {
    identity: { familyRelations: ['spouse', 'parent', 'child'] },
    referrals: { staffBonus: false },
  },
  // 004d: 15-day window, a follow-up every 10 days, referrals 40 days.
  'onsite-offsite': {
    ownership: { validityDays: { visit: 15, call: 15 }, followUp: { withinDays: 10 } },
    referrals: { windowDays: 40 },
  },
  // 004e: one month, manager assignments own, complaints reassign.
  'draft-rules': {
    ownership: { validityDays: { visit: 30, call: 30 }, managerAssigns: 'ownership', complaintReassigns: true, namedOwnsNewClient: true },
    identity: { familyNeedMustMatch: true },
  },
  // 004f: a 10-day archive kept alive by follow-up records.
  'sales-dept-one': {
    ownership: { validityDays: { visit: 10, call: 10 }, renewOn: ['followUp', 'visit'] },
  },
  // 004g: first contact, chains, three months, departed staff's clients to the pool.
  'resource-chain': {
    ownership: { validityDays: { visit: 90, call: 90 }, departed: { deposited: 'pool', undeposited: 'new' } },
    referrals: { chain: true },
  },
  // 004h: a follow-up record at least monthly; do-not-call clients exempt.
  'consultant-detail': {
    ownership: { validityDays: { visit: 30 }, followUp: { withinDays: 30, doNotCallExempt: true }, renewOn: ['followUp', 'visit'] },
    referrals: { accompaniedGoesToOriginal: true },
  },
  // 004i: a named salesperson owns; chains by naming or filing first.
  'absent-split': {
    ownership: { namedOwnsNewClient: true },
    referrals: { chain: true },
  },
  // 004j: calls 7 days, visits 15 days, call before visit, 18:00 cutoff.
  shenyang: {
    registration: { callBeforeVisit: true, cutoff: '18:00' },
    ownership: { validityDays: { visit: 15, call: 7 } },
  },
  // 004k: channel reports with masked phones, 7 days, three re-files.
  'channel-report': {
    identity: { maskedPhones: 'withName' },
    claims: { report: { validDays: 7, maxRefiles: 3, refileNeedsReason: true } },
    ownership: { validityDays: { report: 7 }, complaintReassigns: true },
  },
  // 004l: next-day callback, weekly calls, complaints reassign, relatives ranked.
  'callback-first': {
    identity: { familyPriority: ['spouse', 'parent', 'child', 'sibling', 'relative'] },
    ownership: { followUp: { firstWithinDays: 1, withinDays: 7 }, renewOn: ['followUp', 'visit'], complaintReassigns: true },
  },
  // 003 篇十: a two-month archive; the first-registered family member decides.
  'store-archive': {
    ownership: { validityDays: { visit: 60, call: 60 } },
  },
  // 001: telemarketers invite; visits are registered as usual.
  'call-center': {
    registration: { requiredFields: ['phone'] },
  },
};
