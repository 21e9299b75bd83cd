// Moving from Google Authenticator on a phone (issue 22, "Done when"): at 390×844 in Japanese,
// from the first screen of a fresh browser, a 3-QR export chosen as three screenshots at once
// lands every account with the codes Python computed (tests/fixtures/ga/make.py), in at most 5
// taps (a picker counts as one); with one QR code missing, what was read is imported and the
// missing one is named by number; a QR code read twice is said once and two exports are kept
// apart (and survive closing the dialog, until the vault locks); an export screenshot chosen in
// "restore" goes to the migration, and a backup file of this app chosen in the import dialog goes
// to the restore. The QR images are made here with the npm `qrcode` package, never by the app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { startServer, ROOT } from './lib/server.mjs';
import { ARTIFACTS } from './lib/browser.mjs';
import { session as openSession, PASSPHRASE } from './lib/app.mjs';
import { createRequire } from 'node:module';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** No serious or critical axe finding on the page as it is. */
async function axeCheck(page, where) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), [], `axe findings on ${where}`);
}

const GA = path.join(ROOT, 'tests/fixtures/ga');
const expected = JSON.parse(fs.readFileSync(path.join(GA, 'expected-3-batches.json'), 'utf8'));
const T = 1700000000; // one of the times make.py computed codes for
const PHONE = { width: 390, height: 844 };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-migrate-'));

let server;
// The server's clock says the page's fixed time, so the app's clock check agrees with it (no
// warning over the first screen in the screenshots).
before(async () => { server = await startServer({ clockOffsetMs: T * 1000 - Date.now() }); });
after(async () => { await server.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

const link = (file) => fs.readFileSync(path.join(GA, file), 'utf8').trim();
/** A PNG of the QR code of `text`, as a screenshot of Google Authenticator's export screen holds it. */
async function qrPng(text, name) {
  const file = path.join(tmp, name);
  await QRCode.toFile(file, text, { errorCorrectionLevel: 'M', margin: 4, scale: 4 });
  return file;
}
const three = () => Promise.all([1, 2, 3].map((i) => qrPng(link(`export-3-batches-${i}.txt`), `ga-3-${i}.png`)));

/** The code as the list shows it: "164 812", "4611 9246". */
const grouped = (plain) => (plain.length === 8 ? `${plain.slice(0, 4)} ${plain.slice(4)}` : `${plain.slice(0, 3)} ${plain.slice(3)}`);

/** RFC 4226 with node's HMAC, from the key bytes the Python script wrote: a second, independent
 * computation of every expected code (the app's own is never consulted). */
function hotpNode(secretHex, counter, digits, algorithm) {
  const c = Buffer.alloc(8);
  c.writeBigUInt64BE(BigInt(counter));
  const mac = crypto.createHmac(algorithm.toLowerCase(), Buffer.from(secretHex, 'hex')).update(c).digest();
  const o = mac[mac.length - 1] & 0x0f;
  const bin = ((mac[o] & 0x7f) << 24) | (mac[o + 1] << 16) | (mac[o + 2] << 8) | mac[o + 3];
  return String(bin % 10 ** digits).padStart(digits, '0');
}

/** issuer|name code, for the accounts of the given fixture files. */
function want(files) {
  return files.flatMap((f) => expected.files[f].accounts).map((a) => {
    const python = a.codes[String(T)];
    const node = hotpNode(a.secret_hex, a.kind === 'hotp' ? a.counter : Math.floor(T / 30), a.digits, a.algorithm);
    assert.equal(node, python, `${a.issuer}: Python and node agree`);
    return `${a.issuer}|${a.name} ${grouped(python)}`;
  }).sort();
}

/** Every row on screen as "issuer|name code", once `n` rows are there: the list renders a
 * screenful and more as the user scrolls (scrolling is not a tap), so it is scrolled down to
 * the end of the list. */
async function onScreen(page, n) {
  const end = Date.now() + 15000;
  while (Date.now() < end) {
    const rows = await page.evaluate(() => document.querySelectorAll('[data-testid=account-row]').length);
    if (rows >= n) break;
    await page.evaluate(() => (document.querySelector('[data-testid=show-more]') ?? document.body).scrollIntoView({ block: 'end' }));
    await new Promise((r) => setTimeout(r, 100)); // poll the condition
  }
  return rowsNow(page);
}
const rowsNow = (page) => page.evaluate(() => [...document.querySelectorAll('[data-testid=account-row]')].map((r) =>
  `${r.querySelector('[data-testid=issuer]')?.textContent ?? ''}|${r.querySelector('[data-testid=name]')?.textContent ?? ''} ${r.querySelector('[data-testid=code]')?.textContent.trim() ?? ''}`).sort());

/** Counts the user's taps: every click the page receives from a person (trusted), plus each file
 * picker (chosen through `pick`, which counts one). */
async function tapCounter(page) {
  await page.addInitScript(() => {
    window.__taps = 0;
    document.addEventListener('click', (e) => { if (e.isTrusted) window.__taps += 1; }, true);
  });
  let pickers = 0;
  return {
    pick: async (locator, files) => { pickers += 1; await locator.setInputFiles(files); },
    count: async () => pickers + (await page.evaluate(() => window.__taps)),
  };
}

/** Whether the element is wholly in the viewport (seen without scrolling). */
async function inSight(loc) {
  const box = await loc.boundingBox();
  return !!box && box.y >= 0 && box.y + box.height <= PHONE.height;
}

/** `inSight`, polled for up to 3 s (the summary is brought into sight once it is rendered). */
async function inSightSoon(loc) {
  const end = Date.now() + 3000;
  while (!(await inSight(loc)) && Date.now() < end) await new Promise((r) => setTimeout(r, 50)); // poll the condition
  return inSight(loc);
}

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });

