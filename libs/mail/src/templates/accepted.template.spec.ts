import { AcceptedMailContext, renderAccepted } from './accepted.template';
import { deliverable, expectDeliverableBasics, SECRET_CONTENT } from './deliverable.fixture';

const ctx: AcceptedMailContext = {
  ...deliverable,
  collectorName: 'Ban Tuyên giáo Tỉnh ủy',
  bucket: 'on-time',
};

describe('renderAccepted', () => {
  it('says who accepted and that it was on time, in Vietnamese', () => {
    const mail = renderAccepted(ctx, 'vi');
    expect(mail.subject).toBe('[Đã chấp nhận] Kế hoạch 22-KH/TU – Kế hoạch triển khai của đơn vị – đúng hạn');
    expectDeliverableBasics(mail, 'vi');
    expect(mail.text).toContain('Ban Tuyên giáo Tỉnh ủy đã chấp nhận văn bản của đơn vị');
    expect(mail.text).toContain('- Tình trạng: Đã chấp nhận, đúng hạn\n');
    // Days left no longer describe an accepted deliverable.
    expect(mail.text).not.toContain('ngày làm việc');
  });

  it('says late, and by how much, when it was late', () => {
    const mail = renderAccepted({ ...ctx, bucket: 'late', workingDaysLeft: -3 }, 'vi');
    expect(mail.subject).toBe('[Đã chấp nhận] Kế hoạch 22-KH/TU – Kế hoạch triển khai của đơn vị – trễ hạn');
    expect(mail.text).toContain('- Tình trạng: Đã chấp nhận, trễ hạn (đã quá hạn 3 ngày làm việc)');
    expect(mail.text).toContain('Nhiệm vụ đã hoàn thành trễ hạn.');
  });

  it('speaks English to a contact who chose it', () => {
    const onTime = renderAccepted(ctx, 'en');
    expect(onTime.subject).toBe('[Accepted] Plan 22-KH/TU – Kế hoạch triển khai của đơn vị – on time');
    expectDeliverableBasics(onTime, 'en');
    expect(renderAccepted({ ...ctx, bucket: 'late', workingDaysLeft: -1 }, 'en').text).toContain(
      'Accepted, late (overdue by 1 working day)',
    );
  });

  it('escapes the collector name in HTML and carries no document contents', () => {
    const leaky = {
      ...ctx,
      collectorName: '<script>x</script>',
      content: SECRET_CONTENT,
    } as AcceptedMailContext;
    const mail = renderAccepted(leaky, 'vi');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(mail.text).not.toContain(SECRET_CONTENT);
  });
});
