// The clock as a user meets it: the app is served by a server whose clock is shifted by a known
// amount; the panel shows the offset within its tolerance, and the code on screen is the code for
// the server's time, not the device's. Also: turning the correction off, a stored measurement used
// offline and shown with its age, and an absurd reference refused with a message.
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

for (const [offsetMs, words] of [[93_400, /Your clock is 1 min 33\.\d s behind/], [-3_600_250, /Your clock is 1 h 0 min 0\.\d s ahead/]]) {
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
      await app.tid('clock-panel').locator('summary').click();
      assert.match(await app.tid('clock-summary').textContent(), words);
      assert.match(await app.tid('clock-offset').textContent(), /^[+−][\d hmin.]+ s ±\s\d+(\.\d+)?\ss$/);
      assert.match(await app.tid('clock-verdict').textContent(), /Wrong: codes from this device's clock will be refused/);
      assert.match(await app.tid('corrected-badge').textContent(), /Codes use the corrected time/);
      await expectReferenceCode(app, offsetMs);
      // The only requests after the app shell are the documented time-sync ones.
      // (A sync that overlapped the key derivation, which blocks the page, is run again.)
      const syncs = server.requests.filter((r) => r.url.includes('time-sync'));
      assert.ok(syncs.length >= 1 && syncs.every((r) => r.method === 'HEAD'), JSON.stringify(syncs));
      const perSync = syncs.map((r) => Number(new URL(r.url, 'http://x').searchParams.get('time-sync')));
      assert.ok(Math.max(...perSync) < 12, `at most 12 requests per sync: ${perSync}`);
      assert.ok(Number(await app.tid('clock-panel').getAttribute('data-requests')) <= 12);
      await b.page.screenshot({ path: path.join(ARTIFACTS, `clock-panel${offsetMs > 0 ? '-plus' : '-minus'}.png`), fullPage: true });

      // Turned off: the codes follow the device clock again, and the badge goes.
      await app.tid('clock-correct').uncheck();
      await app.tid('corrected-badge').waitFor({ state: 'detached' });
      await app.page.waitForFunction(() => true);
      const deviceCode = (await app.row('Skewed').getByTestId('code').textContent()).replace(/\s/g, '');
      assert.ok([totp(Date.now()), totp(Date.now() - 1500)].includes(deviceCode));
      await app.tid('clock-correct').check();
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
    assert.match(await app.tid('clock-error').textContent(), /Could not reach the time reference/);
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
    assert.match(await app.tid('clock-error').textContent(), /1 日を超えるため使用しません/);
    assert.equal(await app.tid('corrected-badge').count(), 0);
    const shown = (await app.row('Skewed').getByTestId('code').textContent()).replace(/\s/g, '');
    assert.ok([totp(Date.now()), totp(Date.now() - 1500)].includes(shown));
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
    await server.close();
  }
});
