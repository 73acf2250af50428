import { deliverable, expectDeliverableBasics } from './deliverable.fixture';
import { renderWaived, WaivedMailContext } from './waived.template';

const ctx: WaivedMailContext = {
  ...deliverable,
  reason: 'Đơn vị đã sáp nhập & chuyển nhiệm vụ',
  waivedBy: 'Ban Tuyên giáo Tỉnh ủy',
};

describe('renderWaived', () => {
  it('says the unit is excused, why and by whom, in Vietnamese', () => {
    const mail = renderWaived(ctx, 'vi');
    expect(mail.subject).toBe(
      '[Miễn thực hiện] Kế hoạch 22-KH/TU – Kế hoạch triển khai của đơn vị – kỳ 2021',
    );
    expectDeliverableBasics(mail, 'vi');
    expect(mail.text).toContain('Ban Tuyên giáo Tỉnh ủy đã quyết định miễn cho đơn vị thực hiện nhiệm vụ');
    expect(mail.text).toContain('Lý do:\n> Đơn vị đã sáp nhập & chuyển nhiệm vụ');
    expect(mail.text).toContain('- Tình trạng: Được miễn\n');
    expect(mail.html).toContain('Đơn vị đã sáp nhập &amp; chuyển nhiệm vụ');
  });

  it('reads well without the deciding body', () => {
    const { waivedBy: _by, ...anonymous } = ctx;
    expect(renderWaived(anonymous, 'vi').text).toContain('Đơn vị được miễn thực hiện nhiệm vụ dưới đây');
    expect(renderWaived(anonymous, 'en').text).toContain('Your unit is excused from the obligation below');
  });

  it('speaks English to a contact who chose it', () => {
    const mail = renderWaived(ctx, 'en');
    expect(mail.subject).toBe('[Waived] Plan 22-KH/TU – Kế hoạch triển khai của đơn vị – period 2021');
    expectDeliverableBasics(mail, 'en');
    expect(mail.text).toContain('- Status: Waived\n');
  });
});
