// Backups as a new user meets them (issue 16), at 390×844: a new vault with 2 accounts shows the
// never-backed-up banner; one tap shares the encrypted file (the share sheet is stubbed, the file's
// bytes kept) and that file restores both accounts in a fresh browser; a closed share sheet saves
// nothing; the line then says "just now", and marking a backup code used shows "1 change since".
// The automatic backup file (a real file handle from the origin-private file system, given by a
// stubbed save dialog) is rewritten after each change and restores with the latest one; after a
// reload its state is shown, and a permission the browser asks again is given with one button.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './lib/server.mjs';
import { launch, ARTIFACTS } from './lib/browser.mjs';
import { AppPage } from './lib/app.mjs';

const PHONE = { width: 390, height: 844 };
const GOOGLE = 'otpauth://totp/Google:hanako@example.jp?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Google';
const GITHUB = 'otpauth://totp/GitHub:hanako?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub';
const SLACK = 'otpauth://totp/Slack:hanako?secret=KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU&issuer=Slack';
const CODES = '1234 5678\n2345 6789\n3456 7890\n4567 8901';

const WORDS = {
  ja: {
    locale: 'ja-JP',
    never: 'バックアップファイルがまだありません',
    cancelled: '共有を取り消しました',
    shared: 'バックアップファイルを共有しました',
    justNow: /^前回のバックアップファイル: たった今（共有）$/,
    oneChange: 'その後の変更: 1件',
  },
  en: {
    locale: 'en-US',
    never: 'No backup file yet',
    cancelled: 'Sharing was cancelled',
    shared: 'Backup file shared',
    justNow: /^Last backup file: just now \(shared\)$/,
    oneChange: '1 change since',
  },
};

let server;
let tmp;
before(async () => {
  server = await startServer();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-state-'));
});
after(async () => { await server.close(); });

/** A phone-sized browser whose share sheet accepts files and keeps what it was given. */
async function phone(locale) {
  const b = await launch({ locale, viewport: PHONE });
  await b.context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'canShare', {
      configurable: true,
      value: (data) => !!(data && data.files && data.files.length && data.files.every((f) => f instanceof File)),
    });
    Object.defineProperty(Navigator.prototype, 'share', {
      configurable: true,
      value: async (data) => {
        if (window.__cancelShare) throw new DOMException('Share canceled', 'AbortError');
        const f = data.files[0];
        window.__shared = { name: f.name, type: f.type, bytes: Array.from(new Uint8Array(await f.arrayBuffer())) };
      },
    });
  });
  return { ...b, app: new AppPage(b.page, server.url) };
}

const text = async (loc) => (await loc.textContent()).trim();

async function addCodes(app, issuer) {
  await app.row(issuer).getByTestId('backup-button').click();
  await app.tid('backup-dialog').waitFor({ state: 'visible' });
  await app.tid('codes-paste').fill(CODES);
  await app.tid('save-codes').click();
  await app.tid('codes-remaining').waitFor();
  await app.tid('close-backup').click();
}

async function markOneUsed(app, issuer) {
  await app.row(issuer).getByTestId('backup-button').click();
  await app.tid('backup-dialog').waitFor({ state: 'visible' });
  await app.tid('mark-next').click();
  await app.tid('codes-remaining').getByText(/^(3 of 4 left|残り3個（全4個）)$/).waitFor();
  await app.tid('close-backup').click();
}

for (const lang of ['ja', 'en']) {
  const w = WORDS[lang];
  test(`${lang}: never backed up → banner; one tap shares the encrypted file; "just now"; a used code is 1 change`, async () => {
    const b = await phone(w.locale);
    let file;
    try {
      const { app, page } = b;
      await app.open();
      assert.equal(await app.tid('backup-status').textContent(), '', 'no account yet: nothing to back up, nothing said');
      await app.addByUri(GOOGLE);
      await app.addByUri(GITHUB);
      await addCodes(app, 'GitHub');

      const banner = app.tid('backup-banner');
      await banner.waitFor();
      assert.match(await text(banner), new RegExp(w.never));
      assert.ok(await app.tid('backup-now').isVisible());
      const box = await banner.boundingBox();
      assert.ok(box.y + box.height <= PHONE.height, 'the banner is on the first screen');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(ARTIFACTS, `backup-banner-${lang}.png`) });

      // A closed share sheet saves and records nothing.
      await page.evaluate(() => { window.__cancelShare = true; });
      await app.tid('backup-now').click();
      await app.tid('backup-done').getByText(w.cancelled).waitFor();
      assert.ok(await banner.isVisible(), 'still never backed up');

      await page.evaluate(() => { window.__cancelShare = false; });
      await app.tid('backup-now').click();
      await app.tid('backup-done').getByText(w.shared).waitFor();
      await app.tid('backup-line').waitFor();
      assert.match(await text(app.tid('backup-last')), w.justNow);
      assert.equal(await banner.count(), 0, 'the banner is gone');
      assert.match(await text(app.tid('backup-done')), lang === 'ja' ? /アカウント2件、未使用のバックアップコード4個/ : /2 accounts, 4 unused backup codes/);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(ARTIFACTS, `backup-done-${lang}.png`) });

      const shared = await page.evaluate(() => window.__shared);
      assert.match(shared.name, /^authenticator-backup-\d{4}-\d{2}-\d{2}\.2favault$/);
      assert.equal(shared.type, 'application/octet-stream');
      const bytes = Buffer.from(shared.bytes);
      assert.equal(bytes.subarray(0, 8).toString('latin1'), '2FAVAULT', 'the vault format (docs/vault.md)');
      assert.ok(!bytes.toString('latin1').includes('JBSWY3DP'), 'the shared file is encrypted');
      file = path.join(tmp, `shared-${lang}.2favault`);
      fs.writeFileSync(file, bytes);

      await markOneUsed(app, 'GitHub');
      await app.tid('backup-changes').getByText(w.oneChange).waitFor();
      assert.match(await text(app.tid('backup-last')), w.justNow);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(ARTIFACTS, `backup-line-${lang}.png`) });
      assert.deepEqual(b.errors, []);
    } finally { await b.close(); }

    if (lang !== 'ja') return;
    // The shared bytes are the backup: a fresh browser restores both accounts from them.
    const fresh = await phone(w.locale);
    try {
      await fresh.app.restoreFresh(file);
      await fresh.app.expectRows(2);
      await fresh.app.row('Google').waitFor();
      await fresh.app.row('GitHub').waitFor();
      // Restored from a backup made just now: a line, no banner.
      assert.match(await text(fresh.app.tid('backup-last')), w.justNow);
      assert.deepEqual(fresh.errors, []);
    } finally { await fresh.close(); }
  });
}

