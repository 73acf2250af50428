import { deliverable, expectDeliverableBasics } from './deliverable.fixture';
import { ExtensionGrantedMailContext, renderExtensionGranted } from './extension-granted.template';

const ctx: ExtensionGrantedMailContext = {
  ...deliverable,
  previousDueDate: '2021-08-31',
  dueDate: '2021-09-13',
  workingDaysLeft: 8,
  reason: 'Đơn vị đang kiện toàn <nhân sự>',
  grantedBy: 'Ban Tuyên giáo Tỉnh ủy',
};

describe('renderExtensionGranted', () => {
  it('gives the old and new due dates, the reason and who granted it, in Vietnamese', () => {
    const mail = renderExtensionGranted(ctx, 'vi');
    expect(mail.subject).toBe(
      '[Gia hạn] Kế hoạch 22-KH/TU – Kế hoạch triển khai của đơn vị – hạn mới Thứ Hai, 13/09/2021',
    );
    expectDeliverableBasics(mail, 'vi');
    expect(mail.text).toContain('từ Thứ Ba, 31/08/2021 đến Thứ Hai, 13/09/2021');
    expect(mail.text).toContain('Lý do gia hạn:\n> Đơn vị đang kiện toàn <nhân sự>');
    expect(mail.text).toContain('- Cơ quan gia hạn: Ban Tuyên giáo Tỉnh ủy');
    expect(mail.text).toContain('còn 8 ngày làm việc');
    expect(mail.html).toContain('Đơn vị đang kiện toàn &lt;nhân sự&gt;');
  });

  it('speaks English to a contact who chose it', () => {
    const mail = renderExtensionGranted(ctx, 'en');
    expect(mail.subject).toBe(
      '[Extension granted] Plan 22-KH/TU – Kế hoạch triển khai của đơn vị – new due date Monday, 13 September 2021',
    );
    expectDeliverableBasics(mail, 'en');
    expect(mail.text).toContain('from Tuesday, 31 August 2021 to Monday, 13 September 2021');
  });
});
