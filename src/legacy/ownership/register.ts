/**
 * Registrations and claims (RULES §B) and the ownership they establish
 * (OWN-FIRST, OWN-VALIDITY), with the collisions a registration can cause
 * (COL-EARLIEST, COL-SAME-DAY, REG-CALL-BEFORE-VISIT).
 */
import { minutesOf } from '../../kernel/time.js';
import type { Channel, Decision } from '../decisions.js';
import type { RuleId } from '../../kernel/rules.js';
import { decide, type Ctx } from '../office/context.js';
import {
  grant,
  isProtected,
  record,
  renew,
  settle,
  untilText,
  protectionEnd,
  type ClientFile,
  type FileStep,
  type Registration,
} from './file.js';

/**
 * The book day a registration counts for: after the cutoff, the next day (REG-CUTOFF).
 * @internal
 */
export function bookDay(ctx: Ctx, at: number): number {
  const day = ctx.calendar.dayOf(at);
  const cutoff = ctx.policy.registration.cutoff;
  return cutoff !== null && ctx.calendar.minuteOfDay(at) >= minutesOf(cutoff) ? day + 1 : day;
}

/**
 * Who gets a free client from this registration, and why. Defaults to the
 * registering staff member (REG-FIRST, OWN-FIRST).
 * @internal
 */
export interface Claimant {
  readonly staff: string;
  readonly rules: RuleId[];
  readonly note: string;
  /** The client came by referral: the REF-WINDOW applies. */
  readonly referral: boolean;
}

/** A registration about to enter a client's file. @internal */
export interface Registering {
  readonly registration: Registration;
  /** Why it is invalid (REG-FIELDS), when it is. */
  readonly invalidReason: string | null;
  readonly claimant: Claimant | null;
}

const CLAIM_CHANNELS: readonly Channel[] = ['claim', 'preFile'];

function registrationDecision(file: ClientFile, ctx: Ctx, r: Registration, invalidReason: string | null): Decision {
  const rules: RuleId[] = r.valid ? ['REG-FIRST'] : ['REG-FIELDS', 'REG-FIRST'];
  let note = r.valid ? `${r.channel} registered by ${r.staff ?? 'nobody'}` : `invalid ${r.channel} registration: ${invalidReason ?? 'missing fields'}; it counts for nothing`;
  if (r.day !== ctx.calendar.dayOf(r.at)) {
    rules.push('REG-CUTOFF');
    note += `; after the ${ctx.policy.registration.cutoff ?? ''} cutoff it counts for ${ctx.calendar.dayIso(r.day)}`;
  }
  return decide(
    ctx,
    { kind: 'registration', client: file.key, staff: r.staff, channel: r.channel, valid: r.valid, day: ctx.calendar.dayIso(r.day) },
    rules,
    [],
    note,
  );
}

function collision(
  file: ClientFile,
  ctx: Ctx,
  challenger: string,
  outcome: 'ownerKeeps' | 'challengerWins' | 'awaitingRuling',
  rules: RuleId[],
  note: string,
  day: number,
): FileStep {
  const decision = decide(
    ctx,
    { kind: 'collision', client: file.key, owner: file.owner, challenger, outcome },
    rules,
    file.basis.evidence,
    note,
  );
  const staff = file.owner === null ? [challenger] : [file.owner, challenger];
  return { file: record({ ...file, collision: { staff, day, event: ctx.event.id } }, [decision]), decisions: [decision] };
}

function basisDay(file: ClientFile): number | undefined {
  return file.registrations.find((r) => file.basis.evidence.includes(r.event))?.day;
}

/**
 * Enters a registration into a client's file and decides ownership:
 * a free client goes to the claimant (OWN-FIRST); a protected one stays with
 * its owner (COL-EARLIEST) unless a same-day call outranks a visit
 * (REG-CALL-BEFORE-VISIT) or same-day claims await a ruling (COL-SAME-DAY).
 * @internal
 */
