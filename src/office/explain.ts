/**
 * "Why does this client belong to Li?": a client's story in order, each step
 * with the rule IDs and events it rests on, in the words of the policy.
 */
import { maskPhonesIn } from '../identity/phone.js';
import { sentence, type Decision } from './decisions.js';
import type { OfficeState } from './state.js';
import { calendar, findClient, history, ownerOf, wording, type OwnerRow, type ViewOptions } from './views.js';

/**
 * A client's story.
 *
 * @example
 * ```ts
 * // { query: '13812345678', client: 'e2', owner: { owner: 'S01', ... }, decisions: [...], lines: ['2026-11-01 10:00 ...'] }
 * ```
 */
export interface Explanation {
  readonly query: string;
  /** The client key the query resolved to; null when none matched. */
  readonly client: string | null;
  /** Who owns the client now, with the rules it rests on. */
  readonly owner: OwnerRow | null;
  /** Every decision about the client, in order. */
  readonly decisions: readonly Decision[];
  /** The same story for people, one line per decision. */
  readonly lines: readonly string[];
}

function summary(who: (id: string | null) => string, d: Decision): string {
  switch (d.kind) {
    case 'reception':
      return d.channel === 'call'
        ? `call given to ${who(d.receiver)}${d.counted ? ' by the call rotation' : ''}`
        : `received by ${who(d.receiver)}${d.counted ? ', a counted turn' : ', no turn used'}${d.makeUp ? ' (a make-up)' : ''}`;
    case 'registration':
      return `${d.valid ? '' : 'invalid '}${d.channel} registration by ${who(d.staff)} for ${d.day}`;
    case 'identity':
      return `identity: ${d.match}`;
    case 'ownership':
      return `owner: ${who(d.owner)} (${d.status}${d.protectionEndsAt !== null ? ' until <end>' : ''})`;
    case 'claim':
      return `claim by ${who(d.staff)}: ${d.outcome}`;
    case 'collision':
      return `collision: ${who(d.owner)} vs ${who(d.challenger)}: ${d.outcome}`;
    case 'dispute':
      return `dispute: ${d.step}`;
    case 'penalty':
      return `fine ${d.amount} on ${who(d.staff)}`;
    case 'referral':
      return `referral${d.referrer ? ` by client ${d.referrer}` : ''}${d.referrerStaff ? ` by staff ${who(d.referrerStaff)}` : ''}: bonus ${d.bonusEligible ? 'due' : 'not due'}`;
    case 'followUp':
      return `follow-up by ${who(d.staff)}${d.kept ? '' : ' (keeps nothing)'}`;
    case 'deal':
      return `deal ${d.deal} ${d.stage} by ${who(d.staff)}: ${d.outcome}`;
    case 'staff':
      return `${who(d.staff)} is ${d.status}`;
    case 'queue':
      return `queue: ${d.change} for ${d.staff.map((id) => who(id)).join(', ') || 'nobody'}${d.until !== null ? ' until <end>' : ''}`;
    case 'allocation': {
      const parts = (list: readonly { staff: string; share: string }[]) => list.map((x) => `${who(x.staff)} ${x.share}`).join(', ');
      return `deal ${d.deal} split: credit ${parts(d.credit)}; commission ${d.commission === null ? 'to be negotiated' : parts(d.commission)}`;
    }
    case 'ledger':
      return `${d.entry} of ${d.account} ${d.amount} for ${who(d.staff)}${d.deal === null ? ` (month ${d.period})` : ` on deal ${d.deal}`}`;
    case 'kpi':
      return `${d.measure} of ${who(d.staff)} (${d.period} of ${d.start}): ${d.met ? 'met' : 'missed'}`;
    case 'flag':
      return `${who(d.staff)} flagged: ${d.flag}`;
    case 'violation':
      return `violation by ${who(d.staff)}: ${d.violation}`;
    case 'grade':
      return `grade of ${who(d.staff)}: ${d.grade} (${d.change})`;
    case 'reward':
      return `${who(d.staff)} earns ${d.days} day off`;
    case 'invitation':
      return `invitation by ${who(d.staff)}: ${d.step}`;
    case 'recycle':
      return `numbers of ${who(d.staff)} recycled: ${d.recycled}`;
    case 'recognition':
      return `old client of ${who(d.holder)} ${d.during === 'reception' ? 'recognized during the reception' : 'found later'}${d.redecided === null ? '' : `; deal ${d.redecided} split anew`}`;
    case 'marketingEvent':
      return `marketing event ${d.name ?? ''}`.trim();
  }
}