/** From the first screen: choose `pngs` as one pick in "他のアプリから移行", then create the vault. */
async function migrateFromFirstScreen(app, page, taps, pngs, { shots } = {}) {
  await page.goto(app.url);
  await app.tid('first-screen').waitFor();
  await taps.pick(app.tid('migrate-files'), pngs);
  await app.tid('migrate-message').waitFor();
  if (shots) await shot(page, `${shots}-first-screen`);
  await app.tid('new-pass').fill(PASSPHRASE);
  await app.tid('new-pass-confirm').fill(PASSPHRASE);
  await app.tid('create-vault').click();
  await app.tid('transfer-dialog').waitFor({ state: 'visible', timeout: 20000 });
}

test('a 3-QR Google Authenticator export chosen as three screenshots at once, from the first screen: every account with its code, in at most 5 taps', async () => {
  const b = await openSession(server, { locale: 'ja-JP', viewport: PHONE, time: T * 1000 });
  try {
    const { app, page } = b;
    const taps = await tapCounter(page);
    // The third choice is on the first screen, above the fold, reached with Tab, named by its words.
    await page.goto(app.url);
    await app.tid('first-screen').waitFor();
    const box = await app.tid('choose-migrate').boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= PHONE.height, `「他のアプリから移行」 above the fold: ${JSON.stringify(box)}`);
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.dataset.testid === 'migrate-files');
    }
    assert.ok(reached, 'the migrate picker is reached with Tab');
    assert.equal(await page.getByLabel(/他のアプリから移行/).getAttribute('data-testid'), 'migrate-files', 'the picker is named by its card');
    await migrateFromFirstScreen(app, page, taps, await three());
    // What was read was said next to the choice that read it.
    await app.tid('import-preview').waitFor();
    assert.equal(await app.tid('preview-account').count(), 24);
    assert.equal(await app.tid('preview-missing').count(), 0, 'nothing missing');
    await app.tid('import-confirm').click();
    await app.tid('import-done').waitFor();
    await app.tid('close-transfer').click();
    await app.tid('transfer-dialog').waitFor({ state: 'hidden' });
    assert.deepEqual(await onScreen(page, 24), want(['export-3-batches-1.txt', 'export-3-batches-2.txt', 'export-3-batches-3.txt']));
    const n = await taps.count();
    console.log(`taps from the first screen to the codes: ${n}`);
    assert.ok(n <= 5, `${n} taps`);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

