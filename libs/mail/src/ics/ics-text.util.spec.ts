import { escapeIcsText, foldIcsLine, icsLines } from './ics-text.util';

const octets = (s: string): number => Buffer.byteLength(s, 'utf8');

describe('escapeIcsText', () => {
  it('escapes backslash, semicolon and comma, and turns every line break into \\n', () => {
    expect(escapeIcsText('a\\b;c,d\r\ne\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('escapes the backslash before adding its own', () => {
    expect(escapeIcsText('\\;')).toBe('\\\\\\;');
  });
});

describe('foldIcsLine', () => {
  it('leaves a line of 75 octets alone', () => {
    expect(foldIcsLine('x'.repeat(75))).toEqual(['x'.repeat(75)]);
  });

  it('folds longer ASCII lines at 75 octets, continuation space included', () => {
    const lines = foldIcsLine('x'.repeat(200));
    expect(lines.map(octets)).toEqual([75, 75, 52]); // 75 + 74 + 51 content octets;
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(lines.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe('x'.repeat(200));
  });

  it('never splits a multi-byte character', () => {
    // "ệ" is 3 octets, "😀" is 4: 74 ASCII octets leave no room for either on the first line.
    for (const wide of ['ệ', '😀']) {
      const line = `${'x'.repeat(74)}${wide.repeat(40)}`;
      const lines = foldIcsLine(line);
      expect(lines[0]).toBe('x'.repeat(74));
      for (const l of lines) {
        expect(octets(l)).toBeLessThanOrEqual(75);
        expect(Buffer.from(l, 'utf8').toString('utf8')).toBe(l); // whole characters only
        expect(l).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      }
      expect(lines.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(line);
    }
  });
});

describe('icsLines', () => {
  it('ends every line, the last included, with CRLF', () => {
    expect(icsLines(['A:1', 'B:2'])).toBe('A:1\r\nB:2\r\n');
  });
});
