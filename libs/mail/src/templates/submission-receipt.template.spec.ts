import { deliverable, expectDeliverableBasics, SECRET_CONTENT } from './deliverable.fixture';
import {
  renderSubmissionReceipt,
  shortChecksum,
  SubmissionReceiptContext,
} from './submission-receipt.template';

const ctx: SubmissionReceiptContext = {
  ...deliverable,
  submittedAt: '2021-09-10T07:05:30.000Z', // 14:05 in Vietnam
  fileName: 'KH-trien-khai-<Gia Binh>.pdf',
  sha256: 'ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789',
};

describe('renderSubmissionReceipt', () => {
  it('confirms receipt in Vietnamese with the Vietnam-time instant, file name and short checksum', () => {
    const mail = renderSubmissionReceipt(ctx, 'vi');
    expect(mail.subject).toBe(
      '[Đã nhận văn bản] Kế hoạch 22-KH/TU – Kế hoạch triển khai của đơn vị – kỳ 2021',
    );
    expectDeliverableBasics(mail, 'vi');
    expect(mail.text).toContain('- Thời điểm nộp: 10/09/2021 14:05 (giờ Việt Nam)');
    expect(mail.text).toContain('- Tệp văn bản: KH-trien-khai-<Gia Binh>.pdf');
    expect(mail.text).toContain('- Mã kiểm tra (SHA-256): abcdef012345\n');
    expect(mail.text).toContain('Còn 5 ngày làm việc');
    expect(mail.html).toContain('KH-trien-khai-&lt;Gia Binh&gt;.pdf');
    expect(mail.text).not.toContain(ctx.sha256.toLowerCase());
  });

  it('speaks English to a contact who chose it', () => {
    const mail = renderSubmissionReceipt(ctx, 'en');
    expect(mail.subject).toBe(
      '[Submission received] Plan 22-KH/TU – Kế hoạch triển khai của đơn vị – period 2021',
    );
    expectDeliverableBasics(mail, 'en');
    expect(mail.text).toContain('- Submitted at: 10/09/2021 14:05 (Vietnam time)');
    expect(mail.text).toContain('5 working days left');
  });

  it('prints nothing it was not meant to, even when handed more', () => {
    const leaky = { ...ctx, content: SECRET_CONTENT } as SubmissionReceiptContext;
    const mail = renderSubmissionReceipt(leaky, 'vi');
    expect(mail.text).not.toContain(SECRET_CONTENT);
    expect(mail.html).not.toContain(SECRET_CONTENT);
  });

  it('shortens a checksum to its first 12 hex digits', () => {
    expect(shortChecksum(' ABCDEF0123456789 ')).toBe('abcdef012345');
  });
});
