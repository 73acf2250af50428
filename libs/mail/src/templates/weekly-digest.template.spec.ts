import { renderWeeklyDigest, WeeklyDigestContext } from './weekly-digest.template';

const ctx: WeeklyDigestContext = {
  planNumber: '22-KH/TU',
  planTitle: 'Thực hiện Kết luận 01-KL/TW',
  recipientName: 'Ban Tuyên giáo Tỉnh ủy',
  date: '2021-09-27',
  actUrl: 'https://dondoc.example/plans/22-KH-TU/status',
  items: [
    {
      unitName: 'Huyện ủy Tiên Du',
      obligationTitle: 'Kế hoạch thực hiện',
      period: 'term',
      dueDate: '2021-09-13',
      workingDaysOverdue: 10,
    },
    {
      unitName: 'Thị ủy Từ Sơn',
      obligationTitle: 'Kế hoạch thực hiện',
      period: 'term',
      dueDate: '2021-09-13',
      workingDaysOverdue: 10,
    },
    {
      unitName: 'Huyện ủy Tiên Du',
      obligationTitle: 'Sinh hoạt chuyên đề',
      period: '2021-Q3',
      dueDate: '2021-09-30',
      workingDaysOverdue: 1,
    },
  ],
};

describe('renderWeeklyDigest', () => {
  it('lists every overdue deliverable grouped by unit, in Vietnamese', () => {
    const mail = renderWeeklyDigest(ctx, 'vi');
    expect(mail.subject).toBe('[Đôn đốc hằng tuần] 3 nhiệm vụ quá hạn của 2 đơn vị (Kế hoạch 22-KH/TU)');
    expect(mail.text).toContain('Thứ Hai, 27/09/2021');
    const tienDu = mail.text.indexOf('Sinh hoạt chuyên đề');
    const tuSon = mail.text.indexOf('Thị ủy Từ Sơn');
    expect(tienDu).toBeGreaterThan(0);
    expect(tienDu).toBeLessThan(tuSon); // both Tiên Du items come before Từ Sơn's
    expect(mail.text).toContain('đã quá hạn 10 ngày làm việc');
    expect(mail.html).toContain('https://dondoc.example/plans/22-KH-TU/status');
  });

  it('speaks English to a contact who chose it', () => {
    const mail = renderWeeklyDigest(ctx, 'en');
    expect(mail.subject).toBe('[Weekly follow-up] 3 overdue obligations of 2 units (Plan 22-KH/TU)');
    expect(mail.text).toContain('overdue by 1 working day');
  });
});