/**
 * The sentence of a decision for people: what was decided and why, in the
 * words of the policy, with names and local times. Rendered on demand from
 * the decision's data.
 *
 * @param state - the office state (for names and the time zone)
 * @param decision - the decision
 * @returns the sentence
 * @example
 * ```ts
 * describeReason(state, d); // 'first registration, by 李娜 (S01); protected until 2026-11-17T00:00:00+08:00'
 * ```
 */
export function describeReason(state: OfficeState, decision: Decision): string {
  return maskPhonesIn(sentence(decision, wording(state)));
}

/**
 * Formats one decision as a line: local time, what was decided, why, the
 * rule IDs and events it rests on, and, under a dated timeline, the policy
 * version it was decided under.
 *
 * @param state - the office state (for names and the time zone)
 * @param decision - the decision
 * @returns one line of text
 * @example
 * ```ts
 * describeDecision(state, d);
 * // '2026-11-01 10:00  owner: 李娜 (S01) (protected until ...) — first registration, by 李娜 (S01); ... [OWN-FIRST, REG-FIRST] ← e2'
 * ```
 */
export function describeDecision(state: OfficeState, decision: Decision): string {
  const cal = calendar(state);
  const w = wording(state);
  const time = cal.localIso(decision.at).slice(0, 16).replace('T', ' ');
  const end = decision.kind === 'ownership' ? decision.protectionEndsAt : decision.kind === 'queue' ? decision.until : null;
  const head = summary(w.who, decision).replace('<end>', end === null ? '' : cal.localIso(end));
  const rules = decision.rules.length > 0 ? ` [${decision.rules.join(', ')}]` : '';
  const evidence = [...new Set([...decision.evidence, decision.event])].join(', ');
  // Sentences quote what people typed (names, units): phones in them are masked however written (PRV-MASK).
  return maskPhonesIn(`${time}  ${head} — ${describeReason(state, decision)}${rules} ← ${evidence}${versionNote(state, decision)}`);
}

/** Under a dated timeline: which policy version decided it (nothing for an office with one policy). */
function versionNote(state: OfficeState, decision: Decision): string {
  const { versions } = state.timeline;
  if (versions.length === 1) return '';
  const v = versions[decision.version ?? 0];
  return v === undefined ? '' : ` (policy ${v.id}${v.policy.name === 'default' || v.policy.name === v.id ? '' : ` "${v.policy.name}"`})`;
}

/**
 * Explains a client: who owns them now and every decision that led there,
 * in order, with rule IDs and evidence (with the engine option
 * `history: 'full'`).
 *
 * @param state - the office state
 * @param client - a client key, a phone or a name
 * @param options - masking and the time to evaluate the owner at
 * @returns the explanation (with `client: null` when nothing matches)
 * @example
 * ```ts
 * const why = explain(state, '13812345678');
 * why.lines; // one line per decision, with rule IDs and evidence
 * ```
 */
export function explain(state: OfficeState, client: string, options?: ViewOptions): Explanation {
  const key = findClient(state, client);
  if (key === undefined) {
    const shown = options?.mask === false ? client : maskPhonesIn(client);
    return { query: client, client: null, owner: null, decisions: [], lines: [`no client matches "${shown.length > 100 ? `${shown.slice(0, 100)}…` : shown}"`] };
  }
  const decisions = history(state, key);
  return { query: client, client: key, owner: ownerOf(state, key, options) ?? null, decisions, lines: decisions.map((d) => describeDecision(state, d)) };
}
