// Node-side: turns ajv's errors into sentences a plan author can act on.
import type { ErrorObject } from 'ajv';
import type { PlanProblem } from './plan-problems';

const SLUG_SOURCE = '^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$';

/** One problem per place; ajv can report a place twice (e.g. `type` of an integer-or-null). */
export function schemaProblems(errors: readonly ErrorObject[]): PlanProblem[] {
  const seen = new Set<string>();
  const problems: PlanProblem[] = [];
  for (const error of errors) {
    const problem = schemaProblem(error);
    const key = `${problem.path}\u0000${problem.reason}`;
    if (!seen.has(key)) problems.push(problem);
    seen.add(key);
  }
  return problems;
}

function schemaProblem(e: ErrorObject): PlanProblem {
  const p = e.params as Record<string, unknown>;
  const got = e.data === undefined ? '' : ` (got ${show(e.data)})`;
  switch (e.keyword) {
    case 'required':
      return { path: `${e.instancePath}/${String(p.missingProperty)}`, reason: 'is required' };
    case 'additionalProperties': {
      const allowed = Object.keys((e.parentSchema?.properties as object | undefined) ?? {});
      return {
        path: `${e.instancePath}/${String(p.additionalProperty)}`,
        reason: `unknown field "${String(p.additionalProperty)}"${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`,
      };
    }
    case 'discriminator': {
      const kinds = discriminatorKinds(e);
      const tag = String(p.tag);
      return p.error === 'tag'
        ? { path: `${e.instancePath}/${tag}`, reason: `is required (one of: ${kinds.join(', ')})` }
        : {
            path: `${e.instancePath}/${tag}`,
            reason: `unknown kind ${show(p.tagValue)} (one of: ${kinds.join(', ')})`,
          };
    }
    case 'enum':
      return {
        path: e.instancePath,
        reason: `must be one of: ${(p.allowedValues as unknown[]).join(', ')}${got}`,
      };
    case 'const':
      return { path: e.instancePath, reason: `must be ${show(p.allowedValue)}${got}` };
    case 'type':
      return { path: e.instancePath, reason: `must be ${article(String(p.type))}${got}` };
    case 'format':
      return p.format === 'date'
        ? { path: e.instancePath, reason: `must be a calendar date YYYY-MM-DD${got}` }
        : { path: e.instancePath, reason: `must be a ${String(p.format)}${got}` };
    case 'pattern':
      return p.pattern === SLUG_SOURCE
        ? {
            path: e.instancePath,
            reason: `must be an id: 1-80 letters, digits, . _ - starting with a letter or digit${got}`,
          }
        : { path: e.instancePath, reason: `must match ${String(p.pattern)}${got}` };
    case 'minimum':
    case 'maximum':
      return {
        path: e.instancePath,
        reason: `must be ${p.comparison === '>=' ? '≥' : '≤'} ${String(p.limit)}${got}`,
      };
    case 'minItems':
      return { path: e.instancePath, reason: `must have at least ${String(p.limit)} item(s)` };
    case 'maxItems':
      return { path: e.instancePath, reason: `must have at most ${String(p.limit)} items` };
    case 'uniqueItems':
      return {
        path: `${e.instancePath}/${String(p.i)}`,
        reason: `repeats item ${String(p.j)}${got.replace(/ \(got .*\)$/, '')}`,
      };
    case 'minLength':
      return {
        path: e.instancePath,
        reason: p.limit === 1 ? 'must not be empty' : `must be at least ${String(p.limit)} characters`,
      };
    case 'maxLength':
      return { path: e.instancePath, reason: `must be at most ${String(p.limit)} characters` };
    default:
      return { path: e.instancePath, reason: e.message ?? e.keyword };
  }
}

function discriminatorKinds(e: ErrorObject): string[] {
  const branches =
    (e.parentSchema?.oneOf as { properties?: { kind?: { const?: string } } }[] | undefined) ?? [];
  return branches.map((b) => b.properties?.kind?.const).filter((k): k is string => typeof k === 'string');
}

function article(type: string): string {
  const names: Record<string, string> = {
    integer: 'a whole number',
    number: 'a number',
    string: 'text',
    object: 'an object (a mapping of fields)',
    array: 'a list',
    boolean: 'true or false',
    'integer,null': 'a whole number or null',
  };
  return names[type] ?? type;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
