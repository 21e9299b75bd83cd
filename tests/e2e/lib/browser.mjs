// Launches Debian's Chromium through playwright-core (no browser download), with the flags this
// machine needs, and a fresh profile per launch.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './server.mjs';

export const ARTIFACTS = path.join(ROOT, 'tests/e2e/artifacts');
fs.mkdirSync(ARTIFACTS, { recursive: true });

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--js-flags=--no-wasm-async-compilation',
];

/** A persistent context in a fresh profile directory; `errors` collects page errors and console errors.
 * `touch: true` emulates a phone's touch screen (no hover, coarse pointer). `serviceWorkers: 'block'`
 * keeps the page's own requests where `page.route` sees them (a service worker's are not). */
export async function launch({ locale = 'en-US', colorScheme = 'light', viewport = { width: 1000, height: 800 }, extraArgs = [], touch = false, serviceWorkers = 'allow' } = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    locale,
    colorScheme,
    viewport,
    serviceWorkers,
    ...(touch ? { hasTouch: true, isMobile: true } : {}),
  });
  // Any Content-Security-Policy violation becomes a console error, which every test checks for.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  // E2E_SLOW_SAVE=1000 holds every write of the vault record open that many ms longer (slow
  // storage): the app shows an edit only once it is stored, so a test that reads the screen right
  // after an edit, instead of waiting for it, fails. The transaction is kept open by chained reads;
  // the time is read from event timestamps, which Playwright's page clock does not fake.
  const slowSave = Number(process.env.E2E_SLOW_SAVE || 0);
  if (slowSave > 0) {
    await context.addInitScript((ms) => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (...args) {
        const request = put.apply(this, args);
        if (this.name === 'vault') {
          const until = new Event('t').timeStamp + ms;
          const hold = () => { if (new Event('t').timeStamp < until) this.get('main').onsuccess = hold; };
          hold();
        }
        return request;
      };
    }, slowSave);
  }
  const errors = [];
  const watch = (page) => {
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  // E2E_CPU_THROTTLE=4 runs every page's main thread 4 times slower (DevTools' CPU throttling):
  // a slow machine on a fast one, to find tests that read the screen before it has settled.
  const throttle = Number(process.env.E2E_CPU_THROTTLE || 1);
  if (throttle > 1) {
    const sessions = [];
    let offline = false;
    const slow = (page) => context.newCDPSession(page).then(async (s) => {
      sessions.push(s);
      await s.send('Emulation.setCPUThrottlingRate', { rate: throttle });
      if (offline) await s.send('Network.emulateNetworkConditions', { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    }).catch(() => {});
    await Promise.all(context.pages().map(slow));
    context.on('page', slow);
    // A second DevTools session on a page otherwise undoes Playwright's offline emulation for
    // navigator.onLine after a reload: tell it the same, at the same time. (A request is blocked
    // while any session says offline, and navigator.onLine follows the last one told: told one
    // after the other, the page could hear "online" while its requests were still refused.)
    const setOffline = context.setOffline.bind(context);
    context.setOffline = async (value) => {
      offline = value;
      await Promise.all([setOffline(value), ...sessions.map((s) => s.send('Network.emulateNetworkConditions', { offline: value, latency: 0, downloadThroughput: -1, uploadThroughput: -1 }).catch(() => {}))]);
    };
  }
  const page = context.pages()[0] ?? await context.newPage();
  return {
    context,
    page,
    errors,
    userDataDir,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
