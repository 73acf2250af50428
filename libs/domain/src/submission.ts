import { FieldProblem } from './domain-exception';

/** A unit hands in a document for a deliverable. Contents of the document never leave PostgreSQL. */
import type { Versioned } from './lifecycle/deliverable-commands';

export interface SubmissionInput extends Versioned {
  unitId: string;
  documentName: string;
  documentSha256?: string;
  note?: string;
  /** Required contents (checklist ids) the unit says the document covers. */
  coveredContents?: string[];
}

export interface SubmissionRules {
  unitId: string;
  requiredContents: readonly string[];
}

/** Why a submission cannot be taken; empty when it can. Pure: the workflow's update validator runs it. */
export function submissionProblems(rules: SubmissionRules, s: SubmissionInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (s.unitId !== rules.unitId) {
    problems.push({
      field: 'unitId',
      reason: `this deliverable is owed by unit ${rules.unitId}, not ${s.unitId}`,
    });
  }
  if (!s.documentName || !s.documentName.trim()) {
    problems.push({ field: 'documentName', reason: 'a document is required' });
  }
  const covered = new Set(s.coveredContents ?? []);
  const missing = rules.requiredContents.filter((c) => !covered.has(c));
  if (missing.length) {
    problems.push({
      field: 'coveredContents',
      reason: `required contents not covered: ${missing.join(', ')}`,
    });
  }
  return problems;
}
