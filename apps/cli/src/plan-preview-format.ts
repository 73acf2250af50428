import { parseIsoDate, weekday, IsoDate } from '@dondoc/calendar';
import type { PlanDefinition, ScheduledDeliverable } from '@dondoc/domain';

const WEEKDAYS_VI = ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'];

/** `T2 13/09/2021`: Vietnamese weekday and day/month/year, the way a committee office writes dates. */
export function vietnameseDate(d: IsoDate): string {
  const { y, m, d: day } = parseIsoDate(d);
  return `${WEEKDAYS_VI[weekday(d)]} ${pad(day)}/${pad(m)}/${y}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An aligned table for people: Vietnamese headers, weekday names, the collector, short reminder dates. */
export function previewTable(plan: PlanDefinition, rows: readonly ScheduledDeliverable[]): string {
  const header = ['Hạn nộp', 'Nghĩa vụ', 'Đơn vị / người', 'Kỳ', 'Nơi nhận', 'Nhắc việc (ngày/tháng)'];
  const body = rows.map((r) => [
    r.dueDate ? vietnameseDate(r.dueDate) : 'khi phát sinh',
    r.obligationId,
    r.assignee,
    r.period,
    r.collector ?? '—',
    r.reminderDates.map((d) => `${d.slice(8, 10)}/${d.slice(5, 7)}`).join(' '),
  ]);
  const widths = header.map((h, i) => Math.max(width(h), ...body.map((cells) => width(cells[i]))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i] - width(c))))
      .join('  ')
      .trimEnd();
  const title = `${plan.number} — ${plan.title.vi}`;
  const footer = `${rows.length} sản phẩm phải nộp (deliverables)`;
  return [title, '', line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), '', footer]
    .map((l) => `${l}\n`)
    .join('');
}

/** Columns count characters as the eye sees them: NFC code points, so "Hạn" is 3 wide. */
function width(text: string): number {
  return [...text.normalize('NFC')].length;
}
