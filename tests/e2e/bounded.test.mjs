// Files inside every size limit must not freeze the tab (issue 21, item 3). A list of 95,000
// otpauth:// links (under 8 MiB) is refused at once by its count, naming the cap and what to do; a
// file of 5,000 accounts is previewed and added without a long main-thread task, and all 5,000
// arrive (then the full vault refuses one more, in the add dialog and in an import); a backup of
// 40,000 accounts is refused (restore in a fresh browser, merge into an open vault); the list
// renders a screenful after a merge, as after an unlock; Lock answers at once while a file is
// read, added or a backup opened, and nothing is said to be added after it.
//
// The longest main-thread task is measured three ways, all printed: a DevTools trace of the
// page's main thread (each task's wall time and the CPU time the thread spent in it), the Long
// Tasks API (PerformanceObserver 'longtask', wall time of tasks over 50 ms) and a timer probe (a
// 0 ms timer re-armed on every turn: the gap between two runs is how long the page was frozen).
// The bound asserted is on the CPU time of the longest task, 100 ms (the target): this machine
// runs several test suites at once on two cores, so wall times there count the time the
// renderer waited for a core (a task of 60 ms of CPU was seen to take 130 ms of wall time), and
// a bound on them would measure the machine. Before this change the same steps took seconds
// of CPU (9.7 s for the preview of the 95,000 links, 98.8 s to add them).
//
// The backups are written by the repository's own example (examples/make_bench_backup.rs), which
// seals content through the vault's reader so it may hold more accounts than a vault takes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, ROOT } from './lib/server.mjs';
import { session as openSession, PASSPHRASE } from './lib/app.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-bounded-'));
const CPU_BOUND_MS = 100;
const LOCK_BOUND_MS = 1000;

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

