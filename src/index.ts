/**
 * salesfloor: the rules of real-estate sales offices as a pure engine. An
 * event log goes in; decisions with their reasons, and views for reports,
 * come out. No I/O, no clock: time comes from events.
 *
 * @example
 * ```ts
 * import { parseLog, replay, explain } from 'salesfloor';
 * const { events, issues } = parseLog(text);
 * const { state } = replay(events, { timeZone: 'Asia/Shanghai' });
 * const story = explain(state, '13812345678').lines; // the client's story, one line per decision
 * ```
 *
 * @packageDocumentation
 */

// The rule catalog
export { ruleIds, ruleIdSchema, type RuleId } from './kernel/rules.js';

// Events: the log's schemas and readers
export {
  idSchema,
  instantSchema,
  decimalSchema,
  clockSchema,
  relationSchema,
  dealStageSchema,
  stageRank,
  clientRefSchema,
  partyMemberSchema,
  type Relation,
  type DealStage,
  type ClientRef,
  type PartyMember,
} from './events/common.js';
export {
  staffStatusSchema,
  staffRoleSchema,
  changeStaffSchema,
  registerVisitSchema,
  registerCallSchema,
  claimClientSchema,
  recordFollowUpSchema,
  raiseDisputeSchema,
  issueRulingSchema,
  fileComplaintSchema,
  assignClientSchema,
  linkClientsSchema,
  announceDeveloperContactsSchema,
  closeDealSchema,
  refundSchema,
  endReceptionSchema,
  assignDutySchema,
  setRotationPenaltySchema,
  splitDealSchema,
  setTargetsSchema,
  eventSchemas,
  eventSchema,
  type StaffStatus,
  type StaffRole,
  type Event,
  type EventType,
  type EventOf,
  type EventInput,
} from './events/schema.js';
export { parseEvent, parseLine, parseLog, sortEvents, type ParseResult, type ParsedLog } from './events/parse.js';
export { issueSchema, issueCodeSchema, formatIssue, type Issue, type IssueCode } from './kernel/issues.js';

// Decisions and their traces
export {
  traceSchema,
  ownerStatusSchema,
  channelSchema,
  receptionDecisionSchema,
  registrationDecisionSchema,
  identityDecisionSchema,
  ownershipDecisionSchema,
  claimDecisionSchema,
  collisionDecisionSchema,
  disputeDecisionSchema,
  penaltyDecisionSchema,
  referralDecisionSchema,
  followUpDecisionSchema,
  dealDecisionSchema,
  staffDecisionSchema,
  queueDecisionSchema,
  skipReasonSchema,
  allocationDecisionSchema,
  ledgerEntrySchema,
  decisionSchema,
  type Trace,
  type OwnerStatus,
  type Channel,
  type SkipReason,
  type Decision,
  type DecisionOf,
  type LedgerEntry,
} from './legacy/decisions.js';

// Policies
export { policySchema, type Policy, type PolicyInput } from './policy/schema.js';
export { presetNames, presetCatalog, presetPolicy, isPresetName, type PresetName, type PresetInfo } from './policy/presets/index.js';
export { identityPolicySchema, type IdentityPolicy } from './identity/policy.js';
export {
  registrationPolicySchema,
  claimsPolicySchema,
  ownershipPolicySchema,
  collisionsPolicySchema,
  disputesPolicySchema,
  referralsPolicySchema,
} from './ownership/policy.js';
export { rotationPolicySchema, makeUpModeSchema, type RotationPolicy, type MakeUpMode } from './rotation/policy.js';
export {
  dealsPolicySchema,
  splitsPolicySchema,
  commissionPolicySchema,
  type DealsPolicy,
  type SplitsPolicy,
  type CommissionPolicy,
} from './deals/policy.js';

// The engine
export {
  apply,
  ingest,
  replay,
  replayFrom,
  replayer,
  initialState,
  validatePolicy,
  PolicyError,
  type ReplayResult,
  type Replayer,
} from './legacy/office/fold.js';
export { createOffice, type Office } from './legacy/office/office.js';
export { engineOptionsSchema, type OfficeState, type Step, type EngineOptions, type EngineOptionsInput } from './legacy/office/state.js';
export { toSnapshot, fromSnapshot, type Snapshot } from './legacy/office/snapshot.js';

// Views and explanations
export {
  owners,
  ownerOf,
  findClient,
  nextReceiver,
  fairnessLedger,
  staffList,
  history,
  type OwnerRow,
  type ViewOptions,
} from './legacy/office/views.js';
export { explain, describeDecision, type Explanation } from './legacy/office/explain.js';
export {
  dealsOf,
  ledgerEntries,
  commissionLedger,
  credits,
  attainment,
  type DealRow,
  type DealShare,
  type LedgerQuery,
  type CommissionMonth,
  type CreditMonth,
  type AttainmentRow,
} from './legacy/deals/views.js';
export type { Standing } from './legacy/deals/ledger.js';

// JSON Schemas for other languages
export { eventJsonSchema, policyJsonSchema } from './jsonSchema.js';

// Identity helpers
export { normalizePhone, maskPhone, maskKeys, type Phone } from './identity/phone.js';

// Slices of the state, for readers who go deeper than the views
export type { StaffMember, StaffState } from './legacy/staff/staff.js';
export type { IdentityState, Person, LinkRelation, Match } from './legacy/identity/identity.js';
export type { OwnershipState } from './legacy/ownership/state.js';
export type { ClientFile, Registration, Basis, FileDeal, OwnerView } from './legacy/ownership/file.js';
export type { RotationState, Seat, FairnessDay, SkipCounts } from './legacy/rotation/state.js';
export type { QueueEntry, QueueReason, NextReceiver, FairnessOptions, FairnessRow } from './legacy/rotation/report.js';
export type { DealsState, Deal, DealSplit, Booking, Part, Counted, Terms, Tally } from './legacy/deals/deals.js';
export type { Share } from './legacy/deals/split.js';
export type { PMap } from './legacy/_lib/pmap.js';
