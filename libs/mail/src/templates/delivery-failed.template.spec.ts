import { DeliveryFailedMailContext, renderDeliveryFailed, truncateError } from './delivery-failed.template';

const ctx: DeliveryFailedMailContext = {
  recipientName: 'đồng chí Bí thư Huyện ủy Gia Bình',
  unitName: 'Huyện ủy Gia Bình',
  address: 'vanthu@giabinh.example.vn',
  mailSubject: '[Nhắc việc] Kế hoạch 22-KH/TU – Kế hoạch triển khai',
  error: '550 5.1.1 <vanthu@giabinh.example.vn>: Recipient address rejected: User unknown',
  failedAt: '2021-09-10T01:00:00.000Z',
  outboxUrl: 'https://dondoc.example.vn/admin/outbox/42',
};

describe('renderDeliveryFailed', () => {
  it('names the address, the subject and the error, and links the outbox, in Vietnamese', () => {
    const mail = renderDeliveryFailed(ctx, 'vi');
    expect(mail.subject).toBe(
      '[Lỗi gửi thư] Không gửi được thư đến vanthu@giabinh.example.vn (Huyện ủy Gia Bình)',
    );
    expect(mail.text).toContain('Kính gửi: đồng chí Bí thư Huyện ủy Gia Bình,');
    expect(mail.text).toContain('Thư “[Nhắc việc] Kế hoạch 22-KH/TU – Kế hoạch triển khai” gửi đến địa chỉ');
    expect(mail.text).toContain('> 550 5.1.1 <vanthu@giabinh.example.vn>: Recipient address rejected');
    expect(mail.text).toContain('- Thời điểm: 10/09/2021 08:00 (giờ Việt Nam)');
    expect(mail.text).toContain(ctx.outboxUrl);
    expect(mail.html).toContain(`href="${ctx.outboxUrl}"`);
    expect(mail.html).toContain('550 5.1.1 &lt;vanthu@giabinh.example.vn&gt;');
  });

  it('says a permanent refusal apart from giving up after repeated temporary errors', () => {
    expect(renderDeliveryFailed(ctx, 'vi').text).toContain('đã từ chối vĩnh viễn');
    const gaveUp = renderDeliveryFailed({ ...ctx, error: 'gave up after 12 attempts', gaveUp: true }, 'vi');
    expect(gaveUp.text).toContain('đã thử gửi nhiều lần không thành công');
    expect(gaveUp.text).not.toContain('vĩnh viễn');
    expect(renderDeliveryFailed({ ...ctx, gaveUp: true }, 'en').text).toContain('tried many times');
  });

  it('speaks English to a contact who chose it', () => {
    const mail = renderDeliveryFailed(ctx, 'en');
    expect(mail.subject).toBe(
      '[Delivery failed] Mail to vanthu@giabinh.example.vn could not be delivered (Huyện ủy Gia Bình)',
    );
    expect(mail.text).toContain('- When: 10/09/2021 08:00 (Vietnam time)');
    expect(mail.text).toContain(ctx.outboxUrl);
  });

  it('cuts a long error to 300 characters without splitting one', () => {
    const long = `550 ${'lỗi 😀 '.repeat(100)}`;
    const cut = truncateError(long);
    expect(Array.from(cut)).toHaveLength(300);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no lone high surrogate
    expect(renderDeliveryFailed({ ...ctx, error: long }, 'vi').text).toContain(cut);
    expect(truncateError('short')).toBe('short');
  });
});
