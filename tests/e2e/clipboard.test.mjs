// Issue 21, item 6: a copied code comes off the clipboard again, and only while it is still there.
// A backup code copied before a reload (or a closing tab) does not survive it; text the user
// copied after a code is never wiped 30 s later (read where the browser lets the page read without
// asking; where it cannot, judged by a copy in the page); a TOTP code is cleared after 30 s like a
// backup code, whether or not the page may read the clipboard.
//
// Chromium lets a page write to the clipboard without the clipboard permission only within about
// 5 s of a user's action (a click, a key). The tests wait that long (real time) wherever the app
// must clear later than that, so a clear never passes thanks to the copy's own click; without
// the permission, the app then clears at the user's next action in the page, which the tests do.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { session as openSession } from './lib/app.mjs';

const INSTAGRAM = 'otpauth://totp/Instagram:alice.smith?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Instagram';
const CODES = '1234 5678\n2345 6789\n3456 7890';
const CLEAR_MS = 30_000;
/** Longer than Chromium's user activation lasts (5 s). */
const ACTIVATION_GONE_MS = 5_500;

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

const origin = () => server.url.replace(/\/$/, '');
const clipboardText = (page) => page.evaluate(() => navigator.clipboard.readText());
const realWait = (ms) => new Promise((r) => setTimeout(r, ms));

/** A browser on the app with a vault holding Instagram (and its backup codes with `codes`);
 * `read` grants the page reading the clipboard without a prompt (the clipboard permission, which
 * also lets it write at any time); without it, only writing is granted. The page clock is
 * installed before the app loads, so the app's 30 s timer runs on it. */
async function start({ read = true, codes = false } = {}) {
  const b = await openSession(server);
  await b.context.grantPermissions(read ? ['clipboard-read', 'clipboard-write'] : ['clipboard-write'], { origin: origin() });
  await b.page.clock.install({ time: Date.now() });
  await b.app.open();
  await b.app.addByUri(INSTAGRAM);
  if (codes) {
    await b.app.row('Instagram').getByTestId('backup-button').click();
    await b.app.tid('backup-dialog').waitFor({ state: 'visible' });
    await b.app.tid('codes-paste').fill(CODES);
    await b.app.tid('save-codes').click();
    await b.app.tid('next-code-value').waitFor();
  }
  return b;
}

/** Reads the clipboard as the test, from a tab of another origin (the same server as
 * `localhost`) that may read it: the app's own origin keeps the permissions it was given. */
async function readAsTest(b) {
  const at = server.url.replace('127.0.0.1', 'localhost');
  await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: at.replace(/\/$/, '') });
  const reader = await b.context.newPage();
  try {
    await reader.goto(`${at}service-icons.json`);
    return await clipboardText(reader);
  } finally {
    await reader.close();
  }
}

/** Polls the clipboard (with `read`, real time) until it no longer holds `code` or `CLEAR_MS`
 * have passed since `copiedAt`; resolves to what it holds then. */
async function clipboardAfter(read, code, copiedAt) {
  let now;
  do {
    now = await read();
    if (now !== code) break;
    await realWait(200); // poll the clipboard
  } while (Date.now() - copiedAt < CLEAR_MS);
  return now;
}

async function copyBackupCode(app, page) {
  await app.tid('copy-next').click();
  await app.tid('copy-note').waitFor();
  assert.equal(await clipboardText(page), '12345678');
  return Date.now();
}

