import { deliverable, expectDeliverableBasics, SECRET_CONTENT } from './deliverable.fixture';
import { renderReturned, ReturnedMailContext } from './returned.template';

const ctx: ReturnedMailContext = {
  ...deliverable,
  collectorName: 'Ban Tuyên giáo Tỉnh ủy',
  comments: 'Đề nghị bổ sung mục 2.\nThiếu chữ ký <script>alert("x")</script> & dấu.',
  dueDate: '2021-09-13',
  workingDaysLeft: 2,
};

describe('renderReturned', () => {
  it('quotes the comments and gives the new due date, in Vietnamese', () => {
    const mail = renderReturned(ctx, 'vi');
    expect(mail.subject).toBe(
      '[Trả lại văn bản] Kế hoạch 22-KH/TU – Kế hoạch triển khai của đơn vị – nộp lại trước hạn Thứ Hai, 13/09/2021',
    );
    expectDeliverableBasics(mail, 'vi');
    expect(mail.text).toContain(
      'Ý kiến của Ban Tuyên giáo Tỉnh ủy:\n> Đề nghị bổ sung mục 2.\n> Thiếu chữ ký <script>alert("x")</script> & dấu.',
    );
    expect(mail.text).toContain('Hạn nộp lại Thứ Hai, 13/09/2021: còn 2 ngày làm việc.');
  });

  it('escapes the comments in HTML and keeps their line breaks', () => {
    const { html } = renderReturned(ctx, 'vi');
    expect(html).not.toContain('<script>');
    expect(html).toContain(
      'Đề nghị bổ sung mục 2.\nThiếu chữ ký &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; dấu.</blockquote>',
    );
  });

  it('speaks English to a contact who chose it', () => {
    const mail = renderReturned(ctx, 'en');
    expect(mail.subject).toBe(
      '[Returned] Plan 22-KH/TU – Kế hoạch triển khai của đơn vị – resubmit by Monday, 13 September 2021',
    );
    expectDeliverableBasics(mail, 'en');
    expect(mail.text).toContain('Comments from Ban Tuyên giáo Tỉnh ủy:');
    expect(mail.text).toContain('2 working days left');
  });

  it('carries no document contents', () => {
    const mail = renderReturned({ ...ctx, content: SECRET_CONTENT } as ReturnedMailContext, 'vi');
    expect(mail.text + mail.html).not.toContain(SECRET_CONTENT);
  });
});