for (const lang of ['ja', 'en']) {
  test(`one QR code of three missing (${lang}): what was read is imported, and the missing one is named by number`, async () => {
    const b = await openSession(server, { locale: lang === 'ja' ? 'ja-JP' : 'en-US', viewport: PHONE, time: T * 1000 });
    try {
      const { app, page } = b;
      const taps = await tapCounter(page);
      const [first, , last] = await three();
      await migrateFromFirstScreen(app, page, taps, [first, last], { shots: `migrate-${lang}` });
      // Said where the user is looking: the message is right under the choices.
      // The dialog opens on what was read: 2 of 3, and which one is missing.
      await app.tid('batch-progress').waitFor();
      const line = (await app.tid('batch-line').textContent()).trim();
      assert.match(line, lang === 'ja' ? /QRコード3個中2個を読み取り済み（14件）。まだ読み取っていないQRコード: 2\/3/ : /2 of 3 QR codes read \(14 accounts\)\. Still to read: QR code 2 of 3\./);
      await shot(page, `migrate-${lang}-progress`);
      await axeCheck(page, `the import dialog with QR codes read (${lang})`);
      await app.tid('import-so-far').click();
      await app.tid('import-preview').waitFor();
      assert.equal(await app.tid('preview-account').count(), 14);
      const missing = (await app.tid('preview-missing').textContent()).trim();
      assert.match(missing, lang === 'ja' ? /QRコード 2\/3 を読み取っていない/ : /QR code 2 of 3 was not read/);
      await shot(page, `migrate-${lang}-preview`);
      await axeCheck(page, `the preview with a QR code missing (${lang})`);
      await app.tid('import-confirm').click();
      await app.tid('import-done').waitFor();
      assert.match(await app.tid('import-done').textContent(), lang === 'ja' ? /QRコード 2\/3/ : /QR code 2 of 3/);
      assert.ok(await inSightSoon(app.tid('import-done')), 'the summary is in sight after pressing Add at the bottom');
      await shot(page, `migrate-${lang}-done`);
      await app.tid('close-transfer').click();
      assert.deepEqual(await onScreen(page, 14), want(['export-3-batches-1.txt', 'export-3-batches-3.txt']));
      const n = await taps.count();
      console.log(`taps with one QR code missing (${lang}): ${n}`);
      assert.ok(n <= 5, `${n} taps`);
      // The missing one read later: its accounts are added, the others are named as here already.
      await app.openImport();
      await app.tid('qr-image').setInputFiles([first, (await three())[1]]);
      await app.tid('batch-progress').waitFor();
      await app.tid('import-so-far').click();
      await app.tid('preview-duplicates').waitFor();
      const dup = (await app.tid('preview-duplicates').textContent()).trim();
      for (const a of expected.files['export-3-batches-1.txt'].accounts) assert.ok(dup.includes(a.issuer), `${a.issuer} named as here already: ${dup}`);
      assert.equal(await app.tid('preview-missing').count(), 1, 'QR code 3/3 not read this time, and said');
      await app.tid('preview-duplicates').scrollIntoViewIfNeeded();
      if (lang === 'ja') await shot(page, 'migrate-ja-duplicates');
      await app.tid('import-confirm').click();
      await app.tid('import-done').waitFor();
      await app.tid('close-transfer').click();
        assert.deepEqual(await onScreen(page, 24), want(['export-3-batches-1.txt', 'export-3-batches-2.txt', 'export-3-batches-3.txt']));
      assert.deepEqual(b.errors, []);
    } finally {
      await b.close();
    }
  });
}

