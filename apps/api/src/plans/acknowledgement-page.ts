import type { PlanAcknowledgementResultDto } from './dto/plan-acknowledgement.dto';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** `08:14 ngày 16/08/2021` in Vietnam time. */
export function vietnamTime(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.hour}:${parts.minute} ngày ${parts.day}/${parts.month}/${parts.year}`;
}

/**
 * The page a unit sees after clicking the link in the plan-issued mail: self-contained (no scripts,
 * no external resources), Vietnamese first, English below.
 */
export function acknowledgementPage(a: PlanAcknowledgementResultDto): string {
  const when = vietnamTime(a.at);
  const heading = `Đã xác nhận nhận Kế hoạch số ${escape(a.planNumber)}`;
  const note = a.alreadyAcknowledged
    ? `${escape(a.unitName)} đã xác nhận lúc ${when} (giờ Việt Nam). Không cần xác nhận lại.`
    : `${escape(a.unitName)} xác nhận đã nhận kế hoạch lúc ${when} (giờ Việt Nam).`;
  const english = a.alreadyAcknowledged
    ? `Acknowledged: ${escape(a.unitName)} already acknowledged receipt of plan ${escape(a.planNumber)} at ${when} (Vietnam time).`
    : `Acknowledged: ${escape(a.unitName)} has acknowledged receipt of plan ${escape(a.planNumber)} at ${when} (Vietnam time).`;
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${heading} / Acknowledged</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#f6f6f4;color:#222;margin:0;padding:2rem 1rem}
main{max-width:36rem;margin:0 auto;background:#fff;border-top:4px solid #b71c1c;border-radius:4px;padding:1.5rem 2rem;box-shadow:0 1px 3px rgba(0,0,0,.1)}
h1{font-size:1.3rem;color:#b71c1c;margin:0 0 .75rem}
p{line-height:1.5}
.title{font-style:italic}
.en{color:#666;font-size:.9rem;border-top:1px solid #eee;padding-top:.75rem;margin-top:1.25rem}
</style>
</head>
<body>
<main>
<h1>✓ ${heading}</h1>
<p class="title">${escape(a.planTitle)}</p>
<p>${note}</p>
<p class="en" lang="en">${english}</p>
</main>
</body>
</html>
`;
}
