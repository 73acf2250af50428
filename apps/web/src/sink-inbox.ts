import type { SinkMessage } from './pages/admin.page';

/**
 * The newest messages (at most `limit`) the embedded SMTP sink received, read from its own JSON
 * inbox (`/api/messages`, libs/mail SmtpSink). Throws when the sink does not answer in 3 s, so the
 * page can fall back to the sent-mail log and say why.
 */
export async function readSinkInbox(url: string, limit = 200): Promise<SinkMessage[]> {
  const r = await fetch(`${url.replace(/\/$/, '')}/api/messages`, { signal: AbortSignal.timeout(3000) });
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  return ((await r.json()) as SinkMessage[])
    .map((m) => ({ index: m.index, subject: m.subject, to: m.to, receivedAt: m.receivedAt }))
    .reverse()
    .slice(0, limit);
}