export function registerClient(before: ClientFile, input: Registering, ctx: Ctx): FileStep {
  const settled = settle(before, ctx);
  const r = input.registration;
  const registered: ClientFile = { ...settled.file, registrations: [...settled.file.registrations, r] };
  const regDecision = registrationDecision(registered, ctx, r, input.invalidReason);
  let file = record(registered, [regDecision]);
  const decisions: Decision[] = [...settled.decisions, regDecision];
  const done = (step: FileStep): FileStep => ({ file: step.file, decisions: [...decisions, ...step.decisions] });
  if (!r.valid || r.staff === null) return { file, decisions };

  const claimant: Claimant = input.claimant ?? { staff: r.staff, rules: ['OWN-FIRST'], note: `first registration, by ${r.staff}`, referral: false };
  if (file.status === 'developer') {
    const d = decide(ctx, { kind: 'ownership', client: file.key, owner: null, previous: null, status: 'developer', protectionEndsAt: null }, ['REF-DEVELOPER'], [], "the developer's announced contact: not a sales client");
    return done({ file: record(file, [d]), decisions: [d] });
  }
  if (file.status === 'pool') {
    const d = decide(ctx, { kind: 'ownership', client: file.key, owner: null, previous: null, status: 'pool', protectionEndsAt: null }, ['OWN-DEPARTED', 'OWN-MANAGER'], file.basis.evidence, 'in the public pool: only a manager assignment takes the client out');
    return done({ file: record(file, [d]), decisions: [d] });
  }
  if (file.status === 'none' || file.owner === null) {
    return done(grant(file, ctx, { staff: claimant.staff, channel: r.channel, at: r.at, rules: [...claimant.rules, 'REG-FIRST'], evidence: [r.event], note: claimant.note, referral: claimant.referral }));
  }

  const owner = file.owner;
  if (owner === claimant.staff) {
    const renews =
      (r.channel === 'visit' && ctx.policy.ownership.renewOn.includes('visit')) ||
      (CLAIM_CHANNELS.includes(r.channel) && ctx.policy.ownership.renewOn.includes('claim') && ctx.policy.claims.reclaimRenews);
    if (!renews) return { file, decisions };
    const oldEnd = protectionEnd(file, ctx);
    file = renew(file, ctx, r.channel);
    const end = protectionEnd(file, ctx);
    if (end === oldEnd) return { file, decisions };
    const d = decide(ctx, { kind: 'ownership', client: file.key, owner, previous: owner, status: file.status, protectionEndsAt: end === null ? null : ctx.calendar.localIso(end) }, ['OWN-VALIDITY'], [r.event], `${r.channel} by the owner renews the protection ${untilText(ctx, end)}`);
    return done({ file: record(file, [d]), decisions: [d] });
  }

  const sameDay = basisDay(file) === r.day;
  if (
    ctx.policy.registration.callBeforeVisit &&
    r.channel === 'call' &&
    file.basis.channel === 'visit' &&
    file.status === 'protected' &&
    sameDay
  ) {
    const c = collision(file, ctx, claimant.staff, 'challengerWins', ['REG-CALL-BEFORE-VISIT'], `a call and a visit on the same day: the call registration by ${claimant.staff} comes first`, r.day);
    const g = grant(c.file, ctx, { staff: claimant.staff, channel: 'call', at: r.at, rules: ['REG-CALL-BEFORE-VISIT', 'REG-FIRST'], evidence: [r.event], note: 'the call registration of the same day comes before the visit' });
    return done({ file: g.file, decisions: [...c.decisions, ...g.decisions] });
  }
  if (
    ctx.policy.collisions.sameDay === 'ruling' &&
    CLAIM_CHANNELS.includes(r.channel) &&
    file.basis.channel !== null &&
    CLAIM_CHANNELS.includes(file.basis.channel) &&
    isProtected(file.status) &&
    sameDay
  ) {
    const c = collision(file, ctx, claimant.staff, 'awaitingRuling', ['COL-SAME-DAY', 'DSP-PROCESS'], `${claimant.staff} and ${owner} claimed on the same day: the manager rules from the daily reports; ${owner} holds it until then`, r.day);
    const disputed: ClientFile = { ...c.file, status: 'disputed', dispute: { raisedBy: null, event: ctx.event.id, level: 'raised', ruledBy: null, ruledOwner: null } };
    return done({ file: disputed, decisions: c.decisions });
  }
  const rules: RuleId[] = ['COL-EARLIEST', 'OWN-FIRST'];
  if (claimant.rules.includes('OWN-NAMED')) rules.push('OWN-NAMED');
  const why = file.status === 'permanent' ? 'a permanent old client after a deal' : `protected ${untilText(ctx, protectionEnd(file, ctx))}`;
  const step = collision(file, ctx, claimant.staff, 'ownerKeeps', rules, `${owner} registered first and keeps the client (${why}); ${claimant.staff} must hand it over`, r.day);
  const named = claimant.rules.includes('OWN-NAMED') ? { ...step.file, named: claimant.staff } : step.file;
  return done({ file: named, decisions: step.decisions });
}

