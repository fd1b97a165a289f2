// The browser-test setup shared by e2e files: the real server (in-process, on a fixture database of the
// backend under test) and headless Chromium, pages that collect console errors, and login through the form.
import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { openTestDatabase } from '../integration/helpers.ts';
import { PASSWORD, seedFixture, seedUsers, type Fixture } from '../integration/fixtures.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = path.join(ROOT, 'test-results');
export const hasChromium = fs.existsSync(CHROMIUM);

export interface BrowserApp {
  database: DatabaseHandle;
  app: App;
  fixture: Fixture;
  base: string;
  pageErrors: string[];
  newPage(): Promise<Page>;
  login(page: Page, username: string): Promise<void>;
  /** A session cookie for API calls made by the test itself. */
  cookieOf(username: string): Promise<string>;
  close(): Promise<void>;
}

/** A full-page screenshot into test-results/, taken from the top (the sticky header is otherwise painted mid-page). */
export async function fullPageShot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

export async function startBrowserApp(): Promise<BrowserApp> {
  if (!fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) execSync('npm run build:web', { cwd: ROOT, stdio: 'inherit' });
  fs.mkdirSync(SHOTS, { recursive: true });
  const database = await openTestDatabase();
  const fixture = await seedFixture(database);
  await seedUsers(database, fixture);
  const { app } = await buildServer({ database, loginRateLimit: 1000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-quic'] });
  const pageErrors: string[] = [];
  return {
    database, app, fixture, base, pageErrors,
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (err) => pageErrors.push(String(err)));
      page.on('console', (msg) => {
        if (msg.type() === 'error' && !/favicon|401 \(Unauthorized\)|Failed to load resource/.test(msg.text())) pageErrors.push(msg.text());
      });
      return page;
    },
    async login(page, username) {
      await page.goto(`${base}/`);
      await page.waitForURL(/\/login/);
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu').fill(PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByTestId('header-user').waitFor();
    },
    async cookieOf(username) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
      return `dangvu_session=${res.cookies.find((c) => c.name === 'dangvu_session')!.value}`;
    },
    async close() {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}
