/**
 * The pre-launch period (前期, 002 §6.3): claims made before internal
 * subscription starts stay valid until some days after it starts, a date
 * the office announces when it is fixed.
 */
import { keys } from '../kernel/chain.js';
import { rules } from '../kernel/decision.js';
import { append } from '../kernel/list.js';
import { windowEnd } from '../kernel/time.js';
import { draftFile, isPreLaunchClaim, ownershipDecision, protectionEnd, type OwnCtx } from './file.js';
import { renewedBasis } from './state.js';

const PRE_LAUNCH = rules('OWN-VALIDITY');

/**
 * An announcement of internal subscription (正式通知内部认购开始, 002 §6.3).
 * Without a start it opens the pre-launch period, whose claims do not lapse
 * while the start is to be fixed; with one it fixes (or moves) the start,
 * and every claim of the period is then valid until `preLaunchDays` after
 * it: the days of the version the claim was made under, whatever version
 * the announcement comes under. An announcement after the start of the last
 * period opens a new one. Claims made under a policy without
 * `preLaunchDays` are no pre-launch claims: it changes nothing for them.
 * @internal
 */
export function announceSubscription(c: OwnCtx, startsAt: number | null): void {
  const { tx } = c;
  const last = c.s.launch.value;
  const open = last !== null && (last.startsAt === null || tx.at < last.startsAt) ? last : null;
  const from = open?.from ?? tx.at;
  const claims = open?.claims ?? null;
  c.s.launch.set(tx, { from, startsAt, event: tx.id, claims });
  const now = c.p.ownership.preLaunchDays;
  if (startsAt === null || (now === null && c.pAt === undefined)) return;
  // The period's clients, each once, in key order (a replay and a run of applies agree).
  for (const key of keys(claims).sort()) {
    const file = c.s.files.get(key);
    if (file === undefined || !isPreLaunchClaim(file, from, startsAt)) continue;
    // OWN-VALIDITY: the claim keeps the pre-launch days of the version it was made under.
    const days = c.pAt === undefined ? now : c.pAt(file.basis.at).ownership.preLaunchDays;
    if (days === null) continue;
    const end = windowEnd(c.cal, startsAt, days);
    if (file.windowEndsAt === end) continue;
    const f = draftFile(c, key);
    f.windowEndsAt = end;
    f.basis = renewedBasis(f.basis, tx.id);
    ownershipDecision(c, f, f.owner, protectionEnd(f), PRE_LAUNCH, append(f.basis.evidence, tx.id), 'preLaunch', { startsAt, days });
  }
}
