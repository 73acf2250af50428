import { renderIssueNotice } from './issue.template';

const ctx = {
  issueId: '01JB7Z0K3M',
  title: 'Thiếu tài liệu học tập chuyên đề',
  planNumber: '22-KH/TU',
  reporterUnitName: 'Huyện ủy Tiên Du',
  recipientName: 'Ban Tuyên giáo Tỉnh ủy',
  toReporter: false,
  event: 'limit-reminder' as const,
  severity: 'urgent' as const,
  limitDate: '2021-09-08',
  actUrl: 'http://dondoc.test/issues/01JB7Z0K3M',
};

describe('issue mail', () => {
  it('writes Vietnamese first, marks urgency, and asks the holder to act', () => {
    const mail = renderIssueNotice(ctx, 'vi');
    expect(mail.subject).toBe('[Khẩn] Vấn đề phát sinh 01JB7Z0K3M: Đã quá thời hạn xử lý vấn đề');
    expect(mail.text).toContain('Kính gửi: Ban Tuyên giáo Tỉnh ủy,');
    expect(mail.text).toContain('Thứ Tư, 08/09/2021');
    expect(mail.text).toContain('Đề nghị đồng chí xem và xử lý');
  });

  it('tells the reporter in English when asked, and escapes the title in HTML', () => {
    const mail = renderIssueNotice(
      { ...ctx, toReporter: true, event: 'acknowledged', title: '<b>x</b>' },
      'en',
    );
    expect(mail.subject).toContain('acknowledged the issue');
    expect(mail.text).toContain('This is for your information.');
    expect(mail.html).not.toContain('<b>x</b>');
  });
});
