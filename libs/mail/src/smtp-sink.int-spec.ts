import { simpleParser } from 'mailparser';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Mailer, OutgoingMail } from './mailer';
import { PermanentMailError, TransientMailError } from './mail-errors';
import { SmtpSink } from './sink/smtp-sink';
import { createSmtpMailer } from './smtp.mailer';

const SUBJECT = '[Nhắc việc] Kế hoạch 22-KH/TU – Báo cáo kết quả hằng năm – hạn Thứ Hai, 15/11/2021';

function mail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    messageId: `<deliverable-22-kh-tu-annual-report-gia-binh-2021.r1.${Math.random().toString(36).slice(2)}@dondoc>`,
    from: 'Hệ thống đôn đốc <noreply@dondoc.local>',
    to: ['vanphong@giabinh.bacninh.local'],
    subject: SUBJECT,
    text: 'Kính gửi: Huyện ủy Gia Bình,\n\nCòn 5 ngày làm việc.',
    html: '<p>Kính gửi: <b>Huyện ủy Gia Bình</b>,</p><p>Còn 5 ngày làm việc.</p>',
    ...overrides,
  };
}

describe('SmtpSink with createSmtpMailer', () => {
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

  beforeEach(() => sink.clear());

  it('listens on loopback with a random port', () => {
    expect(sink.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    expect(sink.port).toBeGreaterThan(0);
    expect(sink.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('receives a Vietnamese mail with HTML and an attachment intact', async () => {
    const outgoing = mail({
      headers: { 'X-Dondoc-Workflow': 'deliverable:22-KH-TU:annual-report:gia-binh:2021' },
      attachments: [
        {
          filename: 'danh-sách-đơn-vị.csv',
          content: 'Đơn vị;Hạn\nHuyện ủy Gia Bình;15/11/2021\n',
          contentType: 'text/csv',
        },
      ],
    });

    const result = await mailer.send(outgoing);
    expect(result.accepted).toEqual(['vanphong@giabinh.bacninh.local']);
    expect(result.rejected).toEqual([]);
    expect(result.response).toMatch(/^250 /);

    // The message is stored before the client's send resolves.
    const [received] = sink.messages();
    expect(received.messageId).toBe(outgoing.messageId);
    expect(received.subject).toBe(SUBJECT);
    expect(received.from).toBe('"Hệ thống đôn đốc" <noreply@dondoc.local>');
    expect(received.to).toEqual(['vanphong@giabinh.bacninh.local']);
    expect(received.text.trim()).toBe(outgoing.text);
    expect(received.html).toBe(outgoing.html);
    expect(received.headers['x-dondoc-workflow']).toBe('deliverable:22-KH-TU:annual-report:gia-binh:2021');
    expect(received.date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(Date.parse(received.receivedAt)).toBeLessThanOrEqual(Date.now());
    expect(received.attachments).toHaveLength(1);
    expect(received.attachments[0].filename).toBe('danh-sách-đơn-vị.csv');
    expect(received.attachments[0].contentType).toBe('text/csv');
    expect(received.attachments[0].content.toString('utf8')).toBe(
      'Đơn vị;Hạn\nHuyện ủy Gia Bình;15/11/2021\n',
    );

    // The raw source is a complete message: parsing it again gives the same subject and id.
    const reparsed = await simpleParser(received.raw);
    expect(reparsed.subject).toBe(SUBJECT);
    expect(reparsed.messageId).toBe(outgoing.messageId);
  });

  it('waits for messages that are yet to arrive', async () => {
    const waiting = sink.waitFor((m) => m.subject.includes('chờ'));
    const counting = sink.waitForCount(2);
    await mailer.send(mail({ subject: 'Thư thứ nhất' }));
    await mailer.send(mail({ subject: 'Thư chờ' }));
    expect((await waiting).subject).toBe('Thư chờ');
    expect((await counting).map((m) => m.subject)).toEqual(['Thư thứ nhất', 'Thư chờ']);
  });

  it('times out with an error that lists what did arrive', async () => {
    await mailer.send(mail({ subject: 'Thư khác' }));
    await expect(sink.waitFor((m) => m.subject === 'Không bao giờ đến', 200)).rejects.toThrow(
      /no message matching the predicate within 200 ms\. 1 message\(s\) arrived:\n.*"Thư khác"/,
    );
    sink.clear();
    await expect(sink.waitForCount(1, 100)).rejects.toThrow(
      'expected at least 1 message(s) within 100 ms. No message arrived.',
    );
  });

  it('classifies a scripted 451 as transient and a scripted 550 as permanent', async () => {
    sink.failNext(1, 451);
    const transient = await mailer.send(mail()).catch((err: unknown) => err);
    expect(transient).toBeInstanceOf(TransientMailError);
    expect((transient as TransientMailError).responseCode).toBe(451);
    expect((transient as TransientMailError).retryable).toBe(true);

    sink.failNext(1, 550, 'Mailbox unavailable');
    const permanent = await mailer.send(mail()).catch((err: unknown) => err);
    expect(permanent).toBeInstanceOf(PermanentMailError);
    expect((permanent as PermanentMailError).responseCode).toBe(550);
    expect((permanent as PermanentMailError).message).toContain('Mailbox unavailable');

    // Faults are used up: the next message goes through, and the refused ones were not stored.
    await mailer.send(mail({ subject: 'Sau lỗi' }));
    expect(sink.messages().map((m) => m.subject)).toEqual(['Sau lỗi']);
  });

  it('reports a refused connection as transient', async () => {
    const closedPort = await freePort();
    const nowhere = createSmtpMailer(`smtp://127.0.0.1:${closedPort}`);
    try {
      const err = await nowhere.send(mail()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TransientMailError);
      expect(err).not.toBeInstanceOf(PermanentMailError);
    } finally {
      await nowhere.close();
    }
  });

  it('delivers through a pooled mailer too', async () => {
    const pooled = createSmtpMailer(sink.smtpUrl, { pool: true, maxConnections: 2 });
    try {
      await Promise.all([1, 2, 3].map((i) => pooled.send(mail({ subject: `Thư ${i}` }))));
      expect((await sink.waitForCount(3)).map((m) => m.subject).sort()).toEqual(['Thư 1', 'Thư 2', 'Thư 3']);
    } finally {
      await pooled.close();
    }
  });

  describe('HTTP inbox', () => {
    const hostile = '<script>alert("xss")</script>';

    beforeEach(async () => {
      await mailer.send(mail({ subject: 'Thư cũ' }));
      await mailer.send(mail({ subject: `Thư mới ${hostile}`, html: `<p>Xin chào</p>${hostile}` }));
    });

    it('lists messages newest first with Vietnamese and English labels, escaped', async () => {
      const res = await fetch(`${sink.httpUrl}/`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const page = await res.text();
      expect(page).toContain('Hộp thư thử nghiệm / Test inbox');
      expect(page).toContain('vanphong@giabinh.bacninh.local');
      expect(page).not.toContain(hostile);
      expect(page).toContain('Thư mới &lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
      expect(page.indexOf('Thư mới')).toBeLessThan(page.indexOf('Thư cũ'));
      expect(page).toContain('href="/messages/1"');
    });

    it('shows one message with its text and its HTML part in a sandboxed frame', async () => {
      const page = await (await fetch(`${sink.httpUrl}/messages/1`)).text();
      expect(page).not.toContain(hostile);
      expect(page).toContain('<iframe sandbox src="/messages/1/html"');
      expect(page).toContain('Còn 5 ngày làm việc.');

      const part = await fetch(`${sink.httpUrl}/messages/1/html`);
      expect(part.headers.get('content-security-policy')).toContain('sandbox');
      expect(await part.text()).toBe(`<p>Xin chào</p>${hostile}`);

      expect((await fetch(`${sink.httpUrl}/messages/99`)).status).toBe(404);
    });

    it('serves JSON without the raw source unless asked, and clears on DELETE', async () => {
      const list = (await (await fetch(`${sink.httpUrl}/api/messages`)).json()) as Record<string, unknown>[];
      expect(list.map((m) => m.subject)).toEqual(['Thư cũ', `Thư mới ${hostile}`]);
      expect(list[0]).not.toHaveProperty('raw');
      expect(list[0]).toMatchObject({ index: 0, to: ['vanphong@giabinh.bacninh.local'], attachments: [] });

      const withRaw = (await (await fetch(`${sink.httpUrl}/api/messages?raw=1`)).json()) as { raw: string }[];
      expect(withRaw[0].raw).toContain('Message-ID:');

      expect((await fetch(`${sink.httpUrl}/api/messages`, { method: 'DELETE' })).status).toBe(204);
      expect(sink.messages()).toEqual([]);
      expect((await fetch(`${sink.httpUrl}/api/messages`, { method: 'PUT' })).status).toBe(405);
    });
  });
});

describe('SmtpSink lifecycle', () => {
  it('has no HTTP inbox unless asked for one, and fails pending waits when stopped', async () => {
    const sink = await SmtpSink.start();
    expect(sink.httpUrl).toBeUndefined();
    const pending = sink.waitFor(() => true, 5_000);
    await sink.stop();
    await expect(pending).rejects.toThrow('stopped');
    await sink.stop();
  });

  it('rejects oversized messages with 552', async () => {
    const sink = await SmtpSink.start();
    const mailer = createSmtpMailer(sink.smtpUrl);
    try {
      const err = await mailer.send(mail({ text: 'x'.repeat(11 * 1024 * 1024) })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PermanentMailError);
      expect((err as PermanentMailError).responseCode).toBe(552);
      expect(sink.messages()).toEqual([]);
    } finally {
      await mailer.close();
      await sink.stop();
    }
  });
});

/** A port nothing listens on: bind, read it, release it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