/**
 * Checks a claim against the submission windows (CLM-WINDOW) and the
 * same-day registration requirement (CLM-REQUIRES-REGISTRATION). Pre-filed
 * clients are exempt (CLM-PRE-FILE).
 * @internal
 */
export function claimRefusal(file: ClientFile | undefined, staff: string, kind: 'claim' | 'preFile' | 'report' | 'update', ctx: Ctx): { rules: RuleId[]; note: string } | null {
  if (kind === 'preFile' || kind === 'report') return null;
  const windows = ctx.policy.claims.windows;
  if (windows.length > 0) {
    const minute = ctx.calendar.minuteOfDay(ctx.at);
    const open = windows.some((w) => minute >= minutesOf(w.from) && minute < minutesOf(w.to));
    if (!open) {
      const list = windows.map((w) => `${w.from}-${w.to}`).join(', ');
      return { rules: ['CLM-WINDOW'], note: `claims are accepted only in ${list}; refused and kept on record` };
    }
  }
  const isNew = file === undefined || !file.registrations.some((r) => r.valid && r.staff === staff && (r.channel === 'claim' || r.channel === 'preFile'));
  if (ctx.policy.claims.requireRegistration && isNew) {
    const day = bookDay(ctx, ctx.at);
    const booked = file?.registrations.some((r) => r.valid && r.staff === staff && (r.channel === 'visit' || r.channel === 'call') && r.day === day);
    if (!booked) {
      return { rules: ['CLM-REQUIRES-REGISTRATION'], note: `no visit or call registration by ${staff} for this client today: the claim is refused` };
    }
  }
  return null;
}

/**
 * A claim update (CLM-UPDATE): a changed need or buyer makes the claim's time
 * the time of the new submission.
 * @internal
 */
export function updateClaim(file: ClientFile, staff: string, ctx: Ctx): FileStep | null {
  const index = file.registrations.findIndex((r) => r.staff === staff && r.valid && (r.channel === 'claim' || r.channel === 'preFile'));
  if (index < 0) return null;
  const old = file.registrations[index] as Registration;
  const moved: Registration = { ...old, at: ctx.at, day: bookDay(ctx, ctx.at) };
  const registrations = [...file.registrations];
  registrations[index] = moved;
  let next: ClientFile = { ...file, registrations };
  const decisions: Decision[] = [];
  if (file.owner === staff && file.basis.evidence.includes(old.event)) {
    const g = grant(next, ctx, { staff, channel: old.channel, at: ctx.at, rules: ['CLM-UPDATE', 'OWN-FIRST'], evidence: [old.event], note: `claim updated: its time is now the second submission's` });
    next = g.file;
    decisions.push(...g.decisions);
  }
  const d = decide(ctx, { kind: 'claim', client: file.key, staff, outcome: 'updated' }, ['CLM-UPDATE'], [old.event], `need or buyer changed: the claim of ${staff} now dates from ${ctx.calendar.localIso(ctx.at)}`);
  return { file: record(next, [d]), decisions: [d, ...decisions] };
}

/**
 * A recorded follow-up (OWN-FOLLOWUP): by the owner it restarts the
 * follow-up clock (and, if the policy says so, the window); by anyone else
 * it keeps nothing.
 * @internal
 */
export function followUp(before: ClientFile, staff: string, doNotCall: boolean | undefined, ctx: Ctx): FileStep {
  const settled = settle(before, ctx);
  let file = settled.file;
  if (doNotCall !== undefined && file.owner === staff) file = { ...file, doNotCall };
  let kept = false;
  let note: string;
  if (file.owner === staff && isProtected(file.status)) {
    file = renew(file, ctx, ctx.policy.ownership.renewOn.includes('followUp') ? file.basis.channel : null);
    kept = true;
    note = `follow-up by the owner; protected ${untilText(ctx, protectionEnd(file, ctx))}`;
    if (file.doNotCall && ctx.policy.ownership.followUp.doNotCallExempt) note += '; the client asked not to be called, so no follow-up is due';
  } else if (file.owner === staff) {
    kept = true;
    note = `follow-up by the owner of a ${file.status} client`;
  } else {
    note = file.owner === null ? `${staff} followed up a client no one owns: a follow-up is not a registration` : `${staff} is not the owner (${file.owner}): the follow-up keeps nothing`;
  }
  const d = decide(ctx, { kind: 'followUp', client: file.key, staff, kept }, ['OWN-FOLLOWUP'], file.basis.evidence, note);
  return { file: record(file, [d]), decisions: [...settled.decisions, d] };
}
