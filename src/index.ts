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
export { readTime } from './kernel/time.js';

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
  recordOutboundCallSchema,
  recordInvitationSchema,
  recordInvitedArrivalSchema,
  setGradeSchema,
  recordViolationSchema,
  releaseClaimSchema,
  recognizeClientSchema,
  holdMarketingEventSchema,
  appointmentSchema,
  dutyHoursSchema,
  returnClaimSchema,
  redistributeClientsSchema,
  announceSubscriptionSchema,
  eventSchemas,
  eventSchema,
  type StaffStatus,
  type StaffRole,
  type Appointment,
  type Event,
  type EventType,
  type EventOf,
  type EventInput,
} from './events/schema.js';
export { parseEvent, parseLine, parseLog, sortEvents, lineOf, parseLimits, type ParseResult, type ParsedLog, type ParseLimits } from './events/parse.js';
export { issueSchema, issueCodeSchema, formatIssue, type Issue, type IssueCode } from './kernel/issues.js';

// Decisions
export { argsSchema, type Args } from './kernel/decision.js';
export { ownerStatusSchema, channelSchema, registrationDecisionSchema, ownershipDecisionSchema, claimDecisionSchema, collisionDecisionSchema, disputeDecisionSchema, referralDecisionSchema, followUpDecisionSchema, type OwnerStatus, type Channel } from './ownership/decisions.js';
export { identityDecisionSchema, matchSchema, type Match } from './identity/decisions.js';
export { receptionDecisionSchema, queueDecisionSchema, skipReasonSchema, skipSchema, type SkipReason, type Skip } from './rotation/decisions.js';
export { dealDecisionSchema, allocationDecisionSchema, ledgerEntrySchema, recognitionDecisionSchema, marketingEventDecisionSchema, type LedgerEntry } from './deals/decisions.js';
export { staffDecisionSchema } from './staff/decisions.js';
export {
  kpiDecisionSchema,
  flagDecisionSchema,
  penaltyDecisionSchema,
  violationDecisionSchema,
  gradeDecisionSchema,
  rewardDecisionSchema,
  invitationDecisionSchema,
  recycleDecisionSchema,
} from './periods/decisions.js';
export { decisionSchema, type Decision, type DecisionOf } from './office/decisions.js';

// Policies
export { policySchema, limitsPolicySchema, type Policy, type PolicyInput, type LimitsPolicy } from './policy/schema.js';
export {
  policyVersionSchema,
  policyTimelineSchema,
  validateTimeline,
  type PolicyTimelineInput,
  type PolicySource,
  type PolicyVersion,
  type Timeline,
} from './policy/timeline.js';
export {
  presetNames,
  presetCatalog,
  presets,
  presetPolicy,
  presetInput,
  isPresetName,
  type Preset,
  type PresetField,
  type PresetValue,
  type PresetName,
  type PresetInfo,
} from './policy/presets/index.js';
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
export { periodsPolicySchema, fineSpecSchema, type PeriodsPolicy, type FineSpec } from './periods/policy.js';

// The engine
export {
  apply,
  ingest,
  replay,
  replayFrom,
  replayer,
  asOf,
  initialState,
  validatePolicy,
  PolicyError,
  type AsOf,
  type ReplayResult,
  type Replayer,
  type ReplayerOptions,
} from './office/fold.js';
export { createOffice, type Office, type OfficeReplayOptions, type PolicyChoice } from './office/office.js';
export { engineOptionsSchema, type OfficeState, type Step, type EngineOptions, type EngineOptionsInput, type Ahead, type Seen, type SeenState, type Story } from './office/state.js';
export { toSnapshot, fromSnapshot, type Snapshot } from './office/snapshot.js';

// Views and explanations
export {
  owners,
  ownerOf,
  findClient,
  nextReceiver,
  fairnessLedger,
  staffList,
  history,
  dealsOf,
  ledgerEntries,
  commissionLedger,
  credits,
  attainment,
  localTime,
  scorecard,
  callBacks,
  finesLedger,
  viewAs,
  type SalespersonView,
  type OwnerRow,
  type ViewOptions,
  type ScorecardOptions,
} from './office/views.js';
export type { ScorecardRow, CallBack } from './periods/views.js';
export { periodKinds, type PeriodKind } from './periods/calendar.js';
export { explain, describeDecision, describeReason, type Explanation } from './office/explain.js';

// What-if: two policies on one log
export {
  compare,
  comparer,
  type Comparison,
  type Comparer,
  type CompareOptions,
  type Trace,
  type OwnerDifference,
  type OwnerSide,
  type VisitDifference,
  type VisitSide,
  type MonthDifference,
  type MoneySide,
  type MoneyAccount,
  type TurnDifference,
  type TurnsSide,
  type RefusalDifference,
} from './office/compare.js';
export type { DealRow, DealShare, LedgerQuery, CommissionMonth, CreditMonth, AttainmentRow } from './deals/views.js';
export type { Standing } from './deals/ledger.js';

// JSON Schemas for other languages
export { eventJsonSchema, policyJsonSchema } from './jsonSchema.js';

// Identity helpers
export { normalizePhone, maskPhone, maskPhonesIn, maskKeys, type Phone } from './identity/phone.js';

// Slices of the state, for readers who go deeper than the views
export type { StaffMember, StaffState } from './staff/state.js';
export type { IdentityState, Person, PersonPhone, LinkRelation, Keys } from './identity/state.js';
export { namesOf, phonesOf } from './identity/state.js';
export type { OwnershipState, ClientFile, FileExtra, Registration, Basis, FileDeal, Launch } from './ownership/state.js';
export type { Chain } from './kernel/chain.js';
export type { OwnerView } from './ownership/file.js';
export type { RotationState, Seat, FairnessDay, SkipCounts, QueueHead, DutyDay, HandBack, CountedVisit } from './rotation/state.js';
export type { QueueEntry, QueueReason, NextReceiver, FairnessOptions, FairnessRow } from './rotation/report.js';
export type { DealsState, Deal, DealSplit, Booking, Part, Counted, Terms, Tally, Recognition, MarketingEvent } from './deals/state.js';
export type { Share } from './deals/split.js';
export type { PeriodsState, Card, Clock, Summary, Flag, Invitation, Invited, CalledNumber, PendingFine, CounterName, ClaimBook, PeriodStanding } from './periods/state.js';
export { counterNames } from './periods/state.js';
export type { PMap } from './kernel/map.js';
