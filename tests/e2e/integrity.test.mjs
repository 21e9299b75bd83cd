// Nothing a user types or imports can cost them their vault (issue 12, cases 1, 5 and 6), as a
// user meets it: over-long names are refused with a message and the vault still opens; a backup
// with a damaged entry still restores; hostile files are refused within a second by their
// parameters, and a slow but honest one runs off the page with a Cancel; a re-import of a file
// without settings never turns right accounts wrong.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, ROOT } from './lib/server.mjs';
import { ARTIFACTS } from './lib/browser.mjs';
import { PASSPHRASE, session as openSession } from './lib/app.mjs';
import { totp } from './lib/otp.mjs';

const RFC_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
const T1 = 1111111109_000;
const FIXTURES = path.join(ROOT, 'tests/fixtures');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'auth-integrity-'));

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });
const session = (opts) => openSession(server, opts);

test('a 256-emoji issuer is refused with a message; a 300-kanji or 2,100-letter name is refused; the vault still opens; the backup restores', async () => {
  const dir = tmp();
  const b = await session({ time: T1 });
  let file;
  try {
    const { app, page } = b;
    await app.open();
    // The link from the issue: the issuer is 256 emoji.
    await app.pasteUri(`otpauth://totp/X:a?secret=${RFC_SEED}&issuer=${'😀'.repeat(256)}`);
    await app.tid('submit-add').click();
    assert.match(await app.tid('add-error').textContent(), /service name is too long: 512 characters, at most 256 \(an emoji counts as 2\)/);
    assert.equal(await app.rows().count(), 0, 'nothing was saved');
    await app.tid('cancel-add').click();

    // The longest names that are allowed are stored, shown and read back.
    const kanji = '漢'.repeat(256);
    await app.addByUri(`otpauth://totp/${encodeURIComponent(kanji)}:${encodeURIComponent('😀'.repeat(128))}?secret=${RFC_SEED}&digits=8`);
    await app.addByUri(`otpauth://totp/Plain:me?secret=${RFC_SEED}`);
    await app.expectCode(kanji, totp(RFC_SEED, T1, 8));

    // Rename: the inputs stop at 256; a longer value put in anyway is refused by name on Save.
    await app.rowAction('Plain', 'edit');
    assert.equal(await app.tid('edit-name').getAttribute('maxlength'), '256');
    assert.equal(await app.tid('edit-issuer').getAttribute('maxlength'), '256');
    for (const [field, value, message] of [
      ['edit-name', '漢'.repeat(300), /account name is too long: 300 characters, at most 256/],
      ['edit-issuer', 'a'.repeat(2100), /service name is too long: 2100 characters, at most 256/],
    ]) {
      await app.tid(field).evaluate((el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }, value);
      await app.tid('edit-save').click();
      assert.match(await app.tid('edit-error').textContent(), message);
    }
    await page.keyboard.press('Escape');
    assert.equal(await app.rows().count(), 2);
    assert.ok(await app.row('Plain').isVisible(), 'the refused rename changed nothing');

    // An Aegis file holding an over-long entry: that entry is left out with the reason, the rest imported.
    const aegis = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'import/aegis-plain.json'), 'utf8'));
    aegis.db.entries[0].name = '漢'.repeat(300);
    const aegisFile = path.join(dir, 'aegis-long.json');
    fs.writeFileSync(aegisFile, JSON.stringify(aegis));
    await app.openImport();
    await app.tid('import-file').setInputFiles(aegisFile);
    await app.tid('import-read').click();
    await app.tid('import-preview').waitFor();
    assert.match(await app.tid('preview-skipped').textContent(), /account name is too long: 300 characters, at most 256/);
    await app.tid('import-confirm').click();
    await app.tid('import-done').waitFor();
    await app.tid('close-transfer').click();
    // "Added" is said at once; the rows come once the vault is sealed and stored.
    await app.expectRows(5, 'two added by hand, three from the file');
    const count = await app.rows().count();

    // Lock, unlock: everything is there. Export a backup.
    await app.lockAndUnlock();
    assert.equal(await app.rows().count(), count);
    assert.equal(await app.tid('unreadable-row').count(), 0);
    await app.expectCode(kanji, totp(RFC_SEED, T1, 8));
    file = path.join(dir, 'backup.2favault');
    await app.exportBackup(file);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'integrity-long-names.png'), fullPage: true });
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }

  // The backup restores in a fresh browser with every account.
  const fresh = await session({ time: T1 });
  try {
    const { app } = fresh;
    await app.restoreFresh(file);
    assert.equal(await app.rows().count(), 5);
    await app.expectCode('漢'.repeat(256), totp(RFC_SEED, T1, 8));
    assert.deepEqual(fresh.errors, []);
  } finally { await fresh.close(); }
});

