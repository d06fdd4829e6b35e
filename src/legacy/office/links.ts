/**
 * Joining two persons into one client (ID-MATCH, ID-FAMILY) and merging
 * their ownership files (COL-CROSS-FAMILY, COL-AFTER-DEAL, COL-EARLIEST).
 * @internal
 */
import type { Decision } from '../decisions.js';
import type { RuleId } from '../../kernel/rules.js';
import { familyNeedsAgree, joinsGroup, link, personOf, type IdentityState, type LinkRelation } from '../identity/identity.js';
import { newFile, record, type ClientFile } from '../ownership/file.js';
import { mergeFiles } from '../ownership/lifecycle.js';
import { dropFile, fileOf, putFile } from '../ownership/state.js';
import { decide, type Ctx } from './context.js';
import type { OfficeState } from './state.js';

function rankOf(identity: IdentityState, file: ClientFile, priority: readonly string[] | null): number | null {
  if (priority === null) return null;
  const reg = file.registrations.find((r) => file.basis.evidence.includes(r.event));
  const person = reg ? personOf(identity, reg.person) : undefined;
  if (!person || person.link === null) return 0;
  const index = priority.indexOf(person.link.relation);
  return index < 0 ? priority.length + 1 : index + 1;
}

/**
 * Makes `b` one client with `a` when the relation joins groups under the
 * policy, merging the two ownership files; otherwise records that they stay
 * separate (siblings' households, friends).
 */
export function joinPersons(state: OfficeState, a: string, b: string, relation: LinkRelation, ctx: Ctx): { state: OfficeState; decisions: Decision[] } {
  const pa = personOf(state.identity, a);
  const pb = personOf(state.identity, b);
  if (!pa || !pb) return { state, decisions: [] };
  const family = relation !== 'same' && relation !== 'companyContact';
  const rules: RuleId[] = family ? ['ID-FAMILY'] : relation === 'companyContact' ? ['ID-COMPANY', 'ID-MATCH'] : ['ID-MATCH'];
  const note = (text: string) => decide(ctx, { kind: 'identity', client: pa.group, person: b, match: 'linked' }, rules, [a, b], text);
  const keep = (d: Decision) => {
    const file = fileOf(state.ownership, pa.group);
    const ownership = file ? putFile(state.ownership, record(file, [d]), ctx) : state.ownership;
    return { state: { ...state, ownership }, decisions: [d] };
  };
  if (pa.group === pb.group) return keep(note(`${b} is already part of client ${pa.group}`));
  if (!joinsGroup(state.policy, relation)) {
    return keep(note(`${b} is ${a}'s ${relation}: under this policy they stay separate clients`));
  }
  if (family && !familyNeedsAgree(state.policy, pa, pb)) {
    return keep(note(`${b} is ${a}'s ${relation} but states a different need: separate clients`));
  }
  const joined = link(state.identity, a, b, relation, ctx);
  const joinedState: OfficeState = { ...state, identity: joined.state };
  const d = decide(ctx, { kind: 'identity', client: joined.into, person: b, match: 'linked' }, rules, [a, b], `${b} is ${a}'s ${relation === 'same' ? 'same person' : relation}: one client ${joined.into}`);
  const into = fileOf(state.ownership, joined.into);
  const from = fileOf(state.ownership, joined.from);
  if (!from && !into) return { state: joinedState, decisions: [d] };
  if (!from && into) return { state: { ...joinedState, ownership: putFile(state.ownership, record(into, [d]), ctx) }, decisions: [d] };
  const base = record(into ?? newFile(joined.into, ctx.at), [d]);
  const priority = state.policy.identity.familyPriority;
  const ra = rankOf(joined.state, base, priority);
  const rb = from ? rankOf(joined.state, from, priority) : null;
  const merged = mergeFiles(base, from ?? newFile(joined.from, ctx.at), ctx, { family, ranks: ra !== null && rb !== null ? [ra, rb] : null });
  const ownership = putFile(dropFile(state.ownership, joined.from, ctx), merged.file, ctx);
  return { state: { ...joinedState, ownership }, decisions: [d, ...merged.decisions] };
}
