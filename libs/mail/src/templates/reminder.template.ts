import { deadlineTone, deliverableFacts, describeDeadline } from './deliverable-context';
import type { DeliverableMailContext } from './deliverable-context';
import { renderLayout } from './layout';
import type { Lang, RenderedMail } from './types';
import { formatVietnameseDate } from './vietnamese-date';

/** The reminder a unit gets before, on and after a deliverable's due date until it submits. */
export function renderReminder(ctx: DeliverableMailContext, lang: Lang): RenderedMail {
  const due = formatVietnameseDate(ctx.dueDate, lang);
  const deadline = describeDeadline(ctx.workingDaysLeft, lang);
  const words = lang === 'vi' ? viWords(ctx, due, deadline) : enWords(ctx, due, deadline);
  return renderLayout({
    lang,
    subject: words.subject,
    greeting: words.greeting,
    paragraphs: [words.intro],
    notice: { text: words.notice, tone: deadlineTone(ctx.workingDaysLeft) },
    facts: deliverableFacts(ctx, lang),
    action: { intro: words.actionIntro, label: words.actionLabel, url: ctx.actUrl },
    // A reminder can cross a submission in flight; say so rather than alarm a unit that already acted.
    closing: [words.alreadyDone],
  });
}

interface ReminderWords {
  subject: string;
  greeting: string;
  intro: string;
  notice: string;
  actionIntro: string;
  actionLabel: string;
  alreadyDone: string;
}

function viWords(ctx: DeliverableMailContext, due: string, deadline: string): ReminderWords {
  const left = ctx.workingDaysLeft;
  const dueSuffix =
    left > 0 ? `hạn ${due}` : left === 0 ? `hạn cuối hôm nay, ${due}` : `${deadline} (hạn ${due})`;
  return {
    subject: `[Nhắc việc] Kế hoạch ${ctx.planNumber} – ${ctx.obligationTitle} – ${dueSuffix}`,
    greeting: `Kính gửi: ${ctx.unitName},`,
    intro: `Hệ thống dondoc trân trọng nhắc đơn vị về nhiệm vụ sau theo Kế hoạch số ${ctx.planNumber} (${ctx.planTitle}).`,
    notice: `Hạn hoàn thành ${due}: ${deadline}.`,
    actionIntro: 'Để nộp văn bản, đề nghị gia hạn hoặc báo cáo vướng mắc, vui lòng truy cập:',
    actionLabel: 'Mở nhiệm vụ trên dondoc',
    alreadyDone: 'Nếu đơn vị đã nộp văn bản, xin vui lòng bỏ qua thư này.',
  };
}

function enWords(ctx: DeliverableMailContext, due: string, deadline: string): ReminderWords {
  const left = ctx.workingDaysLeft;
  const dueSuffix = left > 0 ? `due ${due}` : left === 0 ? `due today, ${due}` : `${deadline} (due ${due})`;
  return {
    subject: `[Reminder] Plan ${ctx.planNumber} – ${ctx.obligationTitle} – ${dueSuffix}`,
    greeting: `To: ${ctx.unitName},`,
    intro: `dondoc kindly reminds your unit of the following obligation under Plan No. ${ctx.planNumber} (${ctx.planTitle}).`,
    notice: `Due ${due}: ${deadline}.`,
    actionIntro: 'To submit the document, request an extension or report a problem, please open:',
    actionLabel: 'Open the obligation in dondoc',
    alreadyDone: 'If your unit has already submitted, please disregard this message.',
  };
}