/** A browser whose save dialog hands out a real file in the origin-private file system; with
 * `localStorage.e2ePrompt` set, the browser asks for permission again (as after a restart). */
async function desktop() {
  const b = await launch({ locale: 'ja-JP', viewport: PHONE });
  await b.context.addInitScript(() => {
    window.showSaveFilePicker = async (options) => {
      window.__pickerAsked = options.suggestedName;
      const root = await navigator.storage.getDirectory();
      return root.getFileHandle(options.suggestedName, { create: true });
    };
    let prompt = false;
    try { prompt = !!localStorage.getItem('e2ePrompt'); } catch { /* about:blank has no storage */ }
    if (prompt) {
      const proto = Object.getPrototypeOf(FileSystemFileHandle.prototype);
      let granted = false;
      proto.queryPermission = async () => (granted ? 'granted' : 'prompt');
      proto.requestPermission = async () => { granted = true; window.__permissionAsked = true; return 'granted'; };
    }
  });
  return { ...b, app: new AppPage(b.page, server.url) };
}

const readAutoFile = (page) => page.evaluate(async () => {
  const root = await navigator.storage.getDirectory();
  const handle = await root.getFileHandle('authenticator-auto-backup.2favault');
  return Array.from(new Uint8Array(await (await handle.getFile()).arrayBuffer()));
});

async function autoFileChanges(page, before, timeout = 10000) {
  const end = Date.now() + timeout;
  for (;;) {
    // Not there yet (the first automatic write has not created it) is "not rewritten yet"; so is
    // a read that met a write (the File snapshot changed under it: NotReadableError): poll again.
    const now = await readAutoFile(page).catch((e) => { if (/NotFoundError|NotReadableError/.test(String(e))) return []; throw e; });
    if (now.length > 0 && now.join() !== (before || []).join()) return now;
    assert.ok(Date.now() < end, 'the automatic backup file was not rewritten');
    await new Promise((r) => setTimeout(r, 100)); // poll the file
  }
}

test('the automatic backup file is rewritten after each change, restores with the latest, and shows its state after a reload', async () => {
  const b = await desktop();
  const latest = path.join(tmp, 'auto.2favault');
  try {
    const { app, page } = b;
    await app.open();
    await app.addByUri(GOOGLE);
    await app.openSettings();
    await app.tid('auto-backup-choose').click();
    await app.tid('auto-backup-state').and(page.locator('[data-state=on]')).waitFor();
    const first = await autoFileChanges(page, null);
    assert.equal(await page.evaluate(() => window.__pickerAsked), 'authenticator-auto-backup.2favault');

    await app.addByUri(GITHUB);
    const second = await autoFileChanges(page, first);
    await app.addByUri(SLACK);
    const third = await autoFileChanges(page, second);
    assert.ok(!Buffer.from(third).toString('latin1').includes('KRSXG5CT'), 'the file is encrypted');
    fs.writeFileSync(latest, Buffer.from(third));
    // Recorded as a backup: the line names the automatic file, with nothing waiting.
    await app.page.waitForFunction(() => /自動バックアップファイル/.test(document.querySelector('[data-testid=backup-last]')?.textContent || ''));
    await app.tid('auto-backup-state').getByText(/最後の書き込み: たった今/).waitFor();
    await app.tid('backup-section').screenshot({ path: path.join(ARTIFACTS, 'backup-auto-on-ja.png') });

    // Next visit: the handle comes back from IndexedDB; its state is shown.
    await page.reload();
    await app.unlock();
    await app.openSettings();
    await app.tid('auto-backup-state').and(page.locator('[data-state=on]')).waitFor();

    // After a browser restart the permission must be asked again, with a tap.
    await page.evaluate(() => localStorage.setItem('e2ePrompt', '1'));
    await page.reload();
    await app.unlock();
    await app.openSettings();
    await app.tid('auto-backup-state').and(page.locator('[data-state=needs-permission]')).waitFor();
    await app.tid('backup-section').screenshot({ path: path.join(ARTIFACTS, 'backup-auto-permission-ja.png') });
    const beforeAllow = await readAutoFile(page);
    await app.tid('auto-backup-allow').click();
    await app.tid('auto-backup-state').and(page.locator('[data-state=on]')).waitFor();
    assert.equal(await page.evaluate(() => window.__permissionAsked), true);
    await autoFileChanges(page, beforeAllow);
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }

  const fresh = await phone('ja-JP');
  try {
    await fresh.app.restoreFresh(latest);
    await fresh.app.expectRows(3);
    await fresh.app.row('Slack').waitFor();
    assert.deepEqual(fresh.errors, []);
  } finally { await fresh.close(); }
});
