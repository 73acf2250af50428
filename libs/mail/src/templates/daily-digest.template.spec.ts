import { DailyDigestContext, DailyDigestItem, renderDailyDigest } from './daily-digest.template';

const item = (over: Partial<DailyDigestItem>): DailyDigestItem => ({
  planNumber: '22-KH/TU',
  obligationTitle: 'Kế hoạch triển khai',
  unitName: 'Huyện ủy Gia Bình',
  period: '2021',
  dueDate: '2021-09-13',
  workingDaysLeft: 3,
  url: 'https://dondoc.example.vn/deliverables/a',
  ...over,
});

const ctx: DailyDigestContext = {
  recipientName: 'đồng chí Nguyễn Văn A',
  date: '2021-09-13',
  actUrl: 'https://dondoc.example.vn/me',
  deliverables: [
    item({ workingDaysLeft: 0, url: 'https://dondoc.example.vn/deliverables/soon-1' }),
    item({
      unitName: 'Thị ủy Từ Sơn',
      workingDaysLeft: -4,
      url: 'https://dondoc.example.vn/deliverables/od-1',
    }),
    item({
      unitName: 'Huyện ủy Tiên Du',
      workingDaysLeft: -2,
      url: 'https://dondoc.example.vn/deliverables/od-2',
    }),
    item({
      obligationTitle: 'Sinh hoạt <chuyên đề>',
      workingDaysLeft: 2,
      url: 'https://dondoc.example.vn/deliverables/soon-2',
    }),
    item({
      unitName: 'Thị ủy Từ Sơn',
      obligationTitle: 'Báo cáo năm',
      workingDaysLeft: -1,
      url: 'https://dondoc.example.vn/deliverables/od-3',
    }),
    item({ workingDaysLeft: 5, url: 'https://dondoc.example.vn/deliverables/soon-3' }),
  ],
  awaitingReview: [
    {
      planNumber: '22-KH/TU',
      obligationTitle: 'Kế hoạch triển khai',
      unitName: 'Huyện ủy Lương Tài',
      period: '2021',
      dueDate: '2021-09-13',
      submittedAt: '2021-09-12T09:30:00.000Z',
      url: 'https://dondoc.example.vn/deliverables/review-1',
    },
  ],
  otherNotices: ['Vấn đề VD-7 đã được Ban Thường vụ cho ý kiến chỉ đạo.'],
};

describe('renderDailyDigest', () => {
  it('counts each non-empty section in the subject', () => {
    expect(renderDailyDigest(ctx, 'vi').subject).toBe(
      '[Tổng hợp ngày] Thứ Hai, 13/09/2021 – 3 việc sắp đến hạn, 3 việc quá hạn, 1 việc chờ xử lý, 1 thông báo khác',
    );
    expect(renderDailyDigest(ctx, 'en').subject).toBe(
      '[Daily digest] Monday, 13 September 2021 – 3 due soon, 3 overdue, 1 awaiting you, 1 other notice',
    );
  });

  it('groups overdue work under one heading per unit, in first-seen order', () => {
    const { text } = renderDailyDigest(ctx, 'vi');
    const overdue = text.slice(text.indexOf('== Quá hạn =='), text.indexOf('== Chờ đơn vị xử lý =='));
    expect(overdue).toBe(
      [
        '== Quá hạn ==',
        '',
        'Thị ủy Từ Sơn',
        '- Kế hoạch triển khai (Kế hoạch 22-KH/TU, kỳ 2021) – hạn Thứ Hai, 13/09/2021, đã quá hạn 4 ngày làm việc',
        '  https://dondoc.example.vn/deliverables/od-1',
        '- Báo cáo năm (Kế hoạch 22-KH/TU, kỳ 2021) – hạn Thứ Hai, 13/09/2021, đã quá hạn 1 ngày làm việc',
        '  https://dondoc.example.vn/deliverables/od-3',
        '',
        'Huyện ủy Tiên Du',
        '- Kế hoạch triển khai (Kế hoạch 22-KH/TU, kỳ 2021) – hạn Thứ Hai, 13/09/2021, đã quá hạn 2 ngày làm việc',
        '  https://dondoc.example.vn/deliverables/od-2',
        '',
        '',
      ].join('\n'),
    );
  });

  it('shows each item with unit, period, Vietnamese due date, deadline words and its own link', () => {
    const { text, html } = renderDailyDigest(ctx, 'vi');
    expect(text).toContain(
      '- Kế hoạch triển khai – Huyện ủy Gia Bình (Kế hoạch 22-KH/TU, kỳ 2021) – hạn Thứ Hai, 13/09/2021, hôm nay là hạn cuối\n  https://dondoc.example.vn/deliverables/soon-1',
    );
    expect(text).toContain(
      '- Kế hoạch triển khai – Huyện ủy Lương Tài (Kế hoạch 22-KH/TU, kỳ 2021) – hạn Thứ Hai, 13/09/2021, nộp lúc 12/09/2021 16:30',
    );
    expect(text).toContain('== Thông báo khác ==\n- Vấn đề VD-7 đã được Ban Thường vụ cho ý kiến chỉ đạo.');
    for (const id of ['soon-1', 'soon-2', 'soon-3', 'od-1', 'od-2', 'od-3', 'review-1']) {
      expect(text).toContain(`https://dondoc.example.vn/deliverables/${id}`);
      expect(html).toContain(`href="https://dondoc.example.vn/deliverables/${id}"`);
    }
    expect(html).toContain('<h3 style="margin:12px 0 6px;font-size:15px;">Thị ủy Từ Sơn</h3>');
    expect(html).toContain('Sinh hoạt &lt;chuyên đề&gt;');
    expect(html).not.toContain('<chuyên đề>');
  });

  it('leaves empty sections out, in both parts', () => {
    const quiet = { ...ctx, deliverables: [item({})], awaitingReview: [], otherNotices: [] };
    const mail = renderDailyDigest(quiet, 'vi');
    expect(mail.subject).toBe('[Tổng hợp ngày] Thứ Hai, 13/09/2021 – 1 việc sắp đến hạn');
    expect(mail.text).toContain('== Sắp đến hạn ==');
    for (const heading of ['Quá hạn', 'Chờ đơn vị xử lý', 'Thông báo khác']) {
      expect(mail.text).not.toContain(`== ${heading} ==`);
      expect(mail.html).not.toContain(`>${heading}</h2>`);
    }
  });

  it('says so when there is nothing at all', () => {
    const empty = { ...ctx, deliverables: [], awaitingReview: [], otherNotices: [] };
    expect(renderDailyDigest(empty, 'vi').subject).toBe(
      '[Tổng hợp ngày] Thứ Hai, 13/09/2021 – không có việc mới',
    );
    expect(renderDailyDigest(empty, 'en').text).not.toContain('==');
  });

  it('speaks English to a contact who chose it', () => {
    const { text } = renderDailyDigest(ctx, 'en');
    expect(text).toContain('== Due soon ==');
    expect(text).toContain('== Awaiting you ==');
    expect(text).toContain(
      '(Plan 22-KH/TU, period 2021) – due Monday, 13 September 2021, overdue by 4 working days',
    );
    expect(text).toContain(ctx.actUrl);
  });
});
