// Prints the web figures: transfer size of the release build (raw and gzip, split by kind) and
// load timings in headless Chromium (median of N fresh-profile loads). Figures, not pass/fail.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer, DIST } from '../tests/e2e/lib/server.mjs';
import { CHROMIUM_ARGS as E2E_ARGS } from '../tests/e2e/lib/browser.mjs';
// Measure a browser as users run it: without the synchronous-compilation flag the screenshots need.
const CHROMIUM_ARGS = E2E_ARGS.filter((a) => !a.startsWith('--js-flags'));

const LOADS = Number(process.env.BENCH_LOADS ?? 15);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KiB';

function sizes() {
  const groups = {};
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { walk(p); continue; }
      const body = fs.readFileSync(p);
      const kind = path.extname(e.name).slice(1) || 'other';
      const g = (groups[kind] ??= { files: 0, raw: 0, gzip: 0 });
      g.files += 1;
      g.raw += body.length;
      g.gzip += zlib.gzipSync(body, { level: 9 }).length;
    }
  };
  walk(DIST);
  console.log('Release build transfer size (dist/):');
  console.log('  kind      files        raw          gzip');
  let raw = 0, gzip = 0;
  for (const [kind, g] of Object.entries(groups).sort()) {
    console.log(`  ${kind.padEnd(8)} ${String(g.files).padStart(5)} ${kb(g.raw)} ${kb(g.gzip)}`);
    raw += g.raw; gzip += g.gzip;
  }
  console.log(`  ${'total'.padEnd(8)} ${''.padStart(5)} ${kb(raw)} ${kb(gzip)}   (${(gzip / 1000).toFixed(1)} kB gzip)`);
}

// Runs in the page before any app code: timestamps, relative to navigation start, of the moments
// the app becomes interactive and the first code appears; and of the Add click.
const OBSERVER = () => {
  window.__marks = {};
  const check = () => {
    if (!window.__marks.ready && document.querySelector('[data-testid=add-button]')) window.__marks.ready = performance.now();
    if (!window.__marks.code && document.querySelector('[data-testid=code]')) window.__marks.code = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  document.addEventListener('click', (e) => {
    if (e.target.closest?.('[data-testid=submit-add]')) window.__marks.submit = performance.now();
  }, true);
};

async function loads() {
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const ready = [], addToCode = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(OBSERVER);
    await page.goto(server.url);
    await page.getByTestId('add-button').waitFor();
    await page.getByTestId('add-button').click();
    await page.getByTestId('uri-input').fill('otpauth://totp/Bench:b?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    await page.getByTestId('submit-add').click();
    await page.getByTestId('code').waitFor();
    const m = await page.evaluate(() => window.__marks);
    ready.push(m.ready);
    addToCode.push(m.code - m.submit);
    await context.close();
  }
  await browser.close();
  await server.close();
  console.log(`\nHeadless Chromium, ${LOADS} loads, each in a fresh browser context (no cache), loopback server:`);
  console.log(`  navigation -> app interactive (Add button rendered): median ${median(ready).toFixed(1)} ms (min ${Math.min(...ready).toFixed(1)}, max ${Math.max(...ready).toFixed(1)})`);
  console.log(`  Add clicked -> first code on screen:                 median ${median(addToCode).toFixed(1)} ms`);
  console.log(`  navigation -> first code possible (sum of medians):  ${(median(ready) + median(addToCode)).toFixed(1)} ms`);
  console.log('  (until the vault lands there is no stored account, so the first code needs one paste)');
}

sizes();
await loads();
