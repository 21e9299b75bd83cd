// The emergency kit on paper, as a user prints it from the settings, in Japanese and English:
// every site's unused backup codes (an account with some codes used, one with none used, a site
// kept for its codes alone), never a used one; how to restore with this app's address; a line for
// a passphrase hint; and nothing of the app itself on the paper. An empty vault's kit still says
// how to restore; locking takes the codes off the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer } from './lib/server.mjs';
import { launch, ARTIFACTS } from './lib/browser.mjs';
import { AppPage } from './lib/app.mjs';

const INSTAGRAM = 'otpauth://totp/Instagram:alice.smith?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Instagram';
const GITHUB = 'otpauth://totp/GitHub:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub';
// Instagram's five: the first two get marked used.
const INSTA_CODES = ['1234 5678', '2345 6789', '3456 7890', '4567 8901', '5678 9012'];
const GITHUB_CODES = ['a1b2c-3d4e5', 'f6a7b-8c9d0', '0a1b2-c3d4e', '9f8e7-d6c5b'];
const X_CODES = ['k3m9p2x7q4w8', 'z8y7x6w5v4u3', 'q1w2e3r4t5y6'];

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

async function session(opts) {
  const b = await launch(opts);
  // The print dialog would block a headless page: count the calls instead.
  await b.context.addInitScript(() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; });
  return { ...b, app: new AppPage(b.page, server.url) };
}
const text = async (loc) => (await loc.textContent()).trim();
// What the page itself fetched: the kit's pages are their own module, fetched on first print.
const kitPartFetched = async (page) => (await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)))
  .some((p) => p.startsWith('/split_kit_part-'));

/** Pastes a site's block of codes for an account's row and saves them. */
async function addCodes(app, issuer, codes) {
  await app.row(issuer).getByTestId('backup-button').click();
  await app.tid('backup-dialog').waitFor({ state: 'visible' });
  await app.tid('codes-paste').fill(`Your backup codes\n\n${codes.join('\n')}\n\nKeep them somewhere safe.`);
  assert.equal(await app.tid('codes-lines').inputValue(), codes.join('\n'));
  await app.tid('save-codes').click();
  await app.tid('codes-remaining').waitFor();
}

/** Marks the next `n` codes used in the open dialog, waiting for each to be saved. */
async function markNext(app, n, remainingText) {
  for (let i = 0; i < n; i += 1) {
    const before = await text(app.tid('codes-remaining'));
    await app.tid('mark-next').click();
    await app.page.waitForFunction((b) => document.querySelector('[data-testid=codes-remaining]')?.textContent.trim() !== b, before);
  }
  assert.equal(await text(app.tid('codes-remaining')), remainingText);
  await app.tid('close-backup').click();
}

/** The three sites: Instagram (2 of 5 used), GitHub (none used), X kept for its codes alone. */
async function fillVault(app, lang) {
  await app.addByUri(INSTAGRAM);
  await app.addByUri(GITHUB);
  await addCodes(app, 'Instagram', INSTA_CODES);
  await markNext(app, 2, lang === 'ja' ? '残り3個（全5個）' : '3 of 5 left');
  await addCodes(app, 'GitHub', GITHUB_CODES);
  await app.tid('close-backup').click();
  await app.openAddDialog();
  await app.tid('tab-codes').click();
  await app.tid('site-issuer').fill('X');
  await app.tid('site-name').fill('alice_x');
  await app.tid('codes-lines').fill(X_CODES.join('\n'));
  await app.tid('submit-add').click();
  await app.tid('add-dialog').waitFor({ state: 'hidden' });
  await app.expectRows(3);
}

/** Prints the kit from the settings (by keyboard: focus the button, press Enter). */
async function printKit(app, times) {
  await app.openSettings();
  await app.tid('print-kit').focus();
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction((n) => window.__printed === n, times);
}

