// Node-side: ajv and yaml stay out of the workflow bundle, so this file is not exported from the
// package index. Import it as '@dondoc/domain/src/plan/plan-validate'.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import planSchema from '../../../../plans/plan.schema.json';
import { PlanProblem, PlanRejectedException } from './plan-problems';
import { schemaProblems } from './plan-schema-errors';
import { planSemanticProblems } from './plan-semantics';
import { readPlanSource } from './plan-source';
import type { PlanDefinition } from './plan.types';

// verbose: errors carry the offending value and the schema, so messages can say "got …" and list
// the allowed fields. discriminator: a due rule of kind X is checked against X's fields only.
const ajv = new Ajv2020({
  allErrors: true,
  verbose: true,
  discriminator: true,
  strict: true,
  strictRequired: false,
});
addFormats(ajv, ['date']);
const validateSchema = ajv.compile<PlanDefinition>(planSchema);

/**
 * Parses and validates a plan file (YAML or JSON). Throws PlanRejectedException (an
 * InputRejectedException) listing every problem with its JSON pointer and line; `file` only names
 * the input in those problems.
 */
export function parsePlan(text: string, file: string): PlanDefinition {
  const source = readPlanSource(text);
  if (Array.isArray(source)) throw new PlanRejectedException(file, source);
  // In file order, so an author can work down the file.
  const withLines = (problems: PlanProblem[]) =>
    problems
      .map((p) => ({ ...p, line: p.line ?? source.lineOf(p.path) }))
      .sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  if (!validateSchema(source.data)) {
    throw new PlanRejectedException(file, withLines(schemaProblems(validateSchema.errors ?? [])));
  }
  const problems = planSemanticProblems(source.data);
  if (problems.length > 0) throw new PlanRejectedException(file, withLines(problems));
  return source.data;
}

/** One line for a valid plan: what it is and how much it holds. */
export function planSummary(plan: PlanDefinition): string {
  return (
    `${plan.number} (${plan.id}), ban hành ${plan.issueDate}, nhiệm kỳ ${plan.term.start} … ${plan.term.end}: ` +
    `${plan.obligations.length} nghĩa vụ (${plan.obligations.map((o) => o.id).join(', ')})`
  );
}
