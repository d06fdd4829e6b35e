/**
 * Salary grades (COM-SALARY-GRADES, 000 §14): the ladder and its base
 * salaries are policy; a person's starting grade is an event; the month
 * closings move it (see close.ts).
 * @internal
 */
import { NO_EVIDENCE, rules } from '../kernel/decision.js';
import type { Issue } from '../kernel/issues.js';
import type { EventOf } from '../events/schema.js';
import { draftCard, type PeriodsCtx } from './cards.js';
import type { GradeDecision } from './decisions.js';

const GRADES = rules('COM-SALARY-GRADES');

/** Why a grade event cannot be taken: a grade the ladder does not have. @internal */
export function gradeIssue(c: PeriodsCtx, e: EventOf<'setGrade'>): Issue | null {
  const ladder = c.p.grades.ladder;
  if (ladder.some((g) => g.name === e.grade)) return null;
  return { code: 'invalid_value', path: ['grade'], event: e.id, message: `the policy's grade ladder has no grade "${e.grade}" (it has: ${ladder.map((g) => g.name).join(', ')})` };
}

/**
 * Sets a person's grade (the starting grade, or a manager's change): the
 * streak of months starts over. Check {@link gradeIssue} first.
 * @internal
 */
export function setGrade(c: PeriodsCtx, e: EventOf<'setGrade'>): void {
  const ladder = c.p.grades.ladder;
  const index = ladder.findIndex((g) => g.name === e.grade);
  const card = draftCard(c, e.staff);
  const previous = card.grade === null ? null : (ladder[card.grade]?.name ?? null);
  card.grade = index;
  card.base = e.base ?? null;
  card.streak = 0;
  card.streakMonths = [];
  card.gradeEvent = e.id;
  const { tx } = c;
  if (!tx.record) return;
  const d: GradeDecision = { kind: 'grade', event: tx.id, at: tx.at, rules: GRADES, evidence: NO_EVIDENCE, why: 'set', args: { index }, staff: e.staff, change: 'set', grade: e.grade, base: e.base ?? ladder[index]?.base ?? '0', previous };
  tx.emit(d);
}
