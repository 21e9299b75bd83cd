// The core flows, written once against the tiny driver interface in drivers/common.mjs
// (goto, reload, fill, click, setFile, eval, screenshot, close; text, attr, count, waitFor, until),
// and run in each engine by its *.test.mjs. Each flow gets its own test server, so its own origin:
// a fresh profile's storage without relaunching the browser. Any page error, console error or CSP
// violation (from the driver where it reports them, and from the server's same-origin hook in every
// engine) fails the flow.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { startServer, ROOT } from '../e2e/lib/server.mjs';
import { totp } from '../e2e/lib/otp.mjs';

export const ARTIFACTS = path.join(ROOT, 'tests/e2e/artifacts');
fs.mkdirSync(ARTIFACTS, { recursive: true });
const PASSPHRASE = 'correct horse battery staple';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const LINK = `otpauth://totp/Engines:hanako@example.com?secret=${SECRET}&issuer=Engines`;
// Key derivation (Argon2id) in a worker, on a busy 2-core machine: generous.
const KDF_MS = 120000;

/** The code on screen for `issuer`, grouped as shown. */
const codeOf = (d, issuer) => d.eval(`(issuer) => [...document.querySelectorAll('[data-testid=account-row]')]
  .find((r) => r.querySelector('[data-testid=issuer]')?.textContent === issuer)
  ?.querySelector('[data-testid=code]')?.textContent.trim() ?? null`, issuer);

const issuers = (d) => d.eval(`() => [...document.querySelectorAll('[data-testid=account-row] [data-testid=issuer]')].map((e) => e.textContent)`);

