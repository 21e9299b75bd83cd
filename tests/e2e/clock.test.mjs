// The clock as a user meets it: the app is served by a server whose clock is shifted by a known
// amount; the panel says first that the codes are right (they use the corrected time), then how
// far the clock is off in words, then how to fix it; the offset is in the details, within its
// tolerance, and the code on screen is the code for the server's time, not the device's. Also:
// turning the correction off, a stored measurement used offline and shown with its age, and an
// absurd reference refused with a message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { startServer } from './lib/server.mjs';
import { launch, ARTIFACTS } from './lib/browser.mjs';
import { AppPage } from './lib/app.mjs';

const SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890", RFC 6238
const LINK = `otpauth://totp/Skewed:hanako?secret=${SEED}&issuer=Skewed`;

/** An independent TOTP (RFC 6238 with node:crypto), to know what the site expects. */
function totp(unixMs, digits = 6, period = 30) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixMs / 1000 / period)));
  const mac = crypto.createHmac('sha1', Buffer.from('12345678901234567890')).update(counter).digest();
  const o = mac[19] & 0xf;
  const bin = ((mac[o] & 0x7f) << 24) | (mac[o + 1] << 16) | (mac[o + 2] << 8) | mac[o + 3];
  return String(bin % 10 ** digits).padStart(digits, '0');
}

async function offsetShown(app) {
  const panel = app.tid('clock-panel');
  await app.page.waitForFunction(() => document.querySelector('[data-testid=clock-panel]')?.dataset.offsetMs !== undefined, null, { timeout: 10000 });
  return { offset: Number(await panel.getAttribute('data-offset-ms')), uncertainty: Number(await panel.getAttribute('data-uncertainty-ms')) };
}

