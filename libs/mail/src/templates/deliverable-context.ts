import type { NoticeTone } from './layout';
import type { Lang } from './types';
import { formatVietnameseDate } from './vietnamese-date';

/**
 * What a mail about one deliverable (one unit, one obligation, one period) may say. Titles and names
 * arrive already in the recipient's language; document contents never come through here.
 */
export interface DeliverableMailContext {
  planNumber: string;
  planTitle: string;
  obligationTitle: string;
  clause?: string;
  period: string;
  unitName: string;
  /** `YYYY-MM-DD`. */
  dueDate: string;
  /** >0 working days remain, 0 due today, <0 overdue by that many working days. */
  workingDaysLeft: number;
  actUrl: string;
}

/** `còn 5 ngày làm việc` / `hôm nay là hạn cuối` / `đã quá hạn 3 ngày làm việc`, lower-case, mid-sentence. */
export function describeDeadline(workingDaysLeft: number, lang: Lang): string {
  if (!Number.isInteger(workingDaysLeft)) {
    throw new RangeError(`workingDaysLeft must be an integer, got ${workingDaysLeft}`);
  }
  const n = Math.abs(workingDaysLeft);
  if (lang === 'vi') {
    if (workingDaysLeft > 0) return `còn ${n} ngày làm việc`;
    if (workingDaysLeft === 0) return 'hôm nay là hạn cuối';
    return `đã quá hạn ${n} ngày làm việc`;
  }
  const days = `${n} working ${n === 1 ? 'day' : 'days'}`;
  if (workingDaysLeft > 0) return `${days} left`;
  if (workingDaysLeft === 0) return 'today is the deadline';
  return `overdue by ${days}`;
}

export function deadlineTone(workingDaysLeft: number): NoticeTone {
  if (workingDaysLeft < 0) return 'danger';
  return workingDaysLeft <= 1 ? 'warning' : 'info';
}

/**
 * The facts every deliverable mail shows, in the same order, so recipients learn where to look.
 * `status` replaces the deadline words once they no longer describe the deliverable (accepted, waived,
 * cancelled): "5 working days left" on a waived deliverable would read as still owed.
 */
export function deliverableFacts(
  ctx: DeliverableMailContext,
  lang: Lang,
  status?: string,
): { label: string; value: string }[] {
  const labels = FACT_LABELS[lang];
  const facts = [
    { label: labels.obligation, value: ctx.obligationTitle },
    { label: labels.plan, value: `${ctx.planNumber} – ${ctx.planTitle}` },
  ];
  if (ctx.clause) facts.push({ label: labels.clause, value: ctx.clause });
  facts.push(
    { label: labels.period, value: ctx.period },
    { label: labels.dueDate, value: formatVietnameseDate(ctx.dueDate, lang) },
    { label: labels.status, value: status ?? capitalise(describeDeadline(ctx.workingDaysLeft, lang), lang) },
  );
  return facts;
}

const FACT_LABELS: Record<
  Lang,
  Record<'obligation' | 'plan' | 'clause' | 'period' | 'dueDate' | 'status', string>
> = {
  vi: {
    obligation: 'Nhiệm vụ',
    plan: 'Kế hoạch',
    clause: 'Căn cứ',
    period: 'Kỳ thực hiện',
    dueDate: 'Hạn hoàn thành',
    status: 'Tình trạng',
  },
  en: {
    obligation: 'Obligation',
    plan: 'Plan',
    clause: 'Clause',
    period: 'Period',
    dueDate: 'Due date',
    status: 'Status',
  },
};

export function capitalise(text: string, lang: Lang): string {
  return text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
}
