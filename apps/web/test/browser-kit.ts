/// <reference lib="dom" />
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { ApiTestStack, seedTestUnit, startApiTestStack, storePlan22 } from '@dondoc/testing';
import { seedBtv } from '../../../workflows/test/issue-harness';

/**
 * What every browser spec shares: Debian's Chromium (or CHROMIUM_PATH; missing, the run fails with
 * the command that installs it), the DOM accessibility checks, and screenshots to
 * test-artifacts/screenshots/ (git-ignored).
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = join(__dirname, '..', '..', '..', 'test-artifacts', 'screenshots');

if (!existsSync(CHROMIUM))
  throw new Error(
    `No Chromium at ${CHROMIUM}: the browser tests need Debian's chromium. Install it with ` +
      '`make browser` (apt-get install -y --no-install-recommends chromium, as root), or set CHROMIUM_PATH.',
  );

/** Headless Chromium without the background traffic; the screenshot folder exists afterwards. */
export function launchChromium(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A phone: 375×812, mobile, touch. */
export const PHONE = { width: 375, height: 812 } as const;
export const phoneContext = (browser: Browser): Promise<BrowserContext> =>
  browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });

/** How wide the page is laid out (more than the viewport: it scrolls sideways). */
export const pageWidth = (page: Page): Promise<number> =>
  page.evaluate(() => document.documentElement.scrollWidth);

/**
 * What every page must satisfy: html[lang], one h1, every visible form control labelled, images
 * with alt, and no `style` attribute (the CSP refuses inline style: one would silently not apply).
 */
export async function expectAccessible(page: Page): Promise<void> {
  const report = await page.evaluate(() => {
    const controls = [...document.querySelectorAll('input, select, textarea')].filter(
      (el) => (el as HTMLInputElement).type !== 'hidden',
    );
    const unlabelled = controls
      .filter((el) => {
        const id = el.getAttribute('id');
        const byFor = id ? document.querySelector(`label[for="${CSS.escape(id)}"]`) : null;
        return (
          !byFor &&
          !el.closest('label') &&
          !el.getAttribute('aria-label') &&
          !el.getAttribute('aria-labelledby')
        );
      })
      .map((el) => el.outerHTML);
    return {
      lang: document.documentElement.getAttribute('lang'),
      h1: document.querySelectorAll('h1').length,
      unlabelled,
      imagesWithoutAlt: [...document.querySelectorAll('img')].filter((i) => !i.hasAttribute('alt')).length,
      inlineStyle: document.querySelectorAll('[style]').length,
    };
  });
  expect(report).toEqual({
    lang: expect.stringMatching(/^(vi|en)$/),
    h1: 1,
    unlabelled: [],
    imagesWithoutAlt: 0,
    inlineStyle: 0,
  });
}

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

/**
 * The real stack (Temporal dev server, worker, PostgreSQL, SMTP sink) seeded with the test tree, BTV
 * and plan 22-KH/TU, the Nest app listening on a free port of 127.0.0.1; `base` is its URL.
 */
export async function startUiStack(): Promise<{ stack: ApiTestStack; base: string }> {
  const stack = await startApiTestStack({
    prepare: async (db) => {
      await seedTestUnit(db.dataSource);
      await seedBtv(db.dataSource);
      await storePlan22(db.dataSource);
    },
  });
  await stack.app.listen(0, '127.0.0.1');
  return { stack, base: `http://127.0.0.1:${(stack.app.getHttpServer().address() as AddressInfo).port}` };
}