/** Reads the code on screen and checks it against the reference's time, away from a period edge. */
async function expectReferenceCode(app, offsetMs) {
  for (;;) {
    const phase = (Date.now() + offsetMs) % 30000;
    if (phase > 1500 && phase < 28500) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const before = Date.now();
  const shown = (await app.row('Skewed').getByTestId('code').textContent()).replace(/\s/g, '');
  const after = Date.now();
  const expected = [totp(before + offsetMs), totp(after + offsetMs)];
  assert.ok(expected.includes(shown), `code ${shown}, expected the reference's ${expected[0]}`);
  assert.notEqual(shown, totp(before), 'not the device clock\'s code');
  return shown;
}

for (const [offsetMs, words] of [[93_400, /^This device's clock is 2 minutes slow\.$/], [-3_600_250, /^This device's clock is 1 hour fast\.$/]]) {
  test(`a reference ${offsetMs > 0 ? '+' : ''}${offsetMs / 1000} s away: the panel shows it, the codes follow it`, async () => {
    const server = await startServer({ clockOffsetMs: offsetMs });
    const b = await launch();
    try {
      const app = new AppPage(b.page, server.url);
      await app.open();
      await app.addByUri(LINK);
      const { offset, uncertainty } = await offsetShown(app);
      assert.ok(Math.abs(offset - offsetMs) <= Math.max(uncertainty, 1) + 5, `measured ${offset} ± ${uncertainty} ms, truly ${offsetMs} ms`);
      assert.ok(uncertainty <= 50, `uncertainty ${uncertainty} ms`);
      assert.match(await app.tid('clock-verdict').textContent(), /^Clock is [\w ]+ (fast|slow) · codes corrected$/);
      assert.match(await app.tid('clock-summary').textContent(), words);
      await app.tid('clock-panel').locator('summary').click();
      assert.match(await app.tid('clock-offset').textContent(), /^[+−][\d hmin.]+ s ±\s\d+(\.\d+)?\ss$/);
      assert.match(await app.tid('corrected-badge').textContent(), /Codes use the correct time/);
      await expectReferenceCode(app, offsetMs);
      // The only requests after the app shell are the documented time-sync ones.
      // (A sync that overlapped the key derivation, which blocks the page, is run again.)
      const syncs = server.requests.filter((r) => r.url.includes('time-sync'));
      assert.ok(syncs.length >= 1 && syncs.every((r) => r.method === 'HEAD'), JSON.stringify(syncs));
      const perSync = syncs.map((r) => Number(new URL(r.url, 'http://x').searchParams.get('time-sync')));
      assert.ok(Math.max(...perSync) < 12, `at most 12 requests per sync: ${perSync}`);
      assert.ok(Number(await app.tid('clock-panel').getAttribute('data-requests')) <= 12);
      await b.page.screenshot({ path: path.join(ARTIFACTS, `clock-panel${offsetMs > 0 ? '-plus' : '-minus'}.png`), fullPage: true });

      // Turned off: the codes follow the device clock again, the badge goes, and the panel says
      // in red that sites will refuse them, with a button to turn the correction back on.
      await app.tid('clock-correct').uncheck();
      await app.tid('corrected-badge').waitFor({ state: 'detached' });
      assert.match(await app.tid('clock-verdict').textContent(), /Codes from this device's clock will be refused/);
      assert.match(await app.tid('clock-verdict').getAttribute('class'), /\bwrong\b/);
      await app.tid('clock-correct-now').waitFor();
      await app.page.waitForFunction(() => true);
      const deviceCode = (await app.row('Skewed').getByTestId('code').textContent()).replace(/\s/g, '');
      assert.ok([totp(Date.now()), totp(Date.now() - 1500)].includes(deviceCode));
      // Back on from the card's own switch (in its details line).
      await app.tid('clock-details').click();
      await app.tid('clock-correct').check();
      await app.tid('corrected-badge').waitFor();
      assert.deepEqual(b.errors, []);
    } finally {
      await b.close();
      await server.close();
    }
  });
}

test('offline: the stored measurement is used and shown with its age; back online it syncs again', async () => {
  const offsetMs = 93_400;
  const server = await startServer({ clockOffsetMs: offsetMs });
  const b = await launch();
  try {
    const app = new AppPage(b.page, server.url);
    await app.open();
    await app.addByUri(LINK);
    await offsetShown(app);
    await app.waitForOfflineReady();
    await b.context.setOffline(true);
    await b.page.reload();
    await app.unlock();
    await app.tid('clock-error').waitFor();
    assert.match(await app.tid('clock-error').textContent(), /Could not check the time/);
    await app.tid('clock-panel').locator('summary').click();
    assert.match(await app.tid('clock-age').textContent(), /just now|min ago/);
    await expectReferenceCode(app, offsetMs);
    // Online again: the app syncs by itself.
    const before = server.requests.filter((r) => r.url.includes('time-sync')).length;
    await b.context.setOffline(false);
    await b.page.waitForFunction(() => !document.querySelector('[data-testid=clock-error]'), null, { timeout: 10000 });
    assert.ok(server.requests.filter((r) => r.url.includes('time-sync')).length > before);
    assert.deepEqual(b.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/.test(e)), []);
  } finally {
    await b.close();
    await server.close();
  }
});

test('an absurd reference (two days off) is refused with a message, and codes stay on the device clock', async () => {
  const server = await startServer({ clockOffsetMs: 2 * 86_400_000 });
  const b = await launch({ locale: 'ja-JP' });
  try {
    const app = new AppPage(b.page, server.url);
    await app.open();
    await app.addByUri(LINK);
    await app.tid('clock-error').waitFor({ timeout: 10000 });
    assert.match(await app.tid('clock-error').textContent(), /1日以上ずれています。この確認結果は使いませんでした/);
    assert.equal(await app.tid('corrected-badge').count(), 0);
    const shown = (await app.row('Skewed').getByTestId('code').textContent()).replace(/\s/g, '');
    assert.ok([totp(Date.now()), totp(Date.now() - 1500)].includes(shown));
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
    await server.close();
  }
});

/** The clock panel's parts in the order a reader meets them, with their colours. */
async function readPanelInOrder(page) {
  return page.evaluate(() => {
    const panel = document.querySelector('[data-testid=clock-panel]');
    const parts = [...panel.querySelectorAll('[data-testid]')].filter((e) => e.checkVisibility());
    const chip = panel.querySelector('details');
    const line = panel.querySelector('[data-testid=clock-details]');
    return {
      order: parts.map((e) => e.dataset.testid),
      status: { text: panel.querySelector('[data-testid=clock-verdict]').innerText, color: getComputedStyle(panel.querySelector('[data-testid=clock-verdict]')).color },
      summary: panel.querySelector('[data-testid=clock-summary]')?.innerText,
      steps: [...panel.querySelectorAll('[data-testid=clock-fix-step]')].filter((e) => e.checkVisibility()).map((e) => e.innerText),
      // What is on screen without opening the line.
      outside: chip.open ? null : panel.innerText,
      lineHeight: line.getBoundingClientRect().height,
      // How far the verdict's middle is from the line's: 0 when the chevron sits beside it; about
      // half a line when the chevron falls onto a line of its own below it.
      verdictOffCentre: (() => {
        const a = line.getBoundingClientRect();
        const v = panel.querySelector('[data-testid=clock-verdict]').getBoundingClientRect();
        return Math.abs((a.top + a.bottom) / 2 - (v.top + v.bottom) / 2);
      })(),
      open: chip.open,
    };
  });
}

for (const [locale, words] of [
  ['ja-JP', {
    status: /^時計が2分進んでいます（補正済み）$/,
    drift: /^スマホの時計が2分進んでいます。$/,
    // Headless Chromium says Linux: the phones' steps (an iPhone or Android shows its own only).
    steps: [/^iPhone 設定 → 一般 → 日付と時刻 → 「自動設定」をオン/, /^Android 設定 → システム → 日付と時刻 → 「ネットワーク提供時刻」をオン。.*「日付と時刻を自動設定」/],
    offset: /^−(1分59\.9\d\d?|2分0\.0\d\d?)秒 ±\s0\.0\d\d?秒$/,
    jargon: /基準|誤り|拒否|測定/,
  }],
  ['en-US', {
    status: /^Clock is 2 minutes fast · codes corrected$/,
    drift: /^This device's clock is 2 minutes fast\.$/,
    steps: [/^iPhone Settings → General → Date & Time → turn on “Set Automatically”/, /^Android Settings → System → Date & time → turn on “Network-provided time”/],
    offset: /^−(1 min 59\.9\d\d? s|2 min 0\.0\d\d? s) ±\s0\.0\d\d?\ss$/,
    jargon: /reference|Wrong:|refused|Offset|Measured/i,
  }],
]) {
  const lang = locale.slice(0, 2);
  test(`on a phone (${lang}, 390×844), a clock 2 minutes fast: one line that says it and that the codes are corrected; a tap opens the words, the phones' steps and the figures`, async () => {
    // The reference is 2 minutes behind the device: the device clock is fast.
    const server = await startServer({ clockOffsetMs: -120_000 });
    const b = await launch({ locale, viewport: { width: 390, height: 844 }, touch: true });
    try {
      const app = new AppPage(b.page, server.url);
      await app.open();
      await app.addByUri(LINK);
      await offsetShown(app);
      await app.tid('clock-verdict').waitFor();
      let panel = await readPanelInOrder(b.page);
      // One line, in green (the codes are right), nothing else of the clock on screen.
      assert.equal(panel.open, false);
      assert.ok(panel.lineHeight <= 48, `one line: ${panel.lineHeight} px`);
      assert.ok(panel.verdictOffCentre <= 3, `the verdict in the line's middle: ${panel.verdictOffCentre} px off`);
      assert.deepEqual(panel.order, ['clock-chip', 'clock-details', 'clock-verdict'], panel.order.join(', '));
      assert.match(panel.status.text, words.status);
      const [r, g, bl] = panel.status.color.match(/\d+/g).map(Number);
      assert.ok(g > r + 40 && g > bl, `the line is green: ${panel.status.color}`);
      assert.doesNotMatch(panel.outside, /±|\d\.\d|\bms\b/, panel.outside);
      assert.doesNotMatch(panel.outside, words.jargon, panel.outside);
      assert.equal(await app.tid('clock-offset').count(), 0, 'the offset is only behind the line');
      await app.tid('clock-panel').screenshot({ path: path.join(ARTIFACTS, `clock-panel-after-${lang}.png`) });
      // A tap: the clock in words, then the fix for phones, then the figures.
      await app.tid('clock-details').click();
      await app.tid('clock-offset').waitFor();
      panel = await readPanelInOrder(b.page);
      assert.deepEqual(panel.order.slice(0, 5), ['clock-chip', 'clock-details', 'clock-verdict', 'clock-summary', 'clock-fix'], panel.order.join(', '));
      assert.ok(panel.order.indexOf('clock-offset') > panel.order.lastIndexOf('clock-fix-step'), panel.order.join(', '));
      assert.match(panel.summary, words.drift);
      // Open, the verdict is whole (it may wrap) and the chevron stays beside it, not alone below.
      assert.ok(panel.verdictOffCentre <= 3, `open: the verdict in the line's middle: ${panel.verdictOffCentre} px off`);
      assert.equal(panel.steps.length, words.steps.length, panel.steps.join(' | '));
      panel.steps.forEach((step, i) => assert.match(step, words.steps[i]));
      assert.match((await app.tid('clock-offset').textContent()).replace(/\u00a0/g, ' '), words.offset);
      await app.tid('clock-panel').screenshot({ path: path.join(ARTIFACTS, `clock-panel-after-details-${lang}.png`) });
      await expectReferenceCode(app, -120_000);
      assert.deepEqual(b.errors, []);
    } finally {
      await b.close();
      await server.close();
    }
  });
}
