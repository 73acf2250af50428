import { deliverableIcs, DeliverableIcsOptions, icsUidFor } from './deliverable-ics';

const base: DeliverableIcsOptions = {
  uid: icsUidFor('22-KH-TU:implementation-plan:HU-GIA-BINH:2021'),
  sequence: 2,
  method: 'PUBLISH',
  dueDate: '2021-09-13',
  summary: 'Hạn nộp: Kế hoạch triển khai, Huyện ủy Gia Bình; kỳ 2021',
  description:
    'Kế hoạch 22-KH/TU – Học tập và triển khai thực hiện Chuyên đề toàn khóa.\nNộp văn bản tại: https://dondoc.example.vn/deliverables/abc\\x',
  url: 'https://dondoc.example.vn/deliverables/abc?a=1,2',
  stamp: new Date('2021-09-01T01:02:03.456Z'),
};

/** The parts of RFC 5545 this spec needs: unfold, then split each content line into name, params, value. */
function parseIcs(ics: string): { name: string; params: string; value: string }[] {
  const unfolded = ics.replace(/\r\n[ \t]/g, '');
  return unfolded
    .split('\r\n')
    .filter(Boolean)
    .map((line) => {
      const m = /^([A-Z-]+)((?:;[^:]*)?):(.*)$/.exec(line);
      if (!m) throw new Error(`not a content line: ${line}`);
      return { name: m[1], params: m[2], value: m[3] };
    });
}

const unescape = (v: string): string =>
  v.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

/** Properties named `name`, outside the alarm unless asked (VALARM has its own DESCRIPTION). */
function props(ics: string, name: string, inAlarm = false): { params: string; value: string }[] {
  let alarm = false;
  const found: { params: string; value: string }[] = [];
  for (const p of parseIcs(ics)) {
    if (p.name === 'BEGIN' && p.value === 'VALARM') alarm = true;
    if (p.name === name && alarm === inAlarm) found.push({ params: p.params, value: p.value });
    if (p.name === 'END' && p.value === 'VALARM') alarm = false;
  }
  return found;
}

const begins = (ics: string): string[] =>
  parseIcs(ics)
    .filter((p) => p.name === 'BEGIN')
    .map((p) => p.value);

const one = (ics: string, name: string): string => {
  const found = props(ics, name);
  expect(found).toHaveLength(1);
  return found[0].value;
};

const content = (o: DeliverableIcsOptions): string => deliverableIcs(o).content as string;

describe('icsUidFor', () => {
  it('gives the same deliverable the same UID every time', () => {
    const id = '22-KH-TU:implementation-plan:HU-GIA-BINH:2021';
    expect(icsUidFor(id)).toBe(icsUidFor(id));
    expect(icsUidFor(id)).toBe('22-KH-TU_3Aimplementation-plan_3AHU-GIA-BINH_3A2021@dondoc');
  });

  it('keeps different ids apart, even ones a naive sanitiser would merge', () => {
    expect(icsUidFor('a:b')).not.toBe(icsUidFor('a_b'));
    expect(icsUidFor('a_3Ab')).not.toBe(icsUidFor('a:b'));
    expect(icsUidFor('a b@c')).toMatch(/^[A-Za-z0-9._-]+@dondoc$/);
    expect(icsUidFor('đơn-vị')).toBe('_C4_91_C6_A1n-v_E1_BB_8B@dondoc');
  });
});