test('a backup code copied just before a reload is gone after it, with no clipboard permission', async () => {
  const b = await start({ codes: true, read: false });
  try {
    const { app, page } = b;
    await app.tid('copy-next').click();
    await app.tid('copy-note').waitFor();
    const copiedAt = Date.now();
    await page.reload();
    await app.tid('unlock-screen').waitFor();
    const now = await clipboardAfter(() => readAsTest(b), '12345678', copiedAt);
    assert.notEqual(now, '12345678', `the backup code was still on the clipboard ${Date.now() - copiedAt} ms after the copy and a reload`);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('a backup code copied a while before a reload is gone after it, where the page may read the clipboard', async () => {
  const b = await start({ codes: true, read: true });
  try {
    const { app, page } = b;
    const copiedAt = await copyBackupCode(app, page);
    await realWait(ACTIVATION_GONE_MS);
    await page.reload();
    await app.tid('unlock-screen').waitFor();
    const now = await clipboardAfter(() => clipboardText(page), '12345678', copiedAt);
    assert.notEqual(now, '12345678', `the backup code was still on the clipboard ${Date.now() - copiedAt} ms after the copy and a reload`);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('a backup code copied a while before a reload is gone once the user acts on the new page, with no clipboard permission', async () => {
  const b = await start({ codes: true, read: false });
  try {
    const { app, page } = b;
    await app.tid('copy-next').click();
    await app.tid('copy-note').waitFor();
    const copiedAt = Date.now();
    await realWait(ACTIVATION_GONE_MS);
    await page.reload();
    await app.tid('unlock-screen').waitFor();
    // The user starts typing the passphrase on the new page.
    await app.tid('unlock-pass').press('c');
    const now = await clipboardAfter(() => readAsTest(b), '12345678', copiedAt);
    assert.notEqual(now, '12345678', `the backup code was still on the clipboard ${Date.now() - copiedAt} ms after the copy, a reload and a key typed`);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('a backup code copied just before its tab is closed is gone after it', async () => {
  const b = await start({ codes: true });
  try {
    const { app, page, context } = b;
    // The other tab is opened first, so the close follows the copy at once: Chromium lets the
    // page write the clipboard as it closes only within ~5 s of the user's tap, and opening a tab
    // on a loaded machine can take a good part of that.
    const other = await context.newPage();
    await page.bringToFront();
    // The user's tab is in front with the focus when the code is copied (the new tab's own focus
    // may come late on a loaded machine: wait until it is back here).
    await page.waitForFunction(() => document.hasFocus());
    // What the page saw before it went away, kept where the other tab can read it (same origin).
    await page.evaluate(() => {
      const seen = [];
      const keep = (what) => { seen.push(`${what} at ${Math.round(performance.now())}`); localStorage.setItem('e2e-seen', seen.join(', ')); };
      window.addEventListener('blur', () => keep('blur'));
      document.addEventListener('visibilitychange', () => keep(`visibility ${document.visibilityState}`));
      window.addEventListener('pagehide', () => keep('pagehide'));
    });
    const copiedAt = await copyBackupCode(app, page);
    await page.close({ runBeforeUnload: true });
    console.log(`tab closed ${Date.now() - copiedAt} ms after the copy was seen`);
    await other.goto(server.url);
    const now = await clipboardAfter(() => clipboardText(other), '12345678', copiedAt);
    const seen = await other.evaluate(() => localStorage.getItem('e2e-seen'));
    assert.notEqual(now, '12345678', `the backup code was still on the clipboard after its tab closed (the page saw: ${seen})`);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('text copied after a backup code stays: written by another source, where the page may read', async () => {
  const b = await start({ codes: true });
  try {
    const { app, page } = b;
    await copyBackupCode(app, page);
    await page.clock.runFor(10_000);
    // Another app puts the user's own text there (written without a copy event in the page).
    await page.evaluate(() => navigator.clipboard.writeText('my own note'));
    await realWait(ACTIVATION_GONE_MS);
    await page.clock.runFor(CLEAR_MS);
    await realWait(500); // let a clear that was started finish
    assert.equal(await clipboardText(page), 'my own note', 'the text copied since is still there 40 s after the code');
    await app.tid('codes-remaining').click();
    await realWait(500);
    assert.equal(await clipboardText(page), 'my own note', 'and after the user acts on the page');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('text copied after a backup code stays: copied in the page, where the page may not read', async () => {
  const b = await start({ codes: true, read: false });
  try {
    const { app, page } = b;
    await app.tid('copy-next').click();
    await app.tid('copy-note').waitFor();
    await page.clock.runFor(10_000);
    // The user selects the remaining-codes line and copies it (Ctrl+C).
    await app.tid('codes-remaining').selectText();
    await page.keyboard.press('ControlOrMeta+C');
    await page.clock.runFor(CLEAR_MS);
    await app.tid('codes-remaining').click();
    await realWait(500); // let a clear that was started finish
    assert.equal(await readAsTest(b), '3 of 3 left', 'the text copied since is still there 40 s after the code');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('a TOTP code is cleared 30 s after it was copied, where the page may read the clipboard', async () => {
  const b = await start({ read: true });
  try {
    const { app, page } = b;
    await app.copyCode('Instagram');
    await app.tid('copy-toast').getByText('Instagram').waitFor();
    const copiedAt = await page.evaluate(() => Date.now()); // the page clock, which runs on meanwhile
    const code = await clipboardText(page);
    assert.match(code, /^\d{6}$/);
    await realWait(ACTIVATION_GONE_MS);
    await page.clock.runFor(copiedAt + CLEAR_MS - 2_000 - (await page.evaluate(() => Date.now())));
    assert.equal(await clipboardText(page), code, 'still there before 30 s');
    await page.clock.runFor(3_000);
    await realWait(500); // let the clear finish
    assert.equal(await clipboardText(page), '', 'the code is gone 31 s after the copy');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('a TOTP code is cleared 30 s after it was copied, at the user\'s next action where the page may not read the clipboard', async () => {
  const b = await start({ read: false });
  try {
    const { app, page } = b;
    await app.copyCode('Instagram');
    await app.tid('copy-toast').getByText('Instagram').waitFor();
    await realWait(ACTIVATION_GONE_MS);
    await page.clock.runFor(CLEAR_MS + 1_000);
    // Chromium refuses the write now (no user action for 5 s, no permission): the next action does it.
    await app.tid('search').click();
    await realWait(500); // let the clear finish
    assert.equal(await readAsTest(b), '', 'the code is gone after 30 s and a click in the page');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('a tap on a code once a clear is waiting for the user copies that code: the clear lands first', async () => {
  const b = await start({ read: false });
  try {
    const { app, page } = b;
    await app.copyCode('Instagram');
    await app.tid('copy-toast').getByText('Instagram').waitFor();
    await realWait(ACTIVATION_GONE_MS);
    await page.clock.runFor(CLEAR_MS + 1_000);
    // Time stands still from here, so the code shown cannot change under the test.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
    // The next tap is on the code itself (a new period: another code).
    await app.copyCode('Instagram');
    await realWait(500); // let both writes finish
    const shown = (await app.codeOf('Instagram')).replace(/ /g, '');
    assert.equal(await readAsTest(b), shown, 'the code just tapped is on the clipboard');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
