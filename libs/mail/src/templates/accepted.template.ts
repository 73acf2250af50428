import { BUCKETS } from '@dondoc/domain';
import { deliverableFacts, describeDeadline } from './deliverable-context';
import type { DeliverableMailContext } from './deliverable-context';
import { renderLayout } from './layout';
import type { Lang, RenderedMail } from './types';

export interface AcceptedMailContext extends DeliverableMailContext {
  /** The body that accepted, e.g. "Ban Tuyên giáo Tỉnh ủy". */
  collectorName: string;
  /** The reporting bucket of the accepted submission (BUCKETS in @dondoc/domain). */
  bucket: 'on-time' | 'late';
}

/** Tells the unit its submission was accepted, and whether it counts as on time in BTG's reports. */
export function renderAccepted(ctx: AcceptedMailContext, lang: Lang): RenderedMail {
  const vi = lang === 'vi';
  // The same words BTG's reports use, lower-cased to sit mid-sentence: "đúng hạn" / "trễ hạn".
  const bucket = BUCKETS[ctx.bucket][lang].toLocaleLowerCase(lang);
  const accepted = vi ? `Đã chấp nhận, ${bucket}` : `Accepted, ${bucket}`;
  // A late acceptance keeps the count of working days it was late by; an on-time one needs none.
  const status =
    ctx.bucket === 'late' && ctx.workingDaysLeft < 0
      ? `${accepted} (${describeDeadline(ctx.workingDaysLeft, lang)})`
      : accepted;
  return renderLayout({
    lang,
    subject: vi
      ? `[Đã chấp nhận] Kế hoạch ${ctx.planNumber} – ${ctx.obligationTitle} – ${bucket}`
      : `[Accepted] Plan ${ctx.planNumber} – ${ctx.obligationTitle} – ${bucket}`,
    greeting: vi ? `Kính gửi: ${ctx.unitName},` : `To: ${ctx.unitName},`,
    paragraphs: [
      vi
        ? `${ctx.collectorName} đã chấp nhận văn bản của đơn vị cho nhiệm vụ dưới đây theo Kế hoạch số ${ctx.planNumber} (${ctx.planTitle}).`
        : `${ctx.collectorName} has accepted your unit's submission for the obligation below under Plan No. ${ctx.planNumber} (${ctx.planTitle}).`,
    ],
    notice: {
      text: vi ? `Nhiệm vụ đã hoàn thành ${bucket}.` : `The obligation is done, ${bucket}.`,
      tone: ctx.bucket === 'late' ? 'warning' : 'info',
    },
    facts: [
      ...deliverableFacts(ctx, lang, status),
      { label: vi ? 'Cơ quan tiếp nhận' : 'Accepted by', value: ctx.collectorName },
    ],
    action: {
      intro: vi ? 'Xem chi tiết nhiệm vụ:' : 'See the obligation:',
      label: vi ? 'Mở nhiệm vụ trên dondoc' : 'Open the obligation in dondoc',
      url: ctx.actUrl,
    },
  });
}
