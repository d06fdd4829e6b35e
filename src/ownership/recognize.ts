/**
 * Recognition and redistribution: an old client recognized during a
 * reception is handed back to their original (OWN-RECOGNIZE), and the
 * clients of a salesperson on long leave or transferred go where the
 * manager's draw sends them (OWN-REDISTRIBUTE). Both rest on facts the
 * engine cannot observe, which arrive as events: it never draws.
 */
import { rules } from '../kernel/decision.js';
import type { Issue } from '../kernel/issues.js';
import type { StaffStatus } from '../events/schema.js';
import type { DealMove } from './facts.js';
import { draftFile, dueFollowUp, grant, ownershipDecision, protectionEnd, setOwner, settle, type OwnCtx } from './file.js';
import { hasLiveDeal, holderOf, type ClientFile } from './state.js';

const RECOGNIZED = rules('OWN-RECOGNIZE');
const RECOGNIZED_BACK = rules('OWN-RECOGNIZE', 'OWN-FIRST');

/**
 * Someone recognized an old client (OWN-RECOGNIZE). When a receiver had
 * taken them from an original who did not recognize them, the client goes
 * back to the original, with the deal the receiver closed (003 3(1): 成交后
 * 业绩属b; 004b §4.4: only up to the deal day, when the policy says so).
 * Otherwise the recognition is recorded and the holder keeps them.
 * @returns the deal that follows the client back, if any
 * @internal
 */
export function recognize(c: OwnCtx, client: string, staff: string | null, original: string | undefined): DealMove | null {
  const { tx } = c;
  const f = draftFile(c, client);
  settle(c, f);
  const r = f.x.recognition;
  if (r && f.owner === r.taker && (original === undefined || original === r.original)) {
    const deal = f.deal !== null && !f.deal.refunded && f.deal.staff === r.taker ? f.deal : null;
    if (deal !== null && c.p.ownership.recognition.untilDealDay && c.cal.dayOf(tx.at) > c.cal.dayOf(deal.at)) {
      ownershipDecision(c, f, f.owner, protectionEnd(f), RECOGNIZED, [r.event, deal.event], 'recognizedTooLate', { by: staff, original: r.original, deal: deal.deal });
      f.x = { ...f.x, recognition: null };
      return null;
    }
    const taker = f.owner;
    if (deal !== null || f.status === 'permanent') {
      grant(c, f, { staff: r.original, status: 'permanent', channel: null, at: tx.at, rules: RECOGNIZED_BACK, evidence: [r.event, tx.id], why: 'recognizedBack', args: { by: staff, original: r.original, from: taker } });
    } else {
      // The original's protection as it stood before the reception; a client who has since asked not to be called is waived now (OWN-FOLLOWUP, 004h).
      setOwner(c, f, r.original);
      f.status = r.status;
      f.basis = r.basis;
      f.windowEndsAt = r.windowEndsAt;
      f.followUpBy = dueFollowUp(c, f, r.followUpBy);
      ownershipDecision(c, f, taker, protectionEnd(f), RECOGNIZED_BACK, [r.event, tx.id], 'recognizedBack', { by: staff, original: r.original, from: taker });
    }
    f.x = { ...f.x, recognition: null };
    if (deal === null) return null;
    return { deal: deal.deal, to: r.original, rules: RECOGNIZED, evidence: [r.event, tx.id], note: `recognized as ${r.original}'s old client on or before the deal day: handed back` };
  }
  const holder = holderOf(f);
  const whose = original ?? holder;
  ownershipDecision(c, f, f.owner, protectionEnd(f), RECOGNIZED, f.basis.evidence, whose !== null && whose === holder ? 'recognized' : 'recognizedNotHeld', { by: staff, original: whose });
  return null;
}

const REDISTRIBUTE = rules('OWN-REDISTRIBUTE', 'OWN-MANAGER');
const REDISTRIBUTE_REFUSED = rules('OWN-REDISTRIBUTE');

/** The roster's view of the salesperson whose clients are redistributed. @internal */
export interface Leaver {
  readonly id: string;
  readonly status: StaffStatus;
  /** Epoch ms of their last status change. */
  readonly since: number;
}

/**
 * Why the policy does not let this salesperson's clients be redistributed
 * now, or null (OWN-REDISTRIBUTE: the statuses that count, and how long).
 */
function notLongLeave(c: OwnCtx, leaver: Leaver): string | null {
  const p = c.p.ownership.redistribute;
  if (!p.from.includes(leaver.status)) return 'notOnLeave';
  if (p.afterDays !== null && c.cal.dayOf(c.tx.at) - c.cal.dayOf(leaver.since) < p.afterDays) return 'leaveTooShort';
  return null;
}

/**
 * The issue of a redistribution that gives a client back to the leaver.
 * @internal
 */
export function redistributionIssue(c: OwnCtx, leaver: string, to: string, path: (string | number)[]): Issue | null {
  if (to !== leaver) return null;
  return { code: 'invalid_value', path: [...path, 'staff'], event: c.tx.id, message: `a redistribution gives ${leaver}'s clients to others, not back to ${leaver}` };
}

/** Whether a client is the leaver's to redistribute: theirs now, or moved by their departure and not taken since. */
function leaversClient(f: ClientFile | undefined, leaver: string): boolean {
  return f !== undefined && (f.owner === leaver || (f.owner === null && f.x.leftBy === leaver));
}

/**
 * The manager's draw gives each client of a salesperson on long leave or
 * transferred to another (OWN-REDISTRIBUTE, 003 3(12)). When the policy
 * does not count the leaver's status as long leave, or a client is not the
 * leaver's, nothing moves for it and the refusal is on record. Check
 * {@link redistributionIssue} first.
 * @internal
 */
export function redistribute(c: OwnCtx, leaver: Leaver, moves: readonly { readonly client: string; readonly staff: string }[], draw: string | undefined): void {
  const refused = notLongLeave(c, leaver);
  for (const m of moves) {
    const held = c.s.files.get(m.client) as ClientFile;
    const why = refused ?? (leaversClient(held, leaver.id) ? null : 'notTheirs');
    if (why !== null) {
      ownershipDecision(c, held, held.owner, protectionEnd(held), REDISTRIBUTE_REFUSED, [], why, { staff: leaver.id, status: leaver.status, days: c.p.ownership.redistribute.afterDays });
      continue;
    }
    const f = draftFile(c, m.client);
    const dealt = hasLiveDeal(f);
    grant(c, f, { staff: m.staff, status: dealt ? 'permanent' : 'protected', channel: dealt ? null : 'assigned', at: c.tx.at, rules: REDISTRIBUTE, evidence: [c.tx.id], why: 'redistributed', args: { by: m.staff, from: leaver.id, draw: draw ?? null } });
  }
}