test('a backup with one damaged entry restores: the good accounts work, the entry is flagged, can be saved raw, and deleted', async () => {
  const b = await session({ time: T1 });
  try {
    const { app, page } = b;
    await app.restoreFresh(path.join(FIXTURES, 'broken-entry.2favault'));
    await app.expectCode('Google', totp(RFC_SEED, T1, 6));
    assert.equal(await app.rows().count(), 2);
    assert.equal(await app.tid('unreadable-row').count(), 1);
    assert.match(await app.tid('unreadable-row').textContent(), /could not be read.*Everything else opened normally/);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'integrity-unreadable-en.png') });

    // Saving it raw warns first, then downloads the entry exactly as stored.
    await app.tid('unreadable-export').click();
    const [download] = await Promise.all([page.waitForEvent('download'), app.tid('unreadable-export-confirm').click()]);
    const raw = fs.readFileSync(await download.path(), 'utf8');
    assert.match(raw, /"uri":"otpauth:\/\/totp\/Broken:entry\?secret=NOT\*BASE32!"/);

    // Kept through lock/unlock and edits, until deleted.
    await app.addByUri(`otpauth://totp/Later:me?secret=${RFC_SEED}`);
    await app.lockAndUnlock();
    assert.equal(await app.tid('unreadable-row').count(), 1);
    await app.chooseLanguage('ja');
    await page.screenshot({ path: path.join(ARTIFACTS, 'integrity-unreadable-ja.png') });
    assert.match(await app.tid('unreadable-row').textContent(), /読み取れませんでした/);
    await app.chooseLanguage('en');
    await app.tid('unreadable-delete').click();
    await app.tid('unreadable-delete-confirm').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid=unreadable-row]'));
    await app.lockAndUnlock();
    assert.equal(await app.tid('unreadable-row').count(), 0);
    assert.equal(await app.rows().count(), 3);
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

/** An encrypted Aegis file, sealed as Aegis does (scrypt wraps a master key that seals the db). */
function aegisEncrypted({ password, logN, r = 8, p = 1 }) {
  const plain = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'import/aegis-plain.json'), 'utf8'));
  const salt = crypto.randomBytes(32), master = crypto.randomBytes(32);
  const derived = crypto.scryptSync(password, salt, 32, { N: 2 ** logN, r, p, maxmem: 512 * 1024 * 1024 });
  const seal = (key, data) => {
    const nonce = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', key, nonce);
    const body = Buffer.concat([c.update(data), c.final()]);
    return { body, nonce: nonce.toString('hex'), tag: c.getAuthTag().toString('hex') };
  };
  const wrapped = seal(derived, master);
  const db = seal(master, Buffer.from(JSON.stringify(plain.db)));
  return {
    version: 1,
    header: {
      slots: [{ type: 1, uuid: 'x', key: wrapped.body.toString('hex'), key_params: { nonce: wrapped.nonce, tag: wrapped.tag }, n: 2 ** logN, r, p, salt: salt.toString('hex') }],
      params: { nonce: db.nonce, tag: db.tag },
    },
    db: db.body.toString('base64'),
  };
}

/** Clicks `button`, waits until an element matching the CSS `where` shows text matching `shown`,
 * and resolves to the time between the two as the page lived it (ms): the app's time, not the
 * driver's. Playwright's click first checks over several frames that the button is visible and
 * steady, and every step is a round trip: on a loaded machine that alone took over a second while
 * the app answered in tens of ms. (Event timestamps: Playwright's page clock fakes Date and
 * performance.now, not those.) */
