// The encrypted vault, as a user meets it: create, reload and unlock, a wrong passphrase, auto-lock,
// two tabs, lock everywhere, export and restore in a fresh browser, damage, no storage at all, and
// nothing secret anywhere in storage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './lib/server.mjs';
import { launch, ARTIFACTS } from './lib/browser.mjs';
import { AppPage, PASSPHRASE, session as openSession } from './lib/app.mjs';
import { readRecord, writeRecord, dumpStorage } from './lib/idb.mjs';

const RFC_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
const LINK = `otpauth://totp/Vaulted%20Bank:hanako@example.jp?secret=${RFC_SEED}&issuer=Vaulted%20Bank&digits=8`;
const T1 = 1111111109_000; // RFC 6238: SHA1 8-digit code 07081804

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

const session = (opts) => openSession(server, opts);

test('create, add, reload, unlock: the same code; a wrong passphrase changes nothing', async () => {
  const b = await session({ time: T1 });
  try {
    const { app, page } = b;
    await page.goto(server.url);
    await app.tid('create-screen').waitFor();
    // Strength feedback and the refusal of a short or mismatched passphrase.
    await app.tid('new-pass').fill('abc');
    assert.match(await app.strength(), /at least 8 characters/);
    await app.tid('create-vault').click();
    assert.match(await app.tid('create-error').textContent(), /at least 8/);
    await app.tid('new-pass').fill(PASSPHRASE);
    assert.match(await app.strength(), /Strong/);
    await app.tid('new-pass-confirm').fill(PASSPHRASE + 'x');
    await app.tid('create-vault').click();
    assert.match(await app.tid('create-error').textContent(), /differ/);
    await app.createVault();
    await app.addByUri(LINK);
    await app.expectCode('Vaulted Bank', '0708 1804');
    const stored = await readRecord(page);
    assert.ok(stored && stored.length > 100, 'a record was written');

    await page.reload();
    await app.tid('unlock-screen').waitFor();
    await app.unlock('not the passphrase');
    assert.match(await app.tid('problem').textContent(), /Wrong passphrase\. .*restore from your backup file/);
    assert.deepEqual(await readRecord(page), stored, 'a failed unlock writes nothing');
    await app.unlock();
    await app.expectCode('Vaulted Bank', '0708 1804');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('no secret, code or account name in IndexedDB, localStorage, sessionStorage, the URL or the console', async () => {
  const b = await session({ time: T1 });
  const consoleText = [];
  b.page.on('console', (m) => consoleText.push(m.text()));
  try {
    const { app, page } = b;
    await app.open();
    await app.addByUri(LINK);
    await app.expectCode('Vaulted Bank', '0708 1804');
    const dump = await dumpStorage(page);
    assert.ok(dump.includes('authenticator/vault/main'), 'the dump sees the vault record');
    const hex = (s) => Buffer.from(s).toString('hex');
    for (const needle of [RFC_SEED, RFC_SEED.toLowerCase(), '12345678901234567890', hex('12345678901234567890'), 'Vaulted Bank', 'hanako', hex('hanako'), '07081804', PASSPHRASE]) {
      assert.ok(!dump.includes(needle), `storage contains ${needle}`);
    }
    assert.ok(!page.url().includes('secret') && !page.url().includes('otpauth'), page.url());
    const logged = consoleText.join('\n');
    for (const needle of [RFC_SEED, 'hanako', '07081804', PASSPHRASE]) assert.ok(!logged.includes(needle), `console contains ${needle}`);
  } finally { await b.close(); }
});

test('auto-lock after 5 idle minutes at a faked clock', async () => {
  const b = await launch();
  try {
    const { page } = b;
    await page.clock.install({ time: T1 });
    const app = new AppPage(page, server.url);
    await app.open();
    await app.addByUri(LINK);
    await app.row('Vaulted Bank').getByTestId('code').waitFor();
    await page.clock.runFor('04:00');
    assert.equal(await app.tid('add-button').isVisible(), true, 'still open after 4 idle minutes');
    await page.clock.runFor('01:05');
    await app.tid('unlock-screen').waitFor({ timeout: 5000 });
    assert.equal(await app.rows().count(), 0, 'codes are gone from the page');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('two tabs adding accounts at the same time both survive; locking one locks both', async () => {
  const b = await launch();
  try {
    const one = new AppPage(b.page, server.url);
    await one.open();
    const two = new AppPage(await b.context.newPage(), server.url);
    await two.open();
    await Promise.all([
      one.addByUri(`otpauth://totp/TabOne:a?secret=${RFC_SEED}`),
      two.addByUri(`otpauth://totp/TabTwo:b?secret=${RFC_SEED}`),
    ]);
    for (const app of [one, two]) {
      await app.row('TabOne').waitFor();
      await app.row('TabTwo').waitFor();
    }
    await one.page.reload();
    await one.unlock();
    await one.row('TabOne').waitFor();
    await one.row('TabTwo').waitFor();
    assert.equal(await one.rows().count(), 2);
    // Lock in one tab: the other locks too.
    await one.tid('lock').click();
    await two.tid('unlock-screen').waitFor({ timeout: 5000 });
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('export a backup, restore it in a fresh browser profile, and change the passphrase', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'auth-backup-')), 'backup.2favault');
  const first = await session({ time: T1 });
  try {
    const { app, page } = first;
    await app.open();
    await app.addByUri(LINK);
    await app.addByUri(`otpauth://hotp/Counter:c?secret=${RFC_SEED}&counter=3`);
    await app.tid('settings').locator('summary').click();
    const [download] = await Promise.all([page.waitForEvent('download'), app.tid('export').click()]);
    assert.match(download.suggestedFilename(), /^authenticator-backup-2005-03-18\.2favault$/);
    await download.saveAs(file);
  } finally { await first.close(); }

  const fresh = await session({ time: T1 });
  try {
    const { app, page } = fresh;
    await page.goto(server.url);
    await app.tid('create-screen').waitFor();
    await app.tid('restore-file').setInputFiles(file);
    await app.tid('restore-pass').fill('wrong passphrase');
    await app.tid('restore-open').click();
    await app.tid('restore-error').waitFor({ timeout: 15000 });
    // The backup's passphrase is blamed, not a damaged vault (issue 16).
    assert.match(await app.tid('restore-error').textContent(), /Wrong passphrase for this backup file/);
    assert.doesNotMatch(await app.tid('restore-error').textContent(), /damaged/);
    await app.tid('restore-pass').fill(PASSPHRASE);
    await app.tid('restore-open').click();
    // In a fresh browser the opened backup becomes the vault at once (nothing here to lose).
    await app.tid('accounts').waitFor();
    // The live region and the summary above the list say what came back (issue 16).
    assert.match(await app.tid('status').textContent(), /Restored 2 accounts\b/);
    assert.match(await app.tid('restore-summary').textContent(), /Restored 2 accounts\b.*backup file's passphrase/);
    await app.expectCode('Vaulted Bank', '0708 1804');
    await app.expectCode('Counter', '969 429'); // RFC 4226 Appendix D, counter 3

    // Restore the same file into the open vault: nothing new to add.
    await app.tid('settings').locator('summary').click();
    await app.tid('settings').getByTestId('restore-file').setInputFiles(file);
    await app.tid('settings').getByTestId('restore-pass').fill(PASSPHRASE);
    await app.tid('settings').getByTestId('restore-open').click();
    assert.match(await app.tid('settings').getByTestId('restore-preview').textContent(), /holds 2 accounts: 2 already here\./);

    // Change the passphrase: the wrong current one is refused; then the new one unlocks.
    await app.tid('current-pass').fill('nope nope nope');
    await app.tid('change-pass').fill('a brand new passphrase 2026');
    await app.tid('change-pass-confirm').fill('a brand new passphrase 2026');
    await app.tid('change-pass-submit').click();
    await app.tid('change-pass-message').getByText('The current passphrase is not right.').waitFor({ timeout: 15000 });
    await app.tid('current-pass').fill(PASSPHRASE);
    await app.tid('change-pass').fill('a brand new passphrase 2026');
    await app.tid('change-pass-confirm').fill('a brand new passphrase 2026');
    await app.tid('change-pass-submit').click();
    await app.tid('change-pass-message').getByText('Passphrase changed.').waitFor({ timeout: 15000 });
    await page.reload();
    await app.unlock(PASSPHRASE);
    assert.match(await app.tid('problem').textContent(), /Wrong passphrase/);
    await app.unlock('a brand new passphrase 2026');
    await app.expectCode('Vaulted Bank', '0708 1804');
    assert.deepEqual(fresh.errors, []);
  } finally { await fresh.close(); }
});

test('a damaged record is refused, kept as it is, and offered for download', async () => {
  const b = await session();
  try {
    const { app, page } = b;
    await app.open();
    await app.addByUri(LINK);
    const good = await readRecord(page);
    // A changed byte in the ciphertext: authentication fails, the record stays. The passphrase
    // opened its key slot, so it is not called wrong: the vault's contents are said to be damaged.
    const flipped = [...good];
    flipped[flipped.length - 5] ^= 0x01;
    await writeRecord(page, flipped);
    await page.reload();
    await app.unlock();
    assert.match(await app.tid('problem').textContent(), /^The passphrase is right, but the stored vault's contents are damaged .*Restore it from a backup file\./);
    assert.deepEqual(await readRecord(page), flipped);
    // A broken header: the problem screen, and the raw record can be downloaded.
    const broken = [...good];
    broken[0] ^= 0xff;
    await writeRecord(page, broken);
    await page.reload();
    await app.tid('problem-screen').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), app.tid('download-raw').click()]);
    const saved = path.join(ARTIFACTS, 'damaged-record.bin');
    await download.saveAs(saved);
    assert.deepEqual([...fs.readFileSync(saved)], broken);
    assert.deepEqual(await readRecord(page), broken, 'the damaged record is untouched');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('a full disk (QuotaExceededError) is explained and nothing is lost', async () => {
  const b = await session({ time: T1 });
  try {
    const { app, page } = b;
    // Simulate the browser refusing writes for lack of space, once the vault exists.
    await page.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (...args) {
        if (window.__diskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    await app.open();
    await app.addByUri(LINK);
    await app.expectCode('Vaulted Bank', '0708 1804');
    const before = await readRecord(page);
    await page.evaluate(() => { window.__diskFull = true; });
    // Not addByUri: that waits for the row, which must never come.
    await app.submitUri(`otpauth://totp/Second:s?secret=${RFC_SEED}`);
    await app.tid('problem').waitFor();
    assert.match(await app.tid('problem').textContent(), /no storage space left/);
    assert.equal(await app.row('Second').count(), 0, 'the unsaved account is not shown as kept');
    await page.evaluate(() => { window.__diskFull = false; });
    assert.deepEqual(await readRecord(page), before, 'the stored vault is unchanged');
    await page.reload();
    await app.unlock();
    await app.expectCode('Vaulted Bank', '0708 1804');
  } finally { await b.close(); }
});

test('without IndexedDB the app still works in memory and says nothing will be saved', async () => {
  const b = await session({ time: T1 });
  try {
    const { app, page } = b;
    await page.addInitScript(() => { Object.defineProperty(window, 'indexedDB', { value: undefined }); });
    await page.goto(server.url);
    await app.tid('memory-notice').waitFor();
    assert.match(await app.tid('memory-notice').textContent(), /nothing will be saved/);
    await app.addByUri(LINK);
    await app.expectCode('Vaulted Bank', '0708 1804');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('screenshots: create, unlock (ja, 360 px, dark), settings', async () => {
  const b = await session({ time: T1, locale: 'ja-JP', colorScheme: 'dark', viewport: { width: 360, height: 740 } });
  try {
    const { app, page } = b;
    await page.goto(server.url);
    await app.tid('create-screen').waitFor();
    await app.tid('new-pass').fill('すずめの戸締まり2022');
    await page.screenshot({ path: path.join(ARTIFACTS, 'create-ja-360-dark.png'), fullPage: true });
    await app.tid('new-pass-confirm').fill('すずめの戸締まり2022');
    await app.tid('create-vault').click();
    await app.tid('add-button').waitFor({ timeout: 15000 });
    await app.tid('lock').click();
    await app.tid('unlock-screen').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'unlock-ja-360-dark.png'), fullPage: true });
    await app.unlock('すずめの戸締まり2022');
    await app.tid('settings').locator('summary').click();
    await page.screenshot({ path: path.join(ARTIFACTS, 'settings-ja-360-dark.png'), fullPage: true });
  } finally { await b.close(); }
});
