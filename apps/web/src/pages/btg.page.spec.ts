import type { StatusRowDto } from '../../../api/src/plans/dto/plan-lifecycle.dto';
import type { PageContext } from '../page';
import { inertCell } from '../btg.controller';
import { countBuckets, countdown, dashboardPage, overduePage, rateOf, workingDaysTo } from './btg.page';

const ctx: PageContext = { lang: 'vi', csrf: 'token', path: '/ui/btg' };

const row = (o: Partial<StatusRowDto>): StatusRowDto => ({
  deliverableId: 'P:annual-report:U:2025',
  unitId: 'U',
  unitName: 'Huyện ủy <Tiên Du>',
  obligationId: 'annual-report',
  period: '2025',
  status: 'open',
  bucket: 'not-done-within-deadline',
  dueDate: '2025-11-17',
  deadlineAt: '2025-11-17T17:00:00.000Z',
  submittedAt: null,
  ...o,
});

describe('BTG pages', () => {
  it('counts on time out of what fell due or was submitted; waived, cancelled and not yet due do not count', () => {
    const rows = [
      row({ bucket: 'on-time' }),
      row({ bucket: 'late' }),
      row({ bucket: 'not-done-overdue' }),
      row({ bucket: 'not-done-within-deadline' }),
      row({ bucket: 'waived' }),
      row({ bucket: 'cancelled' }),
    ];
    expect(rateOf(rows)).toEqual({ onTime: 1, counted: 3, percent: 33 });
    expect(rateOf([row({ bucket: 'waived' })])).toEqual({ onTime: 0, counted: 0, percent: null });
    expect(countBuckets(rows)).toEqual({
      total: 6,
      'on-time': 1,
      late: 1,
      'not-done-within-deadline': 1,
      'not-done-overdue': 1,
      waived: 1,
      cancelled: 1,
    });
  });

  it('counts an issue limit down in working days (Vietnamese calendar), then past it', () => {
    const friday = new Date('2026-11-27T03:00:00Z');
    expect(workingDaysTo('2026-12-01', friday)).toBe(2); // Mon 30/11, Tue 1/12
    expect(workingDaysTo('2026-11-27', friday)).toBe(0);
    expect(workingDaysTo('2026-11-25', friday)).toBe(-2);
    expect(workingDaysTo('2026-11-30T17:00:00.000Z', friday)).toBe(2); // an instant: its day in Vietnam
    // The clock's last working day, not the day of the instant the limit passes (its next midnight).
    const issue = {
      limitAt: '2026-12-01T17:00:00.000Z',
      clock: { kind: 'acknowledge', holder: 'btg', limitDate: '2026-12-01' },
    };
    expect(countdown('vi', issue, friday).value).toContain('Còn 2 ngày làm việc (01/12/2026)');
    expect(countdown('vi', issue, new Date('2026-12-02T03:00:00Z')).value).toContain(
      'Quá hạn 1 ngày làm việc (01/12/2026)',
    );
    expect(countdown('en', { limitAt: null, clock: null }).value).toContain('No time limit');
  });

  it('renders the matrix cell as a link with the bucket in words, escaping unit names; bars sized by attributes', () => {
    const rows = [row({ bucket: 'not-done-overdue' })];
    const page = dashboardPage(ctx, {
      plans: [{ id: 'P', number: '22-KH/TU', title: 'Kế hoạch' } as never],
      planId: 'P',
      periods: ['2025'],
      period: '2025',
      rows,
      allRows: rows,
      obligations: [{ id: 'annual-report', title: 'Báo cáo năm' }],
      units: [{ id: 'U', name: 'Huyện ủy <Tiên Du>' }],
      unitCount: 1,
      page: 1,
      pageSize: 25,
    });
    expect(page).toContain('Huyện ủy &lt;Tiên Du&gt;');
    expect(page).not.toContain('<Tiên Du>');
    expect(page).toContain('href="/ui/deliverables/P%3Aannual-report%3AU%3A2025"');
    expect(page).toContain('Chưa hoàn thành quá hạn');
    expect(page).toMatch(/<rect class="bar-fill" x="0" y="0" width="0"/);
    expect(page).not.toMatch(/style=/);
  });

  it('lists who would be reminded by name, and the form names exactly those deliverables', () => {
    const rows = [row({ bucket: 'not-done-overdue', status: 'escalated' })];
    const page = overduePage(ctx, {
      plans: [],
      periods: [],
      rows,
      titles: new Map([[rows[0].deliverableId, 'Báo cáo năm']]),
      contacts: new Map([['U', [{ id: 'c1', unitId: 'U', name: 'Nguyễn Văn An', role: 'head' }]]]),
      remindedToday: new Set(),
    });
    expect(page).toContain('Nguyễn Văn An');
    expect(page.match(/name="deliverable" value="([^"]+)"/g)).toEqual([
      'name="deliverable" value="P:annual-report:U:2025"',
    ]);
    expect(page).toContain('name="_csrf" value="token"');
  });

  it('keeps CSV cells a spreadsheet would run as formulas inert', () => {
    expect(['=1+1', '+84 912', '-2', '@SUM(A1)', 'Huyện ủy Tiên Du', '2025-11-17'].map(inertCell)).toEqual([
      "'=1+1",
      "'+84 912",
      "'-2",
      "'@SUM(A1)",
      'Huyện ủy Tiên Du',
      '2025-11-17',
    ]);
  });
});
