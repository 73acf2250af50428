import { createSmtpMailer, Mailer, SmtpSink } from '@dondoc/mail';
import type { PageContext } from './page';
import { inboxPage } from './pages/admin.page';
import { readSinkInbox } from './sink-inbox';

/** The admin inbox page in embedded mode, over a real SMTP sink with its HTTP inbox. */
describe('admin mail inbox read from the embedded SMTP sink', () => {
  let sink: SmtpSink;
  let mailer: Mailer;
  beforeAll(async () => {
    sink = await SmtpSink.start({ httpPort: 0 });
    mailer = createSmtpMailer(sink.smtpUrl);
  });
  afterAll(async () => {
    await mailer.close();
    await sink.stop();
  });

  it('lists what the sink received, newest first, and the page shows it escaped', async () => {
    for (const [n, subject] of ['[Nhắc hạn] Báo cáo năm 2031', '[Quá hạn] <b>Kế hoạch</b>'].entries())
      await mailer.send({
        messageId: `<inbox-${n}@dondoc.test>`,
        from: 'dondoc <no-reply@dondoc.test>',
        to: [`vanphong${n}@tiendu.bacninh.local`],
        subject,
        text: 'Kính gửi đồng chí.',
        html: '<p>Kính gửi đồng chí.</p>',
      });
    const messages = await readSinkInbox(`${sink.httpUrl}/`);
    expect(messages.map((m) => [m.subject, m.to])).toEqual([
      ['[Quá hạn] <b>Kế hoạch</b>', ['vanphong1@tiendu.bacninh.local']],
      ['[Nhắc hạn] Báo cáo năm 2031', ['vanphong0@tiendu.bacninh.local']],
    ]);
    const ctx: PageContext = { lang: 'vi', csrf: '', path: '/ui/admin/inbox' };
    const page = inboxPage(ctx, { source: 'sink', url: sink.httpUrl!, messages });
    expect(page).toContain('vanphong0@tiendu.bacninh.local');
    expect(page).toContain('[Quá hạn] &lt;b&gt;Kế hoạch&lt;/b&gt;');
    expect(page).toContain(`href="${sink.httpUrl}/messages/1"`);
  });

  it('fails quickly when the sink does not answer, so the page can fall back to the sent log', async () => {
    await expect(readSinkInbox('http://127.0.0.1:9/')).rejects.toThrow();
  });
});