async function timeToMessage(page, button, where, shown) {
  await page.evaluate(([where, source, flags]) => {
    const re = new RegExp(source, flags);
    window.__clickedAt = null;
    window.__shownAt = null;
    addEventListener('click', (e) => { window.__clickedAt ??= e.timeStamp; }, { capture: true, once: true });
    const seen = new MutationObserver(() => {
      if (window.__clickedAt !== null && [...document.querySelectorAll(where)].some((e) => re.test(e.textContent))) {
        window.__shownAt = new Event('now').timeStamp;
        seen.disconnect();
      }
    });
    seen.observe(document.body, { childList: true, subtree: true, characterData: true });
  }, [where, shown.source, shown.flags]);
  await button.click();
  await page.locator(where).getByText(shown).waitFor();
  const { clickedAt, shownAt } = await page.evaluate(() => ({ clickedAt: window.__clickedAt, shownAt: window.__shownAt }));
  assert.ok(clickedAt !== null && shownAt !== null, `the click and the message were both seen (${clickedAt}, ${shownAt})`);
  return Math.round(shownAt - clickedAt);
}

test('hostile files are refused within a second by their parameters; an honest slow file runs off the page and can be cancelled', async () => {
  const dir = tmp();
  const b = await session({ time: T1 });
  try {
    const { app, page } = b;
    await app.open();
    await app.addByUri(`otpauth://totp/Before:me?secret=${RFC_SEED}`);
    await app.openImport();
    const honest = aegisEncrypted({ password: 'test', logN: 10 });
    for (const [n, r, p, shown] of [[2 ** 20, 16, 1, /N=1048576, r=16, p=1: 2048 MiB/], [2 ** 20, 8, 1, /N=1048576, r=8, p=1: 1024 MiB/], [2 ** 15, 8, 4, /N=32768, r=8, p=4/]]) {
      const hostile = structuredClone(honest);
      Object.assign(hostile.header.slots[0], { n, r, p });
      const file = path.join(dir, `aegis-${n}-${r}-${p}.json`);
      fs.writeFileSync(file, JSON.stringify(hostile));
      await app.tid('import-file').setInputFiles(file);
      await app.tid('import-pass').fill('test');
      const took = await timeToMessage(page, app.tid('import-read'), '[data-testid=transfer-message]', shown);
      assert.ok(took < 1000, `refused in ${took} ms`);
    }
    // A file over 8 MiB is refused from its size, before it is read.
    const big = path.join(dir, 'big.json');
    fs.writeFileSync(big, Buffer.alloc(9 * 1024 * 1024, 0x20));
    await app.tid('import-file').setInputFiles(big);
    await app.tid('transfer-message').getByText(/9\.0 MB.*at most 8 MB/).waitFor({ timeout: 1000 });

    // An honest file at a high cost (N = 2^17: 128 MiB, p = 2: twice the work, so a quick
    // machine is still deriving when Cancel is pressed): the key is derived in the worker, the
    // page answers meanwhile, and Cancel stops it.
    const slow = path.join(dir, 'aegis-slow.json');
    fs.writeFileSync(slow, JSON.stringify(aegisEncrypted({ password: 'test', logN: 17, p: 2 })));
    await app.tid('import-file').setInputFiles(slow);
    await app.tid('import-pass').fill('test');
    // Measured in the page: frames keep coming while the key is derived (the worker does the
    // work). On the page itself, scrypt at this cost blocks for seconds. The half second starts
    // when the progress shows, from inside the page: a round trip to the test first (long on a
    // busy machine) would eat into the derivation it is meant to watch.
    await page.evaluate(() => {
      window.__frames = new Promise((resolve) => {
        const measure = () => {
          const start = performance.now();
          let last = start, worst = 0, count = 0;
          const frame = (now) => {
            worst = Math.max(worst, now - last);
            last = now;
            count += 1;
            if (now - start < 500) requestAnimationFrame(frame); else resolve({ count, worst, busy: !!document.querySelector('[data-testid=kdf-progress]') });
          };
          requestAnimationFrame(frame);
        };
        const shown = new MutationObserver(() => {
          if (document.querySelector('[data-testid=kdf-progress]')) { shown.disconnect(); measure(); }
        });
        shown.observe(document.body, { childList: true, subtree: true });
      });
    });
    await app.tid('import-read').click();
    await app.tid('kdf-progress').waitFor();
    const frames = await page.evaluate(() => window.__frames);
    assert.ok(frames.busy, 'still deriving after half a second');
    assert.ok(frames.worst < 250 && frames.count >= 5, `frames while deriving: ${JSON.stringify(frames)}`);
    await app.tid('kdf-cancel').click();
    await app.tid('transfer-message').getByText(/Cancelled/).waitFor();
    assert.equal(await app.tid('import-preview').count(), 0);
    // Again, to the end: the worker's key opens the file.
    await app.tid('import-read').click();
    await app.tid('import-preview').waitFor({ timeout: 30000 });
    assert.match(await app.tid('import-preview').textContent(), /From Aegis: 4 accounts/);
    await app.tid('import-discard').click();
    await app.tid('close-transfer').click();

    // Our own backup asking for Argon2id m = 1 GiB, t = 64 (189 s of frozen page before): refused by name.
    const backup = path.join(dir, 'backup.2favault');
    await app.exportBackup(backup);
    const bytes = fs.readFileSync(backup);
    bytes.writeUInt32BE(1024 * 1024, 22); // memory (KiB) of the first slot
    bytes.writeUInt32BE(64, 26); // passes
    const hostileBackup = path.join(dir, 'hostile.2favault');
    fs.writeFileSync(hostileBackup, bytes);
    await app.tid('settings').getByTestId('restore-file').setInputFiles(hostileBackup);
    await app.tid('settings').getByTestId('restore-pass').fill(PASSPHRASE);
    const took = await timeToMessage(page, app.tid('settings').getByTestId('restore-open'), '[data-testid=settings] [data-testid=restore-error]', /asks for 1024 MiB of memory and 64 passes/);
    assert.ok(took < 1000, `refused in ${took} ms`);
    await app.expectCode('Before', totp(RFC_SEED, T1, 6));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'integrity-hostile-restore.png'), fullPage: true });
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('re-importing an old 2FAS file (no algorithm, digits or type) never turns right accounts wrong', async () => {
  const dir = tmp();
  const b = await session({ time: T1 });
  try {
    const { app, page } = b;
    await app.open();
    const names = ['Corp VPN', 'Bank', 'Mail', 'Shop', 'Game'];
    for (const n of names) await app.addByUri(`otpauth://totp/${encodeURIComponent(n)}:dave?secret=${RFC_SEED}&issuer=${encodeURIComponent(n)}&algorithm=SHA256&digits=8&period=60`);
    const right = totp(RFC_SEED, T1, 8, 60, 'sha256');
    for (const n of names) await app.expectCode(n, right);
    const old = { schemaVersion: 1, services: names.map((n) => ({ name: n, secret: RFC_SEED, otp: { account: 'dave' } })) };
    const file = path.join(dir, 'old.2fas');
    fs.writeFileSync(file, JSON.stringify(old));
    await app.openImport();
    await app.tid('import-file').setInputFiles(file);
    await app.tid('import-read').click();
    await app.tid('import-preview').waitFor();
    const preview = await app.tid('import-preview').textContent();
    assert.match(preview, /same secret key, other settings/);
    assert.doesNotMatch(preview, /different secret/);
    assert.match(preview, /SHA256, 8 digits, 60 s.*SHA1, 6 digits, 30 s/);
    assert.ok(await app.tid('choose-keep-settings').isChecked(), 'keeping what is here is preselected');
    assert.ok(!(await app.tid('choose-take-settings').isChecked()));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'integrity-reimport.png') });
    // Nothing new is shown either way: wait until the import is stored, so what is checked below
    // is the vault after it, not before.
    await app.saved(() => app.tid('import-confirm').click());
    const done = await app.tid('import-done').textContent();
    assert.doesNotMatch(done, /Added/);
    assert.match(done, /already here|Nothing was added/);
    await app.tid('close-transfer').click();
    assert.equal(await app.rows().count(), 5);
    for (const n of names) await app.expectCode(n, right);
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});