/** Reads `issuer`'s code away from a period edge and checks it against RFC 6238 at the reference time. */
async function expectCode(d, issuer, secret, offsetMs = 0) {
  await d.until(`(issuer) => [...document.querySelectorAll('[data-testid=account-row] [data-testid=issuer]')].some((e) => e.textContent === issuer)`, issuer, { what: `a row for ${issuer}` });
  for (;;) {
    const phase = (Date.now() + offsetMs) % 30000;
    if (phase > 2000 && phase < 27000) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const before = Date.now();
  const shown = await codeOf(d, issuer);
  const expected = [totp(secret, before + offsetMs), totp(secret, Date.now() + offsetMs)];
  assert.ok(expected.includes(shown), `${d.name}: ${issuer} shows ${shown}, RFC 6238 says ${expected[0]}`);
  return shown;
}

async function createVault(d) {
  await d.waitFor('create-screen', { timeout: 60000 });
  await d.fill('new-pass', PASSPHRASE);
  await d.fill('new-pass-confirm', PASSPHRASE);
  await d.click('create-vault');
  await d.waitFor('add-button', { timeout: KDF_MS });
}

/** Adds the account `link`; resolves once its row is on screen. */
async function addByLink(d, link) {
  const before = await d.count('account-row');
  await d.click('add-button');
  await d.waitFor('add-dialog');
  await d.fill('uri-input', link);
  // A link that arrived at once (a paste) shows what it holds straight away; one typed key by key
  // (as this engine's driver may do) is read when Add is pressed. Either way, Add on what it holds.
  if (await d.count('add-preview') === 0) await d.click('submit-add');
  await d.waitFor('add-preview');
  await d.click('submit-add');
  await d.waitFor('add-dialog', { gone: true });
  // The dialog closes at once; the row appears once the vault is sealed and stored (an export or
  // a reload before that would miss the account).
  await d.until(`(n) => document.querySelectorAll('[data-testid=account-row]').length > n`, before, { what: 'the new row' });
  // Then the app asks whether the site gave backup codes: not now.
  await d.click('after-add-later');
  await d.waitFor('after-add', { gone: true });
}

/** Defines the cross-engine tests for the driver that `open()` launches. */
export function engineSuite(open) {
  let d;
  const servers = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-engines-'));
  before(async () => {
    d = await open();
    console.log(`# engine: ${d.name}, ${d.version}`);
  });
  after(async () => {
    await d?.close();
    await Promise.all(servers.map((s) => s.close()));
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  const shot = (name) => d.screenshot(path.join(ARTIFACTS, `engine-${d.name}-${name}.png`));

  /** A new origin for the flow; afterwards, no error may have been reported from it. */
  async function flow(name, opts, fn) {
    test(name, async () => {
      const server = await startServer({ hook: true, ...opts });
      servers.push(server);
      d.errors.splice(0);
      try {
        await fn(server);
      } catch (e) {
        await shot(`failed-${name.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => {});
        throw e;
      }
      // A beacon sent just before may still be on its way.
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual([...d.errors, ...server.hookErrors], [], `${d.name}: no page error, console error or CSP violation`);
    });
  }

  test('the error hook hears page errors, rejections, console errors and CSP violations', async (t) => {
    const server = await startServer({ hook: true });
    servers.push(server);
    await d.goto(server.url);
    await d.waitFor('create-screen', { timeout: 60000 });
    assert.equal(await d.count('script[src="/__test-hook.js"]'), 1, 'the hook is in the page');
    // For the record: which of the APIs the app uses where present this engine has.
    t.diagnostic(`${d.name} APIs: ${JSON.stringify(await d.eval(`() => ({
      storage: typeof navigator.storage?.persist === 'function', locks: !!navigator.locks,
      broadcastChannel: typeof BroadcastChannel === 'function', serviceWorker: !!navigator.serviceWorker,
      clipboard: typeof navigator.clipboard?.writeText === 'function', camera: !!navigator.mediaDevices?.getUserMedia,
      lightDark: CSS.supports('color', 'light-dark(#000, #fff)'),
    })`))}`);
    await d.eval(`() => {
      console.error('probe-console');
      setTimeout(() => { throw new Error('probe-throw'); });
      Promise.reject(new Error('probe-reject'));
      const s = document.createElement('script');
      s.textContent = '1';
      document.head.append(s);
    }`);
    const end = Date.now() + 10000;
    const heard = (re) => server.hookErrors.some((e) => re.test(e));
    const probes = [/probe-console/, /probe-throw/, /probe-reject/, /CSP violation: script-src/];
    while (!probes.every(heard) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(probes.filter((re) => !heard(re)).map(String), [], `${d.name}: every probe reported: ${JSON.stringify(server.hookErrors)}`);
    // The driver's own reports of the probes (where it has events) arrive later: leave the page and
    // let them land here, not in the next flow.
    await d.goto('about:blank');
    await new Promise((r) => setTimeout(r, 1500));
    d.errors.splice(0);
  });

  let vault; // the origin of the first flow, reused by the second
  flow('first screen; create a vault; a pasted link shows the RFC 6238 code', {}, async (server) => {
    await d.goto(server.url);
    await d.waitFor('create-screen', { timeout: 60000 });
    await shot('first-screen');
    // The app falls back to deriving on the page, silently, where module workers never work:
    // this engine must not be one of those (the server's hook counts the worker's answers).
    await createVault(d);
    assert.ok(await d.eval(`() => window.__kdfAnswers`) >= 1, `${d.name}: the vault key was derived in the module worker`);
    await addByLink(d, LINK);
    await expectCode(d, 'Engines', SECRET);
    await shot('code');
    vault = server;
  });

  flow('reload, unlock: the same accounts, from IndexedDB', {}, async () => {
    assert.ok(vault, 'the vault from the previous flow');
    await d.reload();
    await d.waitFor('unlock-screen', { timeout: 60000 });
    await d.fill('unlock-pass', PASSPHRASE);
    await d.click('unlock');
    await d.waitFor('add-button', { timeout: KDF_MS });
    assert.ok(await d.eval(`() => window.__kdfAnswers`) >= 1, `${d.name}: unlocked by the module worker`);
    assert.deepEqual(await issuers(d), ['Engines']);
    await expectCode(d, 'Engines', SECRET);
    // Whatever the engine lacks, the app says so rather than failing: nothing here is an error.
    await shot('unlocked');
    // The previous flow's server is the one serving this page: its hook reports land there.
    assert.deepEqual(vault.hookErrors, [], `${d.name}: no error after reload`);
  });

  const OFFSET = 93_400;
  flow('the clock panel measures a shifted reference; the codes follow it', { clockOffsetMs: OFFSET }, async (server) => {
    await d.goto(server.url);
    await createVault(d);
    await addByLink(d, LINK);
    await d.until(`() => document.querySelector('[data-testid=clock-panel]')?.dataset.offsetMs !== undefined`, null, { timeout: 60000, what: 'a measured offset' });
    const offset = Number(await d.attr('clock-panel', 'data-offset-ms'));
    const uncertainty = Number(await d.attr('clock-panel', 'data-uncertainty-ms'));
    assert.ok(Math.abs(offset - OFFSET) <= Math.max(uncertainty, 1) + 5, `${d.name}: measured ${offset} ± ${uncertainty} ms, truly ${OFFSET} ms`);
    assert.ok(uncertainty <= 500, `${d.name}: uncertainty ${uncertainty} ms`);
    await d.click('[data-testid=clock-panel] summary');
    await d.waitFor('clock-verdict');
    assert.match(await d.text('clock-summary'), /This device's clock is 2 minutes slow/);
    assert.match(await d.text('corrected-badge'), /Codes use the correct time/);
    await expectCode(d, 'Engines', SECRET, OFFSET);
    await shot('clock-panel');
  });

  flow('the settings and the scan/import parts load; an Aegis file imports after a preview', {}, async (server) => {
    await d.goto(server.url);
    await createVault(d);
    await d.click('[data-testid=settings] summary');
    await d.waitFor('export', { timeout: 60000 });
    // Where persistent storage cannot be asked for (WebKitGTK has no navigator.storage), a message says so.
    assert.match(await d.text('persist-status'), /\w/);
    await shot('settings');
    await d.click('open-import');
    await d.waitFor('qr-image', { timeout: 60000 });
    await d.setFile('import-file', path.join(ROOT, 'tests/fixtures/import/aegis-plain.json'));
    await d.click('import-read');
    await d.waitFor('import-preview', { timeout: 60000 });
    assert.match(await d.text('import-preview'), /From Aegis: 4 accounts, 1 left out/);
    await d.click('import-confirm');
    await d.waitFor('import-done');
    assert.match(await d.text('import-done'), /^Added 4 accounts\.$/);
    await d.click('close-transfer');
    await d.until(`() => document.querySelectorAll('[data-testid=account-row]').length === 4`, null, { what: 'four rows' });
    await shot('imported');
  });

  flow('export the encrypted backup, restore it on a fresh origin: the same accounts and codes', {}, async (server) => {
    await d.goto(server.url);
    await createVault(d);
    await addByLink(d, LINK);
    await d.click('[data-testid=settings] summary');
    await d.waitFor('export', { timeout: 60000 });
    // Where the file goes is each engine's download UI, which not every driver reaches: keep the
    // Blob the app hands to its download link instead (the Chromium suite checks the real download).
    await d.eval(`() => {
      const create = URL.createObjectURL;
      URL.createObjectURL = (blob) => { window.__exported = blob; return create.call(URL, blob); };
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function () {
        if (this.download) { window.__exportedName = this.download; return; }
        return click.call(this);
      };
    }`);
    await d.click('export');
    const name = await d.until(`() => window.__exported && window.__exportedName`, null, { timeout: KDF_MS, what: 'the exported file' });
    assert.match(name, /^authenticator-backup-\d{4}-\d{2}-\d{2}\.2favault$/);
    const b64 = await d.eval(`() => window.__exported.arrayBuffer().then((buf) => {
      let s = '';
      for (const b of new Uint8Array(buf)) s += String.fromCharCode(b);
      return btoa(s);
    })`);
    const file = path.join(tmp, name);
    fs.writeFileSync(file, Buffer.from(b64, 'base64'));
    assert.ok(!fs.readFileSync(file).includes(SECRET), 'the secret is not in the file in clear');

    const fresh = await startServer({ hook: true });
    servers.push(fresh);
    await d.goto(fresh.url);
    await d.waitFor('create-screen', { timeout: 60000 });
    await d.setFile('restore-file', file);
    await d.fill('restore-pass', PASSPHRASE);
    await d.click('restore-open');
    await d.waitFor('accounts', { timeout: KDF_MS });
    assert.deepEqual(await issuers(d), ['Engines']);
    await expectCode(d, 'Engines', SECRET);
    await shot('restored');
    assert.deepEqual(fresh.hookErrors, [], `${d.name}: no error while restoring`);
  });

  flow('offline after one visit: the service worker serves the app, the vault unlocks', {}, async (server) => {
    await d.goto(server.url);
    await createVault(d);
    await addByLink(d, LINK);
    await d.until(`() => navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)`, null,
      { timeout: 60000, what: 'the service worker in control' });
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual([...d.errors, ...server.hookErrors], [], `${d.name}: no error while online`);
    server.offline();
    await d.reload();
    await d.waitFor('unlock-screen', { timeout: 60000 });
    await d.fill('unlock-pass', PASSPHRASE);
    await d.click('unlock');
    await d.waitFor('add-button', { timeout: KDF_MS });
    assert.deepEqual(await issuers(d), ['Engines']);
    await expectCode(d, 'Engines', SECRET);
    await shot('offline');
    // Offline, the clock sync and the test-only hook script (not part of the app's cache) cannot load:
    // those network failures are expected, nothing else.
    const offlineNoise = /ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|ERR_FAILED|Failed to fetch|NetworkError|__test-hook|Failed to load resource/;
    assert.deepEqual(d.errors.filter((e) => !offlineNoise.test(e)), [], `${d.name}: no error offline`);
    d.errors.splice(0);
  });

  flow('a QR image is read (in the QR worker) and added after a look at what it holds', {}, async (server) => {
    const file = path.join(tmp, 'qr.png');
    await QRCode.toFile(file, `otpauth://totp/Pictured:hanako?secret=${SECRET}&issuer=Pictured`, { errorCorrectionLevel: 'M', margin: 4, scale: 6 });
    await d.goto(server.url);
    await createVault(d);
    await d.click('add-button');
    await d.waitFor('qr-image', { timeout: 60000 });
    await d.setFile('qr-image', file);
    await d.waitFor('add-preview', { timeout: 60000 });
    assert.match(await d.text('add-preview'), /Pictured \(hanako\)/);
    await d.click('submit-add');
    await d.waitFor('add-dialog', { gone: true });
    await expectCode(d, 'Pictured', SECRET);
    // Once saved, the app reminds to delete the screenshot and asks about backup codes.
    await d.waitFor('delete-screenshot');
    await d.click('after-add-later');
  });
}
