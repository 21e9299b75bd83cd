// The app's WebAssembly is split (scripts/build-wasm.mjs): the first screen loads one module, and the
// add, backup-codes, scan/import, export and settings parts are fetched when first used. As a user
// meets it: the first screen does not wait for them; a part opens on first use; a part that cannot
// be fetched says so in the user's language, and "Try again" opens it once the network is back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import path from 'node:path';
import { PASSPHRASE, session } from './lib/app.mjs';
import { readRecord } from './lib/idb.mjs';
import { ARTIFACTS } from './lib/browser.mjs';

const LINK = 'otpauth://totp/Parts:kenji?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Parts';
// What the page itself fetched (the service worker's precaching is not in the page's timeline).
const fetched = (page) => page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));

test('the first screen loads only its own module; the add dialog is fetched on first use', async () => {
  const server = await startServer();
  const { app, page, errors, close } = await session(server);
  try {
    await app.open();
    const before = await fetched(page);
    assert.ok(before.some((p) => /^\/authenticator-[0-9a-f]+_bg\.wasm$/.test(p)), `main module: ${before}`);
    for (const part of ['add', 'codes', 'transfer', 'export', 'settings']) {
      assert.ok(!before.some((p) => p.startsWith(`/split_${part}_part-`)), `${part} not loaded yet: ${before}`);
    }
    await app.addByUri(LINK);
    assert.ok((await fetched(page)).some((p) => p.startsWith('/split_add_part-')));
    await app.row('Parts').getByTestId('code').waitFor();
    // Settings: loaded when the panel is first opened.
    await app.tid('settings').locator('summary').click();
    await app.tid('auto-lock').waitFor();
    assert.ok((await fetched(page)).some((p) => p.startsWith('/split_settings_part-')));
    assert.deepEqual(errors, []);
  } finally {
    await close();
    await server.close();
  }
});

test('a part that cannot be fetched: a message in Japanese, and "Try again" opens it once the network is back', async () => {
  const server = await startServer();
  server.refuse.test = /^\/split_add_part-/;
  const { app, page, errors, close } = await session(server, { locale: 'ja-JP' });
  try {
    await app.open();
    await app.tid('add-button').click();
    const alert = app.tid('load-failed');
    await alert.waitFor();
    assert.match(await alert.textContent(), /アプリのこの部分を読み込めませんでした。接続を確認してから/);
    assert.ok(await alert.isVisible() && await alert.evaluate((e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }), 'the message is in sight');
    await page.screenshot({ path: path.join(ARTIFACTS, 'part-load-failed-ja.png') });
    assert.equal(await app.tid('add-dialog').count(), 0, 'no half-built dialog');
    // The app itself goes on: the list and its controls still work.
    assert.ok(await app.tid('settings').locator('summary').isEnabled());

    server.refuse.test = null;
    await alert.getByRole('button', { name: 'もう一度試す' }).click();
    await app.tid('add-dialog').waitFor({ state: 'visible' });
    assert.equal(await app.tid('load-failed').count(), 0);
    await app.tid('uri-input').fill(LINK);
    await app.tid('submit-add').click();
    await app.row('Parts').getByTestId('code').waitFor();
    // The only errors are the refused fetch itself (the browser's and the split loader's report).
    const unexpected = errors.filter((e) => !/503|split_add_part|Failed to load resource|WebAssembly|Response/i.test(e));
    assert.deepEqual(unexpected, [], errors.join('\n'));
    assert.ok(errors.length >= 1, 'the refused fetch was reported');
  } finally {
    await close();
    await page.context().close().catch(() => {});
    await server.close();
  }
});

test('a part whose fetches fail outright (no connection): the message, and no unhandled rejection or error logged', async () => {
  // A fetch that fails as a network failure (not an HTTP error), as on a dropped connection or a
  // page being left while its parts are still being fetched (WebKit's "Load failed"): the split
  // loader's fetch of the part and of its shared chunks both reject. The app says so; nothing is
  // left unhandled and nothing is logged as an error (the loader notes it as a warning). No service
  // worker: once it took the page over, the page's requests would be its, which page.route does not see.
  const server = await startServer();
  const { app, page, errors, close } = await session(server, { serviceWorkers: 'block' });
  await page.addInitScript(() => {
    window.__unhandled = [];
    addEventListener('unhandledrejection', (e) => window.__unhandled.push(String(e.reason)));
  });
  const PARTS = /\/(split_[a-z_]+|chunk_\d+)-[0-9a-f]+\.wasm$/;
  await page.route(PARTS, (route) => route.abort('internetdisconnected'));
  try {
    await page.goto(server.url);
    await app.tid('create-screen').waitFor();
    await app.tid('new-pass').fill(PASSPHRASE);
    await app.tid('new-pass-confirm').fill(PASSPHRASE);
    await app.tid('create-vault').click();
    await app.tid('problem').waitFor();
    assert.match(await app.tid('problem').textContent(), /This part of the app could not be loaded/);
    assert.equal(await app.tid('add-button').count(), 0, 'no vault opened');
    // Time for every rejected fetch to be reported.
    await page.waitForTimeout(1500);
    assert.deepEqual(await page.evaluate(() => window.__unhandled), [], 'no unhandled rejection');
    const unexpected = errors.filter((e) => !/Failed to load resource: net::ERR_INTERNET_DISCONNECTED/.test(e));
    assert.deepEqual(unexpected, [], errors.join('\n'));
    // The network back: the same click makes the vault.
    await page.unroute(PARTS);
    await app.tid('create-vault').click();
    await app.tid('add-button').waitFor();
    assert.deepEqual(await page.evaluate(() => window.__unhandled), []);
  } finally {
    await close();
    await server.close();
  }
});

test('Cancel while the open vault\'s module is still being fetched: no vault is made, no unlock goes on', async () => {
  const server = await startServer();
  const { app, page, errors, close } = await session(server);
  // The module create and unlock run in, held back until released.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/\/split_vault_part-[0-9a-f]+\.wasm$/, async (route) => { await held; await route.continue(); });
  try {
    await page.goto(server.url);
    await app.tid('create-screen').waitFor();
    await app.tid('new-pass').fill('first typed passphrase here');
    await app.tid('new-pass-confirm').fill('first typed passphrase here');
    await app.tid('create-vault').click();
    await app.tid('kdf-cancel').click();
    release();
    await app.tid('create-screen').waitFor();
    // Time for the module to arrive and for anything wrongly left running to finish.
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /split_vault_part-/.test(e.name)));
    await page.waitForTimeout(1500);
    assert.equal(await app.tid('add-button').count(), 0, 'no vault opened');
    assert.equal(await readRecord(page), null, 'no vault stored');
    // The passphrase meant: made now, and it is the one that unlocks.
    await app.createVault(PASSPHRASE);
    await page.reload();
    await app.tid('unlock-screen').waitFor();
    await app.unlock('first typed passphrase here');
    await app.tid('problem').waitFor();
    assert.equal(await app.tid('add-button').count(), 0, 'the cancelled passphrase does not unlock');
    await app.unlock(PASSPHRASE);
    await app.tid('add-button').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await close();
    await server.close();
  }
});
