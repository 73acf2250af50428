import type { DeliverableDto } from '../../../api/src/deliverables/dto/deliverable.dto';
import { groupInbox, inboxPage } from './inbox.page';

const deliverable = (o: Partial<DeliverableDto>): DeliverableDto =>
  ({
    id: 'P:o:U:2031',
    title: 'Kế hoạch',
    unitId: 'HU-TIEN-DU',
    period: '2031',
    dueDate: '2031-09-15',
    status: 'open',
    bucket: 'not-done-within-deadline',
    memberCount: 0,
    registeredCount: 0,
    ...o,
  }) as DeliverableDto;

describe('inbox page', () => {
  it('puts overdue first, then what is owed by due date, then what is done', () => {
    const groups = groupInbox('vi', [
      deliverable({ id: 'late-due', dueDate: '2031-10-01' }),
      deliverable({ id: 'done', status: 'submitted', bucket: 'on-time' }),
      deliverable({ id: 'early-due', dueDate: '2031-09-01' }),
      deliverable({ id: 'overdue', dueDate: '2025-11-17', status: 'escalated', bucket: 'not-done-overdue' }),
    ]);
    expect(groups.map((g) => [g.label, g.items.map((d) => d.id)])).toEqual([
      ['Quá hạn', ['overdue']],
      ['Hạn nộp 01/09/2031', ['early-due']],
      ['Hạn nộp 01/10/2031', ['late-due']],
      ['Đã nộp hoặc đã xong', ['done']],
    ]);
  });

  it('escapes what users wrote (a title is text, never markup)', () => {
    const page = inboxPage(
      { lang: 'vi', csrf: 't', path: '/ui/inbox' },
      {
        unitId: 'HU-TIEN-DU',
        unitNames: new Map([['HU-TIEN-DU', 'Huyện ủy <b>Tiên Du</b>']]),
        items: [deliverable({ title: '<script>alert(1)</script>' })],
        showSubUnits: false,
      },
    );
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<b>Tiên Du</b>');
    expect(page.match(/<h1>/g)).toHaveLength(1);
    expect(page).toContain('<html lang="vi">');
  });
});
