// Node-side (uses the `yaml` package): the workflow bundle must not pull it in, so this file is
// reached only through plan-validate.ts, never through the package index.
import { Document, isMap, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import type { PlanProblem } from './plan-problems';

/** A plan file read as data, with a way back from a JSON pointer to the line it came from. */
export interface PlanSource {
  data: unknown;
  lineOf(pointer: string): number | undefined;
}

/**
 * Reads YAML or JSON (JSON is YAML 1.2 flow style, so one parser gives line numbers for both).
 * Returns syntax problems instead of data when the text does not parse. YAML 1.2 core schema:
 * `2021-08-13` stays a string, not a Date.
 */
export function readPlanSource(text: string): PlanSource | PlanProblem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0)
    return doc.errors.map((e) => ({
      path: '',
      line: lineCounter.linePos(e.pos[0]).line,
      reason: `not valid YAML/JSON: ${firstLine(e.message)}`,
    }));
  return { data: doc.toJS({ maxAliasCount: 100 }), lineOf: (pointer) => lineOf(doc, lineCounter, pointer) };
}

function lineOf(doc: Document, lines: LineCounter, pointer: string): number | undefined {
  let node: unknown = doc.contents;
  let line = startLine(node, lines);
  for (const segment of pointerSegments(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) return line;
      // A key's line, not its value's: for `due:` followed by a block the key is where the eye goes.
      line = startLine(pair.key, lines) ?? line;
      node = pair.value;
      if (!isMap(node) && !isSeq(node)) line = startLine(node, lines) ?? line;
    } else if (isSeq(node)) {
      const item: unknown = node.items[Number(segment)];
      if (item === undefined) return line;
      node = item;
      line = startLine(node, lines) ?? line;
    } else return line;
  }
  return line;
}

function startLine(node: unknown, lines: LineCounter): number | undefined {
  const range = (node as Node | null)?.range;
  return range ? lines.linePos(range[0]).line : undefined;
}

/** RFC 6901: `/a~1b/0` → ['a/b', '0']. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}
