import type { ScheduledDeliverable } from './scheduled-deliverable';

/** The preview's CSV contract (CLI and API): this header, one row per deliverable, reminder dates joined by `;`. */
export const PREVIEW_CSV_HEADER = 'obligation,unit,period,due_date,reminder_dates';

export function previewCsv(rows: readonly ScheduledDeliverable[]): string {
  const lines = rows.map((r) =>
    [r.obligationId, r.assignee, r.period, r.dueDate ?? '', r.reminderDates.join(';')]
      .map(csvField)
      .join(','),
  );
  return [PREVIEW_CSV_HEADER, ...lines].map((l) => `${l}\n`).join('');
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
