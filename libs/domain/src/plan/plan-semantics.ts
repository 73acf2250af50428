import { isIsoDate } from '@dondoc/calendar';
import { isUnitType, UNIT_TYPE_IDS } from '../org/unit-type';
import type { PlanProblem } from './plan-problems';
import type { DueRule, PlanDefinition, PlanObligation, Recurrence } from './plan.types';
import { dueReference, termRelativeDate } from './plan-rules';

/** Which recurrences each due-rule kind can produce; referencing rules inherit their target's. */
const RECURRENCES_OF: Record<DueRule['kind'], readonly Recurrence[] | 'inherited'> = {
  'after-issuance': ['once'],
  'after-parent-acceptance': 'inherited',
  'yearly-date': ['yearly'],
  'end-of-quarter': ['quarterly'],
  'after-obligation-due': 'inherited',
  'term-relative': ['once'],
  'fixed-date': ['once'],
};

/**
 * The rules a JSON Schema cannot state: references between obligations, cycles, recurrence and due
 * rule agreeing, unit types the engine knows, dates inside the term. Runs on a schema-valid plan.
 */
export function planSemanticProblems(plan: PlanDefinition): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const add = (path: string, reason: string) => problems.push({ path, reason });
  if (plan.term.end < plan.term.start)
    add('/term/end', `term ends (${plan.term.end}) before it starts (${plan.term.start})`);
  if (plan.issueDate < plan.term.start || plan.issueDate > plan.term.end)
    add('/issueDate', `${plan.issueDate} is outside the term ${plan.term.start} … ${plan.term.end}`);
  checkEscalation(plan.defaults.escalation.levels, '/defaults/escalation', add);

  const indexById = new Map<string, number>();
  plan.obligations.forEach((o, i) => {
    const first = indexById.get(o.id);
    if (first !== undefined)
      add(`/obligations/${i}/id`, `duplicate obligation id "${o.id}" (first at /obligations/${first})`);
    else indexById.set(o.id, i);
  });
  plan.obligations.forEach((o, i) => checkObligation(plan, o, `/obligations/${i}`, indexById, add));
  problems.push(...cycleProblems(plan, indexById));
  return problems;
}

type Add = (path: string, reason: string) => void;

function checkObligation(
  plan: PlanDefinition,
  o: PlanObligation,
  at: string,
  indexById: Map<string, number>,
  add: Add,
): void {
  const a = o.assignees;
  const typeLists: [string, string[] | undefined][] = [
    ['unitTypes', 'unitTypes' in a ? a.unitTypes : undefined],
    ['exceptUnitTypes', a.kind === 'levels' ? a.exceptUnitTypes : undefined],
    ['cellTypes', a.kind === 'cell-members' ? a.cellTypes : undefined],
  ];
  for (const [field, list] of typeLists)
    list?.forEach((t, j) => {
      if (!isUnitType(t))
        add(`${at}/assignees/${field}/${j}`, `unknown unit type "${t}" (known: ${UNIT_TYPE_IDS.join(', ')})`);
    });
  if (o.escalation) checkEscalation(o.escalation.levels, `${at}/escalation`, add);
  const seen = new Set<string>();
  o.requiredContents.forEach((c, j) => {
    if (seen.has(c.id)) add(`${at}/requiredContents/${j}/id`, `duplicate required content id "${c.id}"`);
    seen.add(c.id);
  });

  if (o.recurrence === 'event') {
    if (o.due) add(`${at}/due`, 'an event-driven obligation (recurrence: event) has no due rule');
  } else if (!o.due) {
    add(`${at}/due`, `is required for recurrence "${o.recurrence}"`);
  } else checkDue(plan, o, o.due, at, indexById, add);

  const isCascade = o.due?.kind === 'after-parent-acceptance';
  if (a.kind === 'children-of-parent-assignees' && !isCascade)
    add(
      `${at}/assignees/kind`,
      'children-of-parent-assignees needs a due rule of kind after-parent-acceptance',
    );
  if (isCascade && a.kind !== 'children-of-parent-assignees')
    add(
      `${at}/assignees/kind`,
      'a cascade (after-parent-acceptance) is owed by children-of-parent-assignees',
    );
}

function checkDue(
  plan: PlanDefinition,
  o: PlanObligation,
  due: DueRule,
  at: string,
  indexById: Map<string, number>,
  add: Add,
): void {
  const expected = RECURRENCES_OF[due.kind];
  if (expected !== 'inherited' && !expected.includes(o.recurrence))
    add(
      `${at}/recurrence`,
      `is "${o.recurrence}" but a ${due.kind} due rule gives "${expected.join('" or "')}"`,
    );
  const ref = dueReference(due);
  if (ref) {
    const field = due.kind === 'after-parent-acceptance' ? 'parent' : 'obligation';
    const target = plan.obligations[indexById.get(ref) ?? -1];
    if (!target)
      add(`${at}/due/${field}`, `unknown obligation "${ref}" (known: ${[...indexById.keys()].join(', ')})`);
    else if (target.recurrence === 'event')
      add(`${at}/due/${field}`, `"${ref}" is event-driven and has no due date to count from`);
    else if (target.recurrence !== o.recurrence)
      add(`${at}/recurrence`, `is "${o.recurrence}" but "${ref}" it counts from is "${target.recurrence}"`);
    else if (due.kind === 'after-obligation-due' && target.due?.kind === 'after-parent-acceptance')
      add(
        `${at}/due/obligation`,
        `"${ref}" is a cascade whose due date differs per unit; count from a rule with one date per period`,
      );
  }
  if (due.kind === 'yearly-date' && !isIsoDate(`2023-${pad(due.month)}-${pad(due.day)}`))
    add(`${at}/due/day`, `${due.day}/${due.month} is not a date in every year`);
  if (due.kind === 'term-relative' || due.kind === 'fixed-date') {
    const date = due.kind === 'fixed-date' ? due.date : termRelativeDate(plan.term, due);
    if (date === null)
      add(`${at}/due/day`, `${due.kind === 'term-relative' ? `${due.day}/${due.month}` : ''} is not a date`);
    else if (date < plan.term.start || date > plan.term.end)
      add(`${at}/due`, `${date} is outside the term ${plan.term.start} … ${plan.term.end}`);
  }
}

function checkEscalation(levels: { afterWorkingDays: number }[], at: string, add: Add): void {
  levels.forEach((level, i) => {
    if (i > 0 && level.afterWorkingDays <= levels[i - 1].afterWorkingDays)
      add(
        `${at}/levels/${i}/afterWorkingDays`,
        `must be later than the level before (${levels[i - 1].afterWorkingDays})`,
      );
  });
}

/** Due rules that count from each other must not go round in a circle (a → b → a has no first date). */
function cycleProblems(plan: PlanDefinition, indexById: Map<string, number>): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, chain: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...chain.slice(chain.indexOf(id)), id];
      problems.push({
        path: `/obligations/${indexById.get(id)}/due`,
        reason: `due rules form a cycle: ${cycle.join(' → ')}`,
      });
      return;
    }
    state.set(id, 'visiting');
    const o = plan.obligations[indexById.get(id) ?? -1];
    const ref = o?.due ? dueReference(o.due) : null;
    if (ref && indexById.has(ref)) visit(ref, [...chain, id]);
    state.set(id, 'done');
  };
  for (const id of indexById.keys()) visit(id, []);
  return problems;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