const session = (opts) => openSession(server, opts);

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(buf) {
  let bits = 0, value = 0, out = '';
  for (const byte of buf) {
    value = (value << 8) | byte; bits += 8;
    while (bits >= 5) { out += B32[(value >>> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

/** A text file of `n` otpauth:// links (one per line, random 160-bit secrets), as Ente Auth exports. */
function linkList(n, name) {
  const lines = [];
  for (let i = 0; i < n; i++) lines.push(`otpauth://totp/S${i}:u${i}?secret=${base32(crypto.randomBytes(20))}&issuer=S${i}`);
  const file = path.join(tmp, name);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** A backup file of `n` accounts under PASSPHRASE, sealed by the repository's example at
 * Argon2id's minimum cost (the cost is not what is tested here). */
function backupOf(n) {
  const file = path.join(tmp, `backup-${n}.2favault`);
  if (!fs.existsSync(file)) {
    execFileSync('cargo', ['run', '--quiet', '--example', 'make_bench_backup', '--', file, String(n), 'fast'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return file;
}

// Runs in every page before the app: the long-task observer, the timer probe, click times and
// the moment a watched element shows.
const PROBE = () => {
  window.__longtasks = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch { /* no Long Tasks API: the timer probe still measures */ }
  window.__gaps = [];
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    if (now - last > 20) window.__gaps.push({ start: last, duration: now - last });
    last = now;
    setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  // When each control was pressed, as the browser stamped the input (a press queued behind a
  // busy main thread keeps the time it was made).
  window.__clicks = {};
  addEventListener('click', (e) => {
    const id = e.target.closest?.('[data-testid]')?.dataset.testid;
    if (id) window.__clicks[id] = e.timeStamp;
  }, true);
  window.__seen = {};
  window.__watch = (key, selector, source) => {
    const re = new RegExp(source ?? '');
    const check = () => {
      if (window.__seen[key] === undefined && [...document.querySelectorAll(selector)].some((e) => re.test(e.textContent))) window.__seen[key] = performance.now();
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
    check();
  };
};

async function probed(opts = {}) {
  const b = await session(opts);
  await b.context.addInitScript(PROBE);
  return b;
}

/** Runs `action` (which waits for what it started to be on screen) under a DevTools trace, and
 * resolves to the longest task of the page's main thread meanwhile: its CPU and wall time (trace),
 * and the longest seen by the Long Tasks API and by the timer probe. */
async function longestTask(b, action) {
  const cdp = await b.context.newCDPSession(b.page);
  const complete = new Promise((resolve) => cdp.on('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'toplevel', transferMode: 'ReturnAsStream' });
  const from = await b.page.evaluate(() => performance.now());
  await action();
  const to = await b.page.evaluate(() => performance.now());
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  let text = '';
  for (;;) {
    const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    text += base64Encoded ? Buffer.from(data, 'base64').toString() : data;
    if (eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  await cdp.detach();
  const parsed = JSON.parse(text);
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.ph === 'X' && /(^|::)RunTask$/.test(e.name) && main.has(`${e.pid}:${e.tid}`));
  const ms = (us) => Math.round((us ?? 0) / 1000);
  const worst = tasks.reduce((w, t) => ((t.tdur ?? 0) > (w?.tdur ?? -1) ? t : w), null);
  const api = await b.page.evaluate(([from, to]) => {
    const within = (xs) => Math.round(Math.max(0, ...xs.filter((t) => t.start < to && t.start + t.duration > from).map((t) => t.duration)));
    return { longtask: within(window.__longtasks), probe: within(window.__gaps) };
  }, [from, to]);
  return { cpu: ms(worst?.tdur), wall: ms(Math.max(0, ...tasks.map((t) => t.dur))), ...api, tasks: tasks.length };
}

const said = (m) => `${m.cpu} ms of CPU (wall: trace ${m.wall} ms, Long Tasks API ${m.longtask} ms, timer probe ${m.probe} ms)`;

const watch = (page, key, selector, re) => page.evaluate(([k, s, r]) => window.__watch(k, s, r), [key, selector, re?.source]);
const seen = (page, key) => page.evaluate((k) => window.__seen[k], key);
const clicked = (page, id) => page.evaluate((id) => window.__clicks[id], id);
/** Page time → wall-clock ms, to compare moments in two tabs. */
const wall = (page, t) => page.evaluate((t) => performance.timeOrigin + t, t);

/** Where `locator` is on screen, to press it later with `pressAt`. */
const placeOf = (locator) => locator.boundingBox();

/** Presses the screen at `box` (from `placeOf`, taken beforehand): no Playwright wait for a
 * steady page, no look at the page first (either waits for its main thread, so a busy page would
 * delay the press itself; a real press is stamped when it is made and waits in the queue). */
const pressAt = (page, box) => page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);

/** A viewport tall enough that the header's Lock and the settings' restore form are both on screen. */
const TALL = { width: 1000, height: 5000 };

async function importFile(app, file) {
  await app.openImport();
  await app.tid('import-file').setInputFiles(file);
}

test('a list of 95,000 links (under 8 MiB) is refused at once by its count, saying the cap and to split the file', async () => {
  const file = linkList(95_000, 'links-95000.txt');
  const size = fs.statSync(file).size;
  assert.ok(size < 8 * 1024 * 1024, `the file is inside the size limit (${size} bytes)`);
  const b = await probed({ locale: 'ja-JP' });
  try {
    const { app, page } = b;
    await app.open();
    await importFile(app, file);
    await watch(page, 'refused', '[data-testid=transfer-message]', /95,000/);
    const blocked = await longestTask(b, async () => {
      await app.tid('import-read').click();
      await app.tid('transfer-message').getByText(/95,000/).waitFor({ timeout: 60000 });
    });
    const message = (await app.tid('transfer-message').textContent()).trim();
    const took = Math.round((await seen(page, 'refused')) - (await clicked(page, 'import-read')));
    console.log(`95,000 links (${(size / 1048576).toFixed(1)} MiB): refused ${took} ms after Read; longest main-thread task ${said(blocked)} (target < 100)`);
    assert.match(message, /^このファイルにはアカウントが95,000件あります。一度に取り込めるのは5,000件までです。/);
    assert.match(message, /分けて/, 'it says what to do');
    assert.ok(took < 2000, `refused within 2 s (${took} ms)`);
    assert.ok(blocked.cpu < CPU_BOUND_MS, `no main-thread task over ${CPU_BOUND_MS} ms: ${said(blocked)}`);
    assert.equal(await app.tid('import-preview').count(), 0, 'nothing to confirm');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('a file of 5,000 accounts: preview and add without a long main-thread task; all 5,000 arrive', async () => {
  const file = linkList(5_000, 'links-5000.txt');
  const b = await probed();
  try {
    const { app, page } = b;
    await app.open();
    await importFile(app, file);
    await watch(page, 'preview', '[data-testid=import-preview]', /5,?000 accounts/);
    const read = await longestTask(b, async () => {
      await app.tid('import-read').click();
      await app.tid('import-preview').waitFor({ timeout: 60000 });
    });
    const previewRows = await app.tid('preview-account').count();
    console.log(`5,000 accounts: preview ${Math.round((await seen(page, 'preview')) - (await clicked(page, 'import-read')))} ms after Read, ${previewRows} rows rendered; longest main-thread task while reading and previewing: ${said(read)} (target < 100)`);
    assert.match(await app.tid('import-preview').locator('p').first().textContent(), /From otpauth:\/\/: 5000 accounts/);
    assert.ok(read.cpu < CPU_BOUND_MS, `preview: no task over ${CPU_BOUND_MS} ms: ${said(read)}`);
    assert.ok(previewRows <= 100, `the preview renders its first rows only (${previewRows})`);

    await watch(page, 'added', '[data-testid=import-done]', /Added 5000 accounts/);
    const add = await longestTask(b, async () => {
      await app.tid('import-confirm').click();
      await app.tid('import-done').getByText(/Added 5000 accounts/).waitFor({ timeout: 60000 });
    });
    console.log(`5,000 accounts: added ${Math.round((await seen(page, 'added')) - (await clicked(page, 'import-confirm')))} ms after Add; longest main-thread task while adding: ${said(add)} (target < 100)`);
    assert.ok(add.cpu < CPU_BOUND_MS, `add: no task over ${CPU_BOUND_MS} ms: ${said(add)}`);
    await app.tid('close-transfer').click();

    // All 5,000 are stored: after a lock and an unlock the list says so, and renders a screenful.
    await app.lockAndUnlock();
    await app.tid('show-more').getByText('of 5000 accounts').waitFor();
    assert.ok(await app.rows().count() <= 36, 'a screenful of rows, more as the user scrolls');

    // The vault is full: one more account is refused with the cap and what to do, before anything is taken.
    await app.pasteUri(`otpauth://totp/One%20more:me?secret=${base32(crypto.randomBytes(20))}&issuer=One%20more`);
    await app.tid('submit-add').click();
    assert.match(await app.tid('add-error').textContent(), /holds 5,000 accounts, the most it can keep \(5,000\)\. Nothing was added\. Delete accounts you no longer use/);
    await app.tid('cancel-add').click();
    await importFile(app, linkList(3, 'links-3.txt'));
    await app.tid('import-read').click();
    assert.match(await app.tid('preview-full').textContent(), /the most it can keep \(5,000\)/);
    await app.tid('import-confirm').click();
    await app.tid('transfer-message').getByText(/the most it can keep/).waitFor();
    await app.tid('close-transfer').click();
    await app.tid('show-more').getByText('of 5000 accounts').waitFor();
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('a backup of 40,000 accounts is refused (fresh restore and merge) with the cap, quickly; Lock answers while it is opened', async () => {
  const file = backupOf(40_000);
  const fresh = await probed();
  try {
    const { app, page } = fresh;
    await page.goto(server.url);
    await app.tid('create-screen').waitFor();
    await app.tid('restore-file').setInputFiles(file);
    await app.tid('restore-pass').fill(PASSPHRASE);
    await watch(page, 'refused', '[data-testid=restore-error]', /40,000/);
    const blocked = await longestTask(fresh, async () => {
      await app.tid('restore-open').click();
      await app.tid('restore-error').getByText(/40,000 accounts; this app keeps at most 5,000/).waitFor({ timeout: 60000 });
    });
    const took = (await seen(page, 'refused')) - (await clicked(page, 'restore-open'));
    console.log(`40,000-account backup (${(fs.statSync(file).size / 1048576).toFixed(1)} MiB), fresh restore: refused ${Math.round(took)} ms after Open; longest main-thread task ${said(blocked)}`);
    assert.match(await app.tid('restore-error').textContent(), /Nothing was restored/);
    assert.equal(await app.tid('accounts').count(), 0);
    assert.deepEqual(fresh.errors, []);
  } finally { await fresh.close(); }

  const b = await probed({ viewport: TALL });
  try {
    const { app, page } = b;
    await app.open();
    await app.addByUri(`otpauth://totp/Before:me?secret=${base32(crypto.randomBytes(20))}&issuer=Before`);
    await app.openSettings();
    const form = app.tid('settings');
    await form.getByTestId('restore-file').setInputFiles(file);
    await form.getByTestId('restore-pass').fill(PASSPHRASE);
    await watch(page, 'refused', '[data-testid=settings] [data-testid=restore-error]', /40,000/);
    await form.getByTestId('restore-open').click();
    await form.getByTestId('restore-error').getByText(/40,000 accounts; this app keeps at most 5,000/).waitFor({ timeout: 60000 });
    const took = (await seen(page, 'refused')) - (await clicked(page, 'restore-open'));
    console.log(`40,000-account backup, merge into an open vault: refused ${Math.round(took)} ms after Open`);
    assert.equal(await form.getByTestId('restore-merge').count(), 0, 'no merge is offered');

    // Open again and press Lock while the backup is being opened.
    await form.getByTestId('restore-file').setInputFiles(file);
    await form.getByTestId('restore-pass').fill(PASSPHRASE);
    await watch(page, 'locked', '[data-testid=unlock-screen]');
    const lock = await placeOf(app.tid('lock'));
    await form.getByTestId('restore-open').click();
    await new Promise((r) => setTimeout(r, 30)); // the key is derived in the worker, then the file is decrypted and read
    await pressAt(page, lock);
    await app.tid('unlock-screen').waitFor({ timeout: 60000 });
    const lockMs = Math.round((await seen(page, 'locked')) - (await clicked(page, 'lock')));
    console.log(`Lock pressed while the 40,000-account backup is opened: lock screen after ${lockMs} ms`);
    assert.ok(lockMs < LOCK_BOUND_MS, `the lock screen within ${LOCK_BOUND_MS} ms (${lockMs} ms)`);
    await app.unlock();
    await app.expectRows(1, 'nothing was restored');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('after merging a backup of 2,000 accounts the list renders a screenful, as after an unlock', async () => {
  const file = backupOf(2_000);
  const b = await probed();
  try {
    const { app, page } = b;
    await app.open();
    await app.addByUri(`otpauth://totp/Before:me?secret=${base32(crypto.randomBytes(20))}&issuer=Before`);
    await app.openSettings();
    const form = app.tid('settings');
    await form.getByTestId('restore-file').setInputFiles(file);
    await form.getByTestId('restore-pass').fill(PASSPHRASE);
    await form.getByTestId('restore-open').click();
    // The merge button sits below the list: the page is scrolled there, past the list's end.
    await form.getByTestId('restore-merge').scrollIntoViewIfNeeded({ timeout: 60000 });
    const blocked = await longestTask(b, async () => {
      await form.getByTestId('restore-merge').click();
      await app.tid('show-more').getByText('of 2001 accounts').waitFor({ timeout: 60000 });
    });
    await new Promise((r) => setTimeout(r, 3000)); // rows that render by themselves would show by now
    const rows = await app.rows().count();
    console.log(`merge of 2,000 accounts: longest main-thread task ${said(blocked)}; rows on the page 3 s later: ${rows}`);
    assert.ok(rows <= 36, `a screenful of rows after the merge, not ${rows}`);
    assert.ok(blocked.cpu < CPU_BOUND_MS, `merge: no task over ${CPU_BOUND_MS} ms: ${said(blocked)}`);
    // Scrolling to the list's end brings more, as after an unlock.
    await app.tid('show-more').scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 400);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=account-row]').length > 12);
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('Lock pressed right after Merge of a backup of 4,500 accounts shows the lock screen at once', async () => {
  const file = backupOf(4_500);
  const b = await probed({ viewport: TALL });
  try {
    const { app, page } = b;
    await app.open();
    await app.addByUri(`otpauth://totp/Before:me?secret=${base32(crypto.randomBytes(20))}&issuer=Before`);
    await app.openSettings();
    const form = app.tid('settings');
    await form.getByTestId('restore-file').setInputFiles(file);
    await form.getByTestId('restore-pass').fill(PASSPHRASE);
    await form.getByTestId('restore-open').click();
    await form.getByTestId('restore-merge').waitFor({ timeout: 60000 });
    await watch(page, 'locked', '[data-testid=unlock-screen]');
    const lock = await placeOf(app.tid('lock'));
    await form.getByTestId('restore-merge').click();
    await pressAt(page, lock);
    await app.tid('unlock-screen').waitFor({ timeout: 60000 });
    const lockMs = Math.round((await seen(page, 'locked')) - (await clicked(page, 'lock')));
    console.log(`Lock pressed right after Merge (4,500 accounts): lock screen after ${lockMs} ms`);
    assert.ok(lockMs < LOCK_BOUND_MS, `the lock screen within ${LOCK_BOUND_MS} ms (${lockMs} ms)`);
    // The merge was taken while the vault was open: it is stored, and the list is lazy after the unlock.
    await app.unlock();
    await app.tid('show-more').getByText('of 4501 accounts').waitFor({ timeout: 30000 });
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('Lock pressed in another tab while a large file is read, then while it is added: this tab locks at once; nothing is said to be added after', async () => {
  const file = linkList(5_000, 'links-5000-lock.txt');
  const big = linkList(95_000, 'links-95000-lock.txt');
  const b = await probed();
  try {
    const { app, page, context } = b;
    await app.open();
    const other = await context.newPage();
    await other.goto(server.url);
    await other.getByTestId('unlock-pass').fill(PASSPHRASE);
    await other.getByTestId('unlock').click();
    await other.getByTestId('lock').waitFor();
    const lockIn = async () => {
      await pressAt(other, await placeOf(other.getByTestId('lock')));
      return wall(other, await clicked(other, 'lock'));
    };

    // While a list of 95,000 links is read (refused by its count here; read whole before).
    await importFile(app, big);
    await watch(page, 'locked0', '[data-testid=unlock-screen]');
    await app.tid('import-read').click();
    await new Promise((r) => setTimeout(r, 50));
    const pressed0 = await lockIn();
    await app.tid('unlock-screen').waitFor({ timeout: 120000 });
    const huge = Math.round((await wall(page, await seen(page, 'locked0'))) - pressed0);
    console.log(`Lock pressed in another tab while 95,000 links are read: this tab's lock screen after ${huge} ms`);
    assert.ok(huge < LOCK_BOUND_MS, `locked within ${LOCK_BOUND_MS} ms (${huge} ms)`);
    await app.unlock();
    await other.getByTestId('unlock-pass').fill(PASSPHRASE);
    await other.getByTestId('unlock').click();
    await other.getByTestId('lock').waitFor();

    // While a file of 5,000 is read.
    await importFile(app, file);
    await watch(page, 'locked', '[data-testid=unlock-screen]');
    await app.tid('import-read').click();
    await new Promise((r) => setTimeout(r, 50));
    const pressed = await lockIn();
    await app.tid('unlock-screen').waitFor({ timeout: 60000 });
    const reading = Math.round((await wall(page, await seen(page, 'locked'))) - pressed);
    console.log(`Lock pressed in another tab while 5,000 accounts are read: this tab's lock screen after ${reading} ms`);
    assert.ok(reading < LOCK_BOUND_MS, `locked within ${LOCK_BOUND_MS} ms (${reading} ms)`);
    await app.unlock();
    await app.expectRows(0, 'nothing was imported');
    assert.equal(await app.tid('transfer-dialog').isVisible(), false, 'the import dialog closed with the lock');

    // While it is added: the save taken before the lock may finish, but nothing says so after it.
    await other.getByTestId('unlock-pass').fill(PASSPHRASE);
    await other.getByTestId('unlock').click();
    await other.getByTestId('lock').waitFor();
    await importFile(app, file);
    await app.tid('import-read').click();
    await app.tid('import-confirm').waitFor({ timeout: 60000 });
    await page.evaluate(() => {
      window.__said = [];
      const status = document.querySelector('[data-testid=status]');
      new MutationObserver(() => window.__said.push({ at: performance.now(), text: status.textContent })).observe(status, { childList: true, characterData: true, subtree: true });
    });
    await watch(page, 'locked2', '[data-testid=unlock-screen]');
    await app.tid('import-confirm').click();
    const pressed2 = await lockIn();
    await app.tid('unlock-screen').waitFor({ timeout: 60000 });
    const lockedAt = await seen(page, 'locked2');
    const adding = Math.round((await wall(page, lockedAt)) - pressed2);
    console.log(`Lock pressed in another tab while 5,000 accounts are added: this tab's lock screen after ${adding} ms`);
    assert.ok(adding < LOCK_BOUND_MS, `locked within ${LOCK_BOUND_MS} ms (${adding} ms)`);
    await new Promise((r) => setTimeout(r, 2000)); // a save still under way ends meanwhile
    const saidAfter = await page.evaluate((t) => window.__said.filter((s) => s.at > t && /Added/.test(s.text)), lockedAt);
    assert.deepEqual(saidAfter, [], 'nothing is said to be added after the lock');
    assert.equal(await app.tid('import-done').count(), 0);
    await app.unlock();
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});