/** What is on paper: the kit, and none of the app. */
async function checkPrinted(app, lang) {
  const { page } = app;
  const kit = app.tid('kit-sheet');
  assert.ok(await kit.isVisible(), 'the kit is printed');
  for (const id of ['add-button', 'settings', 'accounts']) assert.equal(await app.tid(id).isVisible(), false, `${id} is not on paper`);
  assert.equal(await page.locator('header.top').isVisible(), false, 'the app header is not on paper');

  // How to restore: the app's address (this page's origin), four steps, the file, a hint line.
  const url = server.url.endsWith('/') ? server.url : `${server.url}/`;
  assert.equal(await text(app.tid('kit-url')), url);
  const steps = (await app.tid('kit-steps').locator('li').allTextContents()).map((s) => s.trim());
  assert.equal(steps.length, 4);
  assert.ok(steps[0].includes(url), steps[0]);
  if (lang === 'ja') {
    assert.match(steps[1], /「バックアップファイルから復元」/);
    assert.match(steps[2], /バックアップファイルを選びます/);
    assert.match(steps[3], /パスフレーズを入力して「バックアップファイルを開く」/);
    assert.match(await text(app.tid('kit-restore')), /保存または共有した/);
    assert.match(await text(app.tid('kit-hint-warning')), /パスフレーズそのものは絶対に書かないでください/);
    assert.match(await text(app.tid('kit-date')), /^印刷日：\d{4}年\d{1,2}月\d{1,2}日$/);
  } else {
    assert.match(steps[1], /“Restore from a backup file”/);
    assert.match(steps[2], /choose your backup file/);
    assert.match(steps[3], /passphrase and press “Open backup file”/);
    assert.match(await text(app.tid('kit-restore')), /you saved or shared/);
    assert.match(await text(app.tid('kit-hint-warning')), /Never write the passphrase itself/);
    assert.match(await text(app.tid('kit-date')), /^Printed [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
  }
  const line = await app.tid('kit-hint-line').boundingBox();
  assert.ok(line && line.height >= 20 && line.width > 200, `a line to write on: ${JSON.stringify(line)}`);
}

/** Every unused code on paper, grouped by site with issuer and account name; no used one. */
async function checkCodes(app, lang) {
  const sites = app.tid('kit-site');
  assert.equal(await sites.count(), 3);
  const site = async (i) => ({
    issuer: await text(sites.nth(i).getByTestId('kit-issuer')),
    name: await text(sites.nth(i).getByTestId('kit-name')),
    codes: (await sites.nth(i).getByTestId('kit-code').allTextContents()).map((s) => s.trim()),
    flag: await sites.nth(i).getByTestId('kit-flag').count(),
  });
  assert.deepEqual(await site(0), { issuer: 'Instagram', name: 'alice.smith', codes: INSTA_CODES.slice(2), flag: 1 });
  assert.deepEqual(await site(1), { issuer: 'GitHub', name: 'alice', codes: GITHUB_CODES, flag: 0 });
  assert.deepEqual(await site(2), { issuer: 'X', name: 'alice_x', codes: X_CODES, flag: 0 });
  const all = await text(app.tid('kit-sheet'));
  for (const used of INSTA_CODES.slice(0, 2)) assert.ok(!all.includes(used), `used code ${used} is not printed`);
  // The low site says what to do; each code has a box to tick.
  assert.match(await text(sites.nth(0).getByTestId('kit-flag')), lang === 'ja' ? /Instagram にログインして新しいバックアップコードを発行/ : /sign in to Instagram and generate new backup codes/);
  assert.equal(await app.tid('kit-sheet').locator('.kit-box').count(), 10);
  // A page break never splits a site's block (checked on paper in a 9-site PDF, see the report).
  for (let i = 0; i < 3; i += 1) assert.equal(await sites.nth(i).evaluate((e) => getComputedStyle(e).breakInside), 'avoid');
  assert.match(await text(app.tid('kit-summary')), lang === 'ja' ? /^3サイトの未使用のバックアップコード10個。$/ : /^10 unused backup codes for 3 sites\.$/);
}

/** Screenshots of the printed page at A4 width (96 dpi) and at 390 px. */
async function shoot(page, name) {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-a4.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-390.png`), fullPage: true });
  await page.setViewportSize(viewport);
}

test('Japanese: the kit prints every unused code of three sites, how to restore, and a hint line', async () => {
  const b = await session({ locale: 'ja-JP', viewport: { width: 390, height: 844 } });
  try {
    const { app, page } = b;
    await app.open();
    await fillVault(app, 'ja');
    await app.openSettings();
    assert.equal(await text(app.tid('print-kit')), '緊急キットを印刷');
    assert.equal(await kitPartFetched(page), false, 'the kit is not loaded before it is asked for');
    await app.tid('print-kit').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'kit-button-ja-390.png') });
    await printKit(app, 1);
    assert.ok(await kitPartFetched(page));
    await page.emulateMedia({ media: 'print' });
    await checkPrinted(app, 'ja');
    await checkCodes(app, 'ja');
    await shoot(page, 'kit-ja');
    // The real pages as Chromium prints them (A4 from kit.css), to look at the page breaks.
    await page.pdf({ path: path.join(ARTIFACTS, 'kit-ja.pdf'), preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await app.tid('kit-sheet').isVisible(), false, 'never on screen');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('English, dark theme: an empty vault\'s kit says so and how to restore; then three sites, black on white; locking clears it', async () => {
  const b = await session({ locale: 'en-US', colorScheme: 'dark', viewport: { width: 390, height: 844 } });
  try {
    const { app, page } = b;
    await app.open();
    await printKit(app, 1);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await text(app.tid('kit-summary')), 'No backup codes saved in this app yet.');
    assert.match(await text(app.tid('kit-no-codes')), /save them with “Add backup codes” on its row/);
    assert.equal(await app.tid('kit-site').count(), 0);
    assert.equal(await app.tid('kit-steps').locator('li').count(), 4);
    await page.screenshot({ path: path.join(ARTIFACTS, 'kit-en-empty-390.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    await fillVault(app, 'en');
    await printKit(app, 2);
    await page.emulateMedia({ media: 'print' });
    await checkPrinted(app, 'en');
    await checkCodes(app, 'en');
    // The dark theme stays on screen: the paper is black on white.
    const colours = await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.querySelector('.kit-code')).color]);
    assert.deepEqual(colours, ['rgb(255, 255, 255)', 'rgb(0, 0, 0)']);
    await shoot(page, 'kit-en');
    await page.emulateMedia({ media: 'screen' });

    // Locking takes the codes off the page (nothing left to print).
    await app.tid('lock').click();
    await app.tid('unlock-screen').waitFor();
    assert.equal(await app.tid('kit-code').count(), 0);
    assert.equal(await app.tid('kit-site').count(), 0);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
