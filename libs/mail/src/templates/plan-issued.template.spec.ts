import { PlanIssuedMailContext, renderPlanIssued } from './plan-issued.template';

const ctx: PlanIssuedMailContext = {
  planNumber: '22-KH/TU',
  planTitle: 'Học tập và triển khai thực hiện Chuyên đề toàn khóa',
  issuerName: 'Tỉnh ủy Bắc Ninh',
  issuedDate: '2021-08-13',
  unitName: 'Huyện ủy Gia Bình',
  firstPeriod: '2021',
  firstPeriodItems: [
    { obligationTitle: 'Kế hoạch triển khai của đơn vị', dueDate: '2021-09-13', clause: 'Mục III.1' },
    { obligationTitle: 'Báo cáo <kết quả> năm', dueDate: '2021-11-30' },
  ],
  ackUrl: 'https://dondoc.example.vn/plans/22-KH-TU/ack?unit=HU-GB',
};

describe('renderPlanIssued', () => {
  it('announces the plan and lists what the unit owes first, in Vietnamese', () => {
    const mail = renderPlanIssued(ctx, 'vi');
    expect(mail.subject).toBe(
      '[Kế hoạch mới] Kế hoạch 22-KH/TU – Học tập và triển khai thực hiện Chuyên đề toàn khóa – ban hành Thứ Sáu, 13/08/2021',
    );
    expect(mail.text).toContain('Tỉnh ủy Bắc Ninh đã ban hành Kế hoạch số 22-KH/TU');
    expect(mail.text).toContain(
      [
        '== Nhiệm vụ của đơn vị trong kỳ đầu (kỳ 2021) ==',
        '- Kế hoạch triển khai của đơn vị (căn cứ Mục III.1) – hạn Thứ Hai, 13/09/2021',
        '- Báo cáo <kết quả> năm – hạn Thứ Ba, 30/11/2021',
      ].join('\n'),
    );
    expect(mail.text).toContain(`Đề nghị đơn vị xem toàn văn kế hoạch và xác nhận đã nhận:\n${ctx.ackUrl}`);
    expect(mail.html).toContain('>Xác nhận đã nhận kế hoạch</a>');
    expect(mail.html).toContain('href="https://dondoc.example.vn/plans/22-KH-TU/ack?unit=HU-GB"');
    expect(mail.html).toContain('Báo cáo &lt;kết quả&gt; năm');
    expect(mail.html).toContain('<h2');
  });

  it('speaks English to a contact who chose it', () => {
    const mail = renderPlanIssued(ctx, 'en');
    expect(mail.subject).toBe(
      '[New plan] Plan 22-KH/TU – Học tập và triển khai thực hiện Chuyên đề toàn khóa – issued Friday, 13 August 2021',
    );
    expect(mail.text).toContain(
      '- Kế hoạch triển khai của đơn vị (clause Mục III.1) – due Monday, 13 September 2021',
    );
    expect(mail.html).toContain('>Acknowledge receipt of the plan</a>');
    expect(mail.text).toContain(ctx.ackUrl);
  });

  it('leaves the list out when nothing falls in the first period', () => {
    const mail = renderPlanIssued({ ...ctx, firstPeriodItems: [] }, 'vi');
    expect(mail.text).not.toContain('kỳ đầu');
    expect(mail.html).not.toContain('<h2');
  });
});
