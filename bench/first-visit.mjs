// Prints the first visit over a slow mobile network: navigation -> an interactive create screen
// (the screen visible and its passphrase input enabled) in headless Chromium under its network
// emulation at 150 ms round trip, 1.6 Mbps down, 750 kbps up ("slow 4G"), served by bench/host.mjs
// with brotli, with gzip and without compression. Median of N cold visits, each in a fresh browser
// context with the cache disabled, and the bytes transferred up to that moment. Figures, not
// pass/fail.
//
//   node bench/first-visit.mjs [dist]      (BENCH_VISITS, default 7)
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startHost } from './host.mjs';
import { DIST } from '../tests/e2e/lib/server.mjs';
import { CHROMIUM_ARGS as E2E_ARGS } from '../tests/e2e/lib/browser.mjs';
// A browser as users run it: without the synchronous-compilation flag the e2e screenshots need.
const CHROMIUM_ARGS = E2E_ARGS.filter((a) => !a.startsWith('--js-flags'));

const VISITS = Number(process.env.BENCH_VISITS ?? 7);
const dist = path.resolve(process.argv[2] ?? DIST);
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

// Runs in the page before any app code: the moment the create screen can be typed into, and what
// had crossed the network by then (the page and every resource finished so far, headers included).
const OBSERVER = () => {
  const check = () => {
    if (window.__interactive) return;
    const screen = document.querySelector('[data-testid=create-screen]');
    const input = screen?.querySelector('[data-testid=new-pass]');
    if (!input || input.disabled || !screen.checkVisibility() || !input.checkVisibility()) return;
    const at = performance.now();
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
    window.__interactive = { at, bytes: entries.reduce((n, e) => n + e.transferSize, 0), requests: entries.length };
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
};

async function visit(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await page.addInitScript(OBSERVER);
  await page.goto(url);
  await page.waitForFunction(() => window.__interactive, null, { timeout: 120000, polling: 100 });
  const result = await page.evaluate(() => window.__interactive);
  // A passphrase typed at once: when the meter can judge it (the estimator is its own module,
  // fetched as the form shows; "Checking…" until then).
  await page.getByTestId('new-pass').fill('correct horse battery staple');
  await page.waitForFunction(() => document.querySelector('[data-testid=strength]')?.getAttribute('aria-busy') !== 'true', null, { timeout: 120000, polling: 50 });
  result.judged = await page.evaluate(() => performance.now());
  // What the first screen fetches once it is up (the open vault's, the estimator's and the clock
  // sync's modules, and the sync itself), while the passphrase is typed.
  await page.waitForLoadState('networkidle');
  result.after = await page.evaluate(() => {
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
    return { bytes: entries.reduce((n, e) => n + e.transferSize, 0), requests: entries.length, at: Math.max(...entries.map((e) => e.responseEnd)) };
  });
  await context.close();
  return result;
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
console.log(`\nFirst visit under emulated slow 4G (150 ms RTT, 1.6 Mbps down, 750 kbps up), ${VISITS} cold visits each`);
console.log(`(fresh context, cache disabled), bench/host.mjs serving ${path.relative(process.cwd(), dist) || '.'}:`);
console.log('  navigation -> create screen interactive       median    (min – max)        transferred by then');
for (const [name, encodings] of [['brotli (quality 11)', ['br']], ['gzip (level 9)', ['gzip']], ['no compression', []]]) {
  const host = await startHost({ dist, encodings });
  const runs = [];
  for (let i = 0; i < VISITS; i++) runs.push(await visit(browser, host.url));
  await host.close();
  const at = runs.map((r) => r.at);
  const kB = median(runs.map((r) => r.bytes)) / 1000;
  console.log(`  ${name.padEnd(44)} ${median(at).toFixed(0).padStart(6)} ms (${Math.min(...at).toFixed(0)} – ${Math.max(...at).toFixed(0)} ms)   ${kB.toFixed(1).padStart(7)} kB in ${median(runs.map((r) => r.requests))} requests`);
  const after = runs.map((r) => r.after);
  console.log(`    a passphrase typed at once is judged by the meter at ${median(runs.map((r) => r.judged)).toFixed(0)} ms`);
  console.log(`    then, while the passphrase is typed: all in by ${median(after.map((a) => a.at)).toFixed(0)} ms, ${(median(after.map((a) => a.bytes)) / 1000).toFixed(1)} kB in ${median(after.map((a) => a.requests))} requests in all`);
}
await browser.close();
