import type { DeliverableMailContext } from './deliverable-context';
import { deliverable } from './deliverable.fixture';
import { renderReminder } from './reminder.template';

const ctx: DeliverableMailContext = deliverable;

describe('renderReminder (vi)', () => {
  it('names the plan, the obligation and the Vietnamese due date in the subject', () => {
    expect(renderReminder(ctx, 'vi').subject).toBe(
      '[Nhắc việc] Kế hoạch 22-KH/TU – Kế hoạch triển khai của đơn vị – hạn Thứ Hai, 13/09/2021',
    );
  });

  it('tells the unit what it owes, under which plan, clause and period, and where to act', () => {
    const { text, html } = renderReminder(ctx, 'vi');
    for (const part of [
      'Kính gửi: Huyện ủy Gia Bình,',
      'Kế hoạch triển khai của đơn vị',
      '22-KH/TU – Học tập và triển khai thực hiện Chuyên đề toàn khóa',
      'Căn cứ: Mục III.1',
      'Kỳ thực hiện: 2021',
      'Hạn hoàn thành: Thứ Hai, 13/09/2021',
      'còn 5 ngày làm việc',
      'https://dondoc.example.vn/deliverables/abc',
      'Đây là thư tự động của hệ thống đôn đốc dondoc',
    ]) {
      expect(text).toContain(part);
    }
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('href="https://dondoc.example.vn/deliverables/abc"');
    expect(html).toContain('còn 5 ngày làm việc');
    expect(html).toContain('Đây là thư tự động của hệ thống đôn đốc dondoc');
  });

  it('says today is the last day when no working day is left', () => {
    const mail = renderReminder({ ...ctx, workingDaysLeft: 0 }, 'vi');
    expect(mail.subject).toBe(
      '[Nhắc việc] Kế hoạch 22-KH/TU – Kế hoạch triển khai của đơn vị – hạn cuối hôm nay, Thứ Hai, 13/09/2021',
    );
    expect(mail.text).toContain('hôm nay là hạn cuối');
    expect(mail.html).toContain('hôm nay là hạn cuối');
  });

  it('counts overdue working days', () => {
    const mail = renderReminder({ ...ctx, workingDaysLeft: -3 }, 'vi');
    expect(mail.subject).toBe(
      '[Nhắc việc] Kế hoạch 22-KH/TU – Kế hoạch triển khai của đơn vị – đã quá hạn 3 ngày làm việc (hạn Thứ Hai, 13/09/2021)',
    );
    expect(mail.text).toContain('đã quá hạn 3 ngày làm việc');
    expect(mail.html).toContain('đã quá hạn 3 ngày làm việc');
  });

  it('leaves the clause out when the obligation has none', () => {
    const { clause: _clause, ...withoutClause } = ctx;
    expect(renderReminder(withoutClause, 'vi').text).not.toContain('Căn cứ');
  });

  it('reads as a complete letter in plain text', () => {
    expect(renderReminder(ctx, 'vi').text).toBe(
      [
        'Kính gửi: Huyện ủy Gia Bình,',
        '',
        'Hệ thống dondoc trân trọng nhắc đơn vị về nhiệm vụ sau theo Kế hoạch số 22-KH/TU (Học tập và triển khai thực hiện Chuyên đề toàn khóa).',
        '',
        'Hạn hoàn thành Thứ Hai, 13/09/2021: còn 5 ngày làm việc.',
        '',
        '- Nhiệm vụ: Kế hoạch triển khai của đơn vị',
        '- Kế hoạch: 22-KH/TU – Học tập và triển khai thực hiện Chuyên đề toàn khóa',
        '- Căn cứ: Mục III.1',
        '- Kỳ thực hiện: 2021',
        '- Hạn hoàn thành: Thứ Hai, 13/09/2021',
        '- Tình trạng: Còn 5 ngày làm việc',
        '',
        'Để nộp văn bản, đề nghị gia hạn hoặc báo cáo vướng mắc, vui lòng truy cập:',
        'https://dondoc.example.vn/deliverables/abc',
        '',
        'Nếu đơn vị đã nộp văn bản, xin vui lòng bỏ qua thư này.',
        '',
        '-- ',
        'Đây là thư tự động của hệ thống đôn đốc dondoc. Vui lòng không trả lời thư này.',
        '',
      ].join('\n'),
    );
  });

  it('builds a self-contained HTML part: no scripts, no external resources', () => {
    const { html } = renderReminder(ctx, 'vi');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toMatch(/<script|<img|<link|src=|url\(/i);
  });
});

describe('renderReminder (en)', () => {
  it.each([
    [5, 'due Monday, 13 September 2021', '5 working days left'],
    [1, 'due Monday, 13 September 2021', '1 working day left'],
    [0, 'due today, Monday, 13 September 2021', 'today is the deadline'],
    [-3, 'overdue by 3 working days (due Monday, 13 September 2021)', 'overdue by 3 working days'],
  ])('with %i working days left says "%s"', (left, subjectEnd, phrase) => {
    const mail = renderReminder({ ...ctx, workingDaysLeft: left }, 'en');
    expect(mail.subject).toBe(`[Reminder] Plan 22-KH/TU – Kế hoạch triển khai của đơn vị – ${subjectEnd}`);
    expect(mail.text).toContain(phrase);
    expect(mail.html).toContain(phrase);
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.text).toContain('This is an automatic message from dondoc');
  });
});

describe('renderReminder escaping', () => {
  const hostile: DeliverableMailContext = {
    ...ctx,
    unitName: '<script>alert("x")</script> & Co',
    obligationTitle: 'Báo cáo <b>năm</b>',
    planTitle: `"quoted" 'single'`,
    actUrl: 'https://dondoc.example.vn/d?a=1&b="><script>',
  };

  it('escapes every value in the HTML part', () => {
    const { html } = renderReminder(hostile, 'vi');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>năm</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(html).toContain('&quot;quoted&quot; &#39;single&#39;');
    expect(html).toContain('href="https://dondoc.example.vn/d?a=1&amp;b=&quot;&gt;&lt;script&gt;"');
  });

  it('keeps the plain-text part literal', () => {
    expect(renderReminder(hostile, 'vi').text).toContain('Kính gửi: <script>alert("x")</script> & Co,');
  });

  it('never makes a non-http link clickable', () => {
    const { html, text } = renderReminder({ ...ctx, actUrl: 'javascript:alert(1)' }, 'vi');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('javascript:alert(1)');
    expect(text).toContain('javascript:alert(1)');
  });

  it('keeps the subject on one line even if a title has line breaks', () => {
    const { subject } = renderReminder({ ...ctx, obligationTitle: 'Báo cáo\r\nBcc: x@y' }, 'vi');
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it('rejects a fractional day count rather than print nonsense', () => {
    expect(() => renderReminder({ ...ctx, workingDaysLeft: 1.5 }, 'vi')).toThrow(RangeError);
  });
});
