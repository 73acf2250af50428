import { FieldProblem, InputRejectedException } from '@dondoc/domain';
import { ProblemException } from '../../api/src/mail/mail-problem';
import { Lang, t } from './i18n';
import { problemsOf } from './page';
import type { LocatedProblem } from './pages/admin-ui';

/** problemsOf() plus the API's ProblemException (mail resend, If-Match), or null: rethrow then. */
export function adminProblemsOf(e: unknown): FieldProblem[] | null {
  if (e instanceof ProblemException) {
    const errors = e.problem.errors ?? [];
    return errors.length ? errors : [{ field: '', reason: e.problem.detail ?? e.problem.title }];
  }
  return problemsOf(e);
}

/** Every problem of a refused plan or org file, located (file:pointer or row, field, reason). */
export function locatedProblemsOf(e: unknown): LocatedProblem[] | null {
  if (!(e instanceof InputRejectedException)) return null;
  return e.inputProblems.map((p) => ({
    where: `${p.file}:${p.location}`,
    ...(p.field ? { field: p.field } : {}),
    reason: p.reason,
  }));
}

export const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v : undefined;

/** A form's string fields (the rest dropped), for re-rendering what was typed. */
export function formValues(body: unknown, names: readonly string[]): Record<string, string | undefined> {
  const b = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(names.map((n) => [n, typeof b[n] === 'string' ? b[n] : undefined]));
}

/** The org rules' contact problems the admin sees most, in the caller's language (others as they are). */
export function localiseContactProblems(lang: Lang, problems: readonly FieldProblem[]): FieldProblem[] {
  return problems.map((p) =>
    p.field !== 'email'
      ? p
      : /already a contact/i.test(p.reason)
        ? { ...p, reason: t(lang, 'adm.err.emailTaken') }
        : /e-mail address/i.test(p.reason)
          ? { ...p, reason: t(lang, 'adm.err.email') }
          : p,
  );
}