test('a QR code read twice is said once; two exports are kept apart and both named; what was read survives closing the dialog, not the lock', async () => {
  const b = await openSession(server, { locale: 'ja-JP', viewport: PHONE, time: T * 1000 });
  try {
    const { app, page } = b;
    await app.open();
    const [first, second] = await three();
    const other = await qrPng(link('export-4-batches-2.txt'), 'ga-4-2.png');
    // Found where a person looks: the empty list points to it, and so does the add dialog's top.
    assert.match(await app.tid('empty-migrate').textContent(), /Google Authenticator など、他の認証アプリのアカウントをまとめて移せます/);
    await app.tid('empty-open-import').click();
    await app.tid('transfer-dialog').waitFor({ state: 'visible' });
    await app.tid('close-transfer').click();
    await app.tid('transfer-dialog').waitFor({ state: 'hidden' });
    await app.openAddDialog();
    assert.equal((await app.tid('add-open-import').textContent()).trim(), 'Google Authenticator などから移行');
    await app.tid('add-open-import').click();
    await app.tid('add-dialog').waitFor({ state: 'hidden' });
    await app.tid('transfer-dialog').waitFor({ state: 'visible' });
    await app.tid('close-transfer').click();
    await app.tid('transfer-dialog').waitFor({ state: 'hidden' });
    await app.openImport();
    await app.tid('qr-image').setInputFiles([first, first, second, first]);
    const said = page.locator('#camera-h').locator('xpath=..').getByTestId('transfer-message');
    await said.waitFor();
    let text = (await said.textContent()).trim();
    assert.ok(await inSight(said), 'what was read is said in sight, next to the image button');
    assert.equal(text.split('QRコード 1/3 は読み取り済みです').length - 1, 1, `the repeat is said once: ${text}`);
    assert.match(text, /QRコード 1\/3、2\/3（20件）を読み取りました。まだQRコード 3\/3 を読み取っていません/);
    assert.equal(await app.tid('batch-line').count(), 1);
    assert.match(await app.tid('batch-line').textContent(), /QRコード3個中2個を読み取り済み（20件）/, 'counted once');
    // Another export: kept apart, the first one's QR codes stay, both named.
    await app.tid('qr-image').setInputFiles(other);
    await page.getByText('2つ目のエクスポート（QRコード4個）: QRコード 2/4（10件）を読み取りました').waitFor();
    text = (await said.textContent()).trim();
    assert.match(text, /2つの別々のエクスポート/);
    await shot(page, 'migrate-ja-two-exports');
    const lines = async () => (await app.tid('batch-line').allTextContents()).map((l) => l.trim());
    assert.deepEqual(await lines(), [
      '1つ目のエクスポート（QRコード3個）: QRコード3個中2個を読み取り済み（20件）。まだ読み取っていないQRコード: 3/3',
      '2つ目のエクスポート（QRコード4個）: QRコード4個中1個を読み取り済み（10件）。まだ読み取っていないQRコード: 1/4、3/4、4/4',
    ]);
    // Closed and opened again: still there.
    await app.tid('close-transfer').click();
    await app.tid('transfer-dialog').waitFor({ state: 'hidden' });
    await app.tid('open-import').click();
    assert.equal((await lines()).length, 2, 'what was read survives closing the dialog');
    await app.tid('import-so-far').click();
    assert.equal(await app.tid('preview-account').count(), 30);
    assert.match(await app.tid('preview-missing').textContent(), /1つ目のエクスポート（QRコード3個）: QRコード 3\/3 を読み取っていない.*2つ目のエクスポート（QRコード4個）: QRコード 1\/4、3\/4、4\/4 を読み取っていない/);
    // Back to reading, then the vault locks: nothing read stays.
    await app.tid('import-discard').click();
    assert.equal((await lines()).length, 2, '"don\'t add" keeps what was read');
    await app.tid('close-transfer').click();
    await app.tid('lock').click();
    await app.tid('unlock-screen').waitFor();
    await app.unlock();
    await app.openImport();
    assert.equal(await app.tid('batch-progress').count(), 0, 'dropped on lock');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('an export screenshot chosen in "restore" goes to the migration; a backup of this app chosen in the import dialog goes to the restore', async () => {
  const b = await openSession(server, { locale: 'ja-JP', viewport: PHONE, time: T * 1000 });
  try {
    const { app, page } = b;
    const [first] = await three();
    await page.goto(app.url);
    await app.tid('first-screen').waitFor();
    await app.tid('restore-file').setInputFiles(first);
    await app.tid('migrate-message').waitFor();
    const said = (await app.tid('migrate-message').textContent()).trim();
    assert.match(said, /バックアップファイルからの復元ではなく、移行として読み取りました/);
    assert.match(said, /QRコード 1\/3（10件）を読み取りました/);
    assert.equal(await app.tid('restore-pass').count(), 0, 'no passphrase asked for a screenshot');
    await app.tid('new-pass').fill(PASSPHRASE);
    await app.tid('new-pass-confirm').fill(PASSPHRASE);
    await app.tid('create-vault').click();
    await app.tid('batch-progress').waitFor({ timeout: 20000 });
    await app.tid('import-so-far').click();
    await app.tid('import-confirm').click();
    await app.tid('import-done').waitFor();
    await app.tid('close-transfer').click();
    await app.expectRows(10, 'the 10 accounts of QR code 1/3');
    // This app's backup, chosen in the import dialog: the restore (merge) opens it there.
    const backup = path.join(tmp, 'backup.2favault');
    await app.exportBackup(backup);
    await app.tid('open-import').click();
    await app.tid('import-file').setInputFiles(backup);
    await app.tid('import-got-backup').waitFor();
    await app.tid('import-got-backup').getByTestId('restore-pass').fill(PASSPHRASE);
    await app.tid('import-got-backup').getByTestId('restore-open').click();
    await app.tid('import-got-backup').getByTestId('restore-preview').waitFor({ timeout: 20000 });
    assert.match(await app.tid('import-got-backup').getByTestId('restore-preview').textContent(), /10/);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('another app\'s file chosen in "restore" is imported after the passphrase, not refused', async () => {
  const b = await openSession(server, { locale: 'ja-JP', viewport: PHONE, time: T * 1000 });
  try {
    const { app, page } = b;
    await page.goto(app.url);
    await app.tid('first-screen').waitFor();
    await app.tid('restore-file').setInputFiles(path.join(ROOT, 'tests/fixtures/import/aegis-plain.json'));
    await app.tid('migrate-message').waitFor();
    assert.match(await app.tid('migrate-message').textContent(), /このアプリのバックアップファイルではありません。移行として読み込みます/);
    assert.equal(await app.tid('restore-pass').count(), 0, 'no backup passphrase asked');
    await app.tid('new-pass').fill(PASSPHRASE);
    await app.tid('new-pass-confirm').fill(PASSPHRASE);
    await app.tid('create-vault').click();
    await app.tid('import-preview').waitFor({ timeout: 20000 });
    assert.match(await app.tid('import-preview').textContent(), /Aegis/);
    assert.ok(await app.tid('preview-account').count() > 0);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
