// Test fixtures shared by the template specs (not exported from the package).
import type { DeliverableMailContext } from './deliverable-context';
import type { Lang, RenderedMail } from './types';

export const deliverable: DeliverableMailContext = {
  planNumber: '22-KH/TU',
  planTitle: 'Học tập và triển khai thực hiện Chuyên đề toàn khóa',
  obligationTitle: 'Kế hoạch triển khai của đơn vị',
  clause: 'Mục III.1',
  period: '2021',
  unitName: 'Huyện ủy Gia Bình',
  dueDate: '2021-09-13',
  workingDaysLeft: 5,
  actUrl: 'https://dondoc.example.vn/deliverables/abc',
};

/** Text a mail must never carry: what a submitted document says. */
export const SECRET_CONTENT = 'NỘI DUNG VĂN BẢN MẬT';

export const DUE = { vi: 'Thứ Hai, 13/09/2021', en: 'Monday, 13 September 2021' } as const;

/** What every mail about a deliverable shows, in both parts. */
export function expectDeliverableBasics(mail: RenderedMail, lang: Lang, url = deliverable.actUrl): void {
  for (const part of [mail.text, mail.html]) {
    expect(part).toContain('22-KH/TU');
    expect(part).toContain('Kế hoạch triển khai của đơn vị');
    expect(part).toContain('Mục III.1');
    expect(part).toContain('Học tập và triển khai thực hiện Chuyên đề toàn khóa');
    expect(part).toContain(DUE[lang]);
    expect(part).toContain(url);
    expect(part).not.toContain(SECRET_CONTENT);
  }
  expect(mail.html).toContain(`href="${url}"`);
  expect(mail.html).toContain(`<html lang="${lang}">`);
  expect(mail.subject).not.toMatch(/[\r\n]/);
}
