import { CancelledMailContext, renderCancelled } from './cancelled.template';
import { deliverable, expectDeliverableBasics } from './deliverable.fixture';

const ctx: CancelledMailContext = { ...deliverable, reason: 'Kế hoạch bị hủy <theo Quyết định 5>' };

describe('renderCancelled', () => {
  it('says the deliverable is cancelled and why, in Vietnamese', () => {
    const mail = renderCancelled(ctx, 'vi');
    expect(mail.subject).toBe('[Hủy nhiệm vụ] Kế hoạch 22-KH/TU – Kế hoạch triển khai của đơn vị – kỳ 2021');
    expectDeliverableBasics(mail, 'vi');
    expect(mail.text).toContain('Lý do:\n> Kế hoạch bị hủy <theo Quyết định 5>');
    expect(mail.text).toContain('- Tình trạng: Đã hủy\n');
    expect(mail.html).toContain('Kế hoạch bị hủy &lt;theo Quyết định 5&gt;');
  });

  it('speaks English to a contact who chose it', () => {
    const mail = renderCancelled(ctx, 'en');
    expect(mail.subject).toBe('[Cancelled] Plan 22-KH/TU – Kế hoạch triển khai của đơn vị – period 2021');
    expectDeliverableBasics(mail, 'en');
    expect(mail.text).toContain('- Status: Cancelled\n');
  });
});