describe('deliverableIcs', () => {
  it('is an attachment named nhac-viec.ics with the method in its content type', () => {
    const a = deliverableIcs(base);
    expect(a.filename).toBe('nhac-viec.ics');
    expect(a.contentType).toBe('text/calendar; charset=utf-8; method=PUBLISH');
    expect(deliverableIcs({ ...base, method: 'CANCEL' }).contentType).toBe(
      'text/calendar; charset=utf-8; method=CANCEL',
    );
  });

  it('describes one all-day, non-blocking event on the due date', () => {
    const ics = content(base);
    const names = parseIcs(ics).map((p) => p.name);
    expect(names.slice(0, 6)).toEqual(['BEGIN', 'PRODID', 'VERSION', 'CALSCALE', 'METHOD', 'BEGIN']);
    expect(names.at(-1)).toBe('END');
    expect(one(ics, 'PRODID')).toBe('-//dondoc//VI');
    expect(one(ics, 'VERSION')).toBe('2.0');
    expect(one(ics, 'CALSCALE')).toBe('GREGORIAN');
    expect(one(ics, 'METHOD')).toBe('PUBLISH');
    expect(begins(ics)).toEqual(['VCALENDAR', 'VEVENT', 'VALARM']);
    expect(one(ics, 'UID')).toBe('22-KH-TU_3Aimplementation-plan_3AHU-GIA-BINH_3A2021@dondoc');
    expect(one(ics, 'SEQUENCE')).toBe('2');
    expect(one(ics, 'DTSTAMP')).toBe('20210901T010203Z');
    expect(props(ics, 'DTSTART')).toEqual([{ params: ';VALUE=DATE', value: '20210913' }]);
    expect(props(ics, 'DTEND')).toEqual([{ params: ';VALUE=DATE', value: '20210914' }]);
    expect(one(ics, 'STATUS')).toBe('CONFIRMED');
    expect(one(ics, 'TRANSP')).toBe('TRANSPARENT');
    expect(props(ics, 'TRIGGER', true)).toEqual([{ params: '', value: '-PT15H' }]);
    expect(props(ics, 'ACTION', true)).toEqual([{ params: '', value: 'DISPLAY' }]);
    expect(props(ics, 'DESCRIPTION', true)[0].value).toBe(one(ics, 'SUMMARY'));
    expect(one(ics, 'URL')).toBe('https://dondoc.example.vn/deliverables/abc?a=1,2');
  });

  it('ends the event at the start of the next day across month and year ends', () => {
    expect(props(content({ ...base, dueDate: '2021-12-31' }), 'DTEND')[0].value).toBe('20220101');
    expect(props(content({ ...base, dueDate: '2024-02-28' }), 'DTEND')[0].value).toBe('20240229');
  });

  it('escapes text values and round-trips them', () => {
    const ics = content(base);
    const summary = one(ics, 'SUMMARY');
    expect(summary).toBe('Hạn nộp: Kế hoạch triển khai\\, Huyện ủy Gia Bình\\; kỳ 2021');
    expect(unescape(summary)).toBe(base.summary);
    expect(unescape(one(ics, 'DESCRIPTION'))).toBe(base.description);
    expect(one(ics, 'DESCRIPTION')).not.toContain('\n');
  });

  it('uses CRLF only and folds every line to at most 75 octets without splitting a character', () => {
    const ics = content({ ...base, description: 'Nộp văn bản đúng hạn – 😀 '.repeat(20) });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const physical = ics.split('\r\n').slice(0, -1);
    expect(physical.some((l) => l.startsWith(' '))).toBe(true); // something was folded
    for (const line of physical) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    expect(unescape(one(ics, 'DESCRIPTION'))).toBe('Nộp văn bản đúng hạn – 😀 '.repeat(20));
  });

  it('cancels with the same UID, a higher SEQUENCE, STATUS:CANCELLED and no alarm', () => {
    const ics = content({ ...base, method: 'CANCEL', sequence: 3 });
    expect(one(ics, 'METHOD')).toBe('CANCEL');
    expect(one(ics, 'STATUS')).toBe('CANCELLED');
    expect(one(ics, 'UID')).toBe(one(content(base), 'UID'));
    expect(one(ics, 'SEQUENCE')).toBe('3');
    expect(begins(ics)).toEqual(['VCALENDAR', 'VEVENT']);
    expect(props(ics, 'TRIGGER', true)).toHaveLength(0);
  });

  it('is deterministic: same input, same bytes', () => {
    expect(content(base)).toBe(content({ ...base, stamp: new Date(base.stamp.getTime()) }));
  });

  it('names the organizer when given one', () => {
    const ics = content({
      ...base,
      organizer: { email: 'noreply@dondoc.example.vn', name: 'dondoc "Nhắc việc"' },
    });
    expect(props(ics, 'ORGANIZER')).toEqual([
      { params: ';CN="dondoc Nhắc việc"', value: 'mailto:noreply@dondoc.example.vn' },
    ]);
    expect(props(content(base), 'ORGANIZER')).toHaveLength(0);
  });

  it('keeps a line break in the URL from ending the property', () => {
    const ics = content({ ...base, url: 'https://x.vn/a\r\nATTACH:evil' });
    expect(props(ics, 'ATTACH')).toHaveLength(0);
  });

  it('rejects a date that does not exist and a bad sequence', () => {
    expect(() => deliverableIcs({ ...base, dueDate: '2021-02-30' })).toThrow(RangeError);
    expect(() => deliverableIcs({ ...base, sequence: -1 })).toThrow(RangeError);
    expect(() => deliverableIcs({ ...base, stamp: new Date('nope') })).toThrow(RangeError);
  });
});
