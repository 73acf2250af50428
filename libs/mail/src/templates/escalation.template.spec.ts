import { renderEscalation } from './escalation.template';

const ctx = {
  planNumber: '22-KH/TU',
  planTitle: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  obligationTitle: 'Kế hoạch thực hiện Chuyên đề toàn khóa',
  period: '2021',
  unitName: 'Huyện ủy Tiên Du',
  recipientName: 'Ban Tuyên giáo Tỉnh ủy',
  dueDate: '2021-09-13',
  workingDaysLeft: -7,
  actUrl: 'http://dondoc.test/deliverables/x',
};

describe('renderEscalation', () => {
  it('tells the body above, in Vietnamese, who is late and by how much', () => {
    const mail = renderEscalation(ctx, 'vi');
    expect(mail.subject).toBe(
      '[Quá hạn] Huyện ủy Tiên Du chưa nộp: Kế hoạch thực hiện Chuyên đề toàn khóa (Kế hoạch 22-KH/TU) – đã quá hạn 7 ngày làm việc',
    );
    expect(mail.text).toContain('Kính gửi: Ban Tuyên giáo Tỉnh ủy,');
    expect(mail.text).toContain('Thứ Hai, 13/09/2021');
    expect(mail.html).toContain('http://dondoc.test/deliverables/x');
  });

  it('has an English variant and escapes names in HTML', () => {
    const mail = renderEscalation({ ...ctx, unitName: '<b>X</b>' }, 'en');
    expect(mail.subject).toContain('[Overdue] <b>X</b> has not submitted');
    expect(mail.html).not.toContain('<b>X</b>');
  });
});
