import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderInboxPage, renderMessagePage, renderNotFoundPage } from './inbox-pages';
import type { ReceivedMail } from './received-mail';

/** What the HTTP inbox needs from the sink. */
export interface InboxSource {
  messages(): ReceivedMail[];
  clear(): void;
}

export interface InboxHttpServer {
  readonly url: string;
  close(): Promise<void>;
}

// Our own pages may style themselves and frame the HTML part; nothing else.
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'";
// The mail's HTML part is untrusted: no scripts, no network, its own opaque origin.
const MAIL_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

/** Serves the sink's inbox over plain node:http (no framework): HTML pages and a small JSON API. */
export async function startInboxHttpServer(
  source: InboxSource,
  host: string,
  port: number,
): Promise<InboxHttpServer> {
  const server = createServer((req, res) => route(source, req, res));
  await listen(server, host, port);
  const address = server.address() as AddressInfo;
  return {
    url: `http://${formatHost(address.address)}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function route(source: InboxSource, req: IncomingMessage, res: ServerResponse): void {
  const { pathname, searchParams } = new URL(req.url ?? '/', 'http://inbox.invalid');
  const method = req.method ?? 'GET';

  if (pathname === '/api/messages') {
    if (method === 'GET')
      return sendJson(res, 200, toJson(source.messages(), searchParams.get('raw') === '1'));
    if (method === 'DELETE') {
      source.clear();
      res.writeHead(204).end();
      return;
    }
    return methodNotAllowed(res, 'GET, DELETE');
  }

  if (method !== 'GET') return methodNotAllowed(res, 'GET');
  if (pathname === '/') return sendHtml(res, 200, renderInboxPage(source.messages()), PAGE_CSP);

  const match = /^\/messages\/(\d{1,9})(\/html)?$/.exec(pathname);
  const mail = match ? source.messages()[Number(match[1])] : undefined;
  if (!match || !mail) return sendHtml(res, 404, renderNotFoundPage(), PAGE_CSP);
  if (match[2]) return sendHtml(res, mail.html ? 200 : 404, mail.html, MAIL_HTML_CSP);
  return sendHtml(res, 200, renderMessagePage(mail, Number(match[1])), PAGE_CSP);
}

/** Messages for the API: attachments as metadata, the raw source only on request (`?raw=1`). */
function toJson(messages: ReceivedMail[], includeRaw: boolean): unknown[] {
  return messages.map(({ raw, attachments, ...rest }, index) => ({
    index,
    ...rest,
    attachments: attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      size: a.content.length,
    })),
    ...(includeRaw ? { raw } : {}),
  }));
}

function sendHtml(res: ServerResponse, status: number, body: string, csp: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.writeHead(405, { allow, 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed');
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** IPv6 literals need brackets inside a URL. */
export function formatHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}
