// Deploys never break an open tab (issue 21, item 4). Two builds of the app: A (dist/) and B (a
// second build whose every hashed name differs: lib/second-build.mjs). The host switches from A to
// B while a tab runs A, as a deploy does: nothing of A is on the server any more.
//  - The tab open on A keeps working on A: "+ 追加" (a part loaded on first use) opens, a worker
//    started after the deploy runs A's module, lock and unlock work; the page says a new version
//    is ready, and its button reloads it into B: page, workers and modules all B's. Offline after
//    that, B opens from the cache; once no tab uses A, A's cache is gone.
//  - The first load after a deploy, before the new service worker is installed: the page is B's,
//    and so are its key-derivation worker and the module it runs.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { startServer } from './lib/server.mjs';
import { session } from './lib/app.mjs';
import { ARTIFACTS } from './lib/browser.mjs';
import { secondBuild, describeBuild } from './lib/second-build.mjs';

const SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-deploy-'));
let A, B;

before(() => {
  A = describeBuild();
  B = describeBuild(secondBuild());
  // The test means something only if the deploy changes the names a tab of A asks for.
  for (const k of ['version', 'wasm', 'addPart', 'kdf', 'qr']) {
    assert.ok(A[k] && B[k], `${k} found in both builds: ${A[k]}, ${B[k]}`);
    assert.notEqual(A[k], B[k], `the second build's ${k} differs from dist/'s`);
  }
});

const poll = async (what, check, timeout = 15000) => {
  const end = Date.now() + timeout;
  for (;;) {
    const got = await check();
    if (got) return got;
    assert.ok(Date.now() < end, `${what} (not within ${timeout} ms)`);
    await new Promise((r) => setTimeout(r, 100)); // poll the condition
  }
};

/** What the page fetched, by path. */
const pageFiles = (page) => page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));

/** The module a worker of the page (`kdf` or `qr`) runs, by the wasm file it fetched. */
async function workerModule(page, kind) {
  return poll(`a ${kind} worker that has loaded its module`, async () => {
    for (const w of page.workers().filter((w) => w.url().includes(`/${kind}-worker`))) {
      const files = await w.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)).catch(() => []);
      const wasm = files.filter((f) => /_bg\.wasm$/.test(f));
      if (wasm.length) return wasm.join(' ');
    }
    return null;
  });
}

/** Waits until the browser has installed the service worker of the build now on the server
 * (its cache complete, nothing installing) and let it settle (take over, or wait). */
async function newWorkerInstalled(page, oldCache) {
  await poll('the new service worker is installed', () => page.evaluate(async (old) => {
    const r = await navigator.serviceWorker.getRegistration();
    if (!r || r.installing) return false;
    for (const k of await caches.keys()) {
      if (k !== old && await (await caches.open(k)).match('/index.html')) return true;
    }
    return false;
  }, oldCache));
  await new Promise((r) => setTimeout(r, 1000)); // a worker that takes over at once has done so
}

const cacheOf = (build) => `authenticator-shell-${build.version}`;

test('a tab open during a deploy keeps working on its build; "再読み込み" runs the new one, online and offline', async () => {
  const server = await startServer({ hook: true });
  const b = await session(server, { locale: 'ja-JP' });
  try {
    const { app, page, context } = b;
    const failed = []; // requests that got no answer, once offline
    await app.open();
    await app.waitForOfflineReady();
    assert.ok(await page.evaluate(async (k) => (await caches.keys()).includes(k), cacheOf(A)), 'build A is cached');
    assert.ok((await pageFiles(page)).includes(A.wasm));

    server.deploy(B.dir);
    // The browser looks for a new service worker (as it does on a navigation) and installs B's.
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await newWorkerInstalled(page, cacheOf(A));

    // "+ 追加": A's add part, fetched only now.
    await app.tid('add-button').click();
    await page.locator('[data-testid=add-dialog]:visible, [data-testid=load-failed]').first().waitFor();
    const loadFailed = app.tid('load-failed');
    assert.equal(await loadFailed.count(), 0, `the add dialog opens after the deploy, but the tab said: ${await loadFailed.textContent().catch(() => '')}`);
    assert.ok((await pageFiles(page)).includes(A.addPart), 'the add part is the tab\'s own build\'s');
    // A worker started after the deploy (QR from a picture) is this tab's build: A's module.
    const qr = path.join(tmp, 'deploy.png');
    await QRCode.toFile(qr, `otpauth://totp/Deploy:aiko?secret=${SEED}&issuer=Deploy`, { errorCorrectionLevel: 'M', margin: 4, scale: 6 });
    await app.tid('qr-image').setInputFiles(qr);
    await app.tid('add-preview').waitFor();
    assert.equal(await workerModule(page, 'qr'), A.qr, 'the QR worker runs the tab\'s own module');
    await app.tid('submit-add').click();
    await app.tid('after-add-later').click();
    await app.row('Deploy').getByTestId('code').waitFor();
    // Lock and unlock: the key is derived in the worker.
    const answers = await page.evaluate(() => window.__kdfAnswers);
    await app.lockAndUnlock();
    assert.ok(await page.evaluate(() => window.__kdfAnswers) > answers, 'the key-derivation worker answered');

    // The tab says a new version is ready, in Japanese, and reloads into it.
    const notice = app.tid('update-ready');
    await notice.waitFor();
    assert.match(await notice.textContent(), /新しいバージョンの準備ができました。.*再読み込み/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'update-ready-ja.png') });
    await Promise.all([page.waitForEvent('load'), app.tid('update-reload').click()]);
    await app.tid('unlock-screen').waitFor();
    const files = await pageFiles(page);
    assert.ok(files.includes(B.wasm) && !files.includes(A.wasm), `the reloaded page runs B's module: ${files}`);
    assert.equal(await workerModule(page, 'kdf'), B.kdf, 'its key-derivation worker runs B\'s module');
    await app.unlock();
    assert.ok(await page.evaluate(() => window.__kdfAnswers) >= 1, 'B\'s key-derivation worker answered');
    await app.row('Deploy').getByTestId('code').waitFor();
    await app.openAddDialog();
    assert.ok((await pageFiles(page)).includes(B.addPart), 'B\'s add part');
    assert.equal(await app.tid('update-ready').count(), 0, 'no notice: this tab runs the version that is ready');
    await app.tid('add-dialog').press('Escape');

    assert.deepEqual(b.errors, [], 'online, no error at all');
    assert.deepEqual(server.hookErrors, []);

    // Offline: B opens from the cache, parts and worker included.
    context.on('requestfailed', (r) => { const u = new URL(r.url()); failed.push(u.pathname + u.search); });
    await context.setOffline(true);
    server.offline();
    await page.reload();
    await app.tid('unlock-screen').waitFor();
    assert.ok((await pageFiles(page)).includes(B.wasm), 'offline, the page is B\'s');
    assert.equal(await workerModule(page, 'kdf'), B.kdf);
    await app.unlock();
    await app.openAddDialog();
    await app.tid('add-dialog').press('Escape');

    // Once no tab uses A's service worker any more (the browser notices a closed tab a moment
    // later; a tab opened before then is A's worker's again), B's takes over and A's cache goes.
    const next = await context.newPage();
    await page.close();
    await poll('only B\'s cache is left once the tab of A has closed', async () => {
      await next.goto('about:blank');
      await new Promise((r) => setTimeout(r, 1000)); // no tab of the app open for a moment
      await next.goto(server.url);
      await next.getByTestId('unlock-screen').waitFor();
      return next.evaluate(async (k) => {
        const keys = await caches.keys();
        return keys.length === 1 && keys[0] === k;
      }, cacheOf(B));
    }, 30000);
    assert.ok((await pageFiles(next)).includes(B.wasm), 'and the app is B');
    // Offline, only the network's own requests failed: the page's first try at the network, the
    // clock sync, and the test's error hook (which is not part of the app, so not cached).
    assert.deepEqual(failed.filter((u) => !/^\/(\?time-sync=\d+)?$|^\/__test-hook\.js$/.test(u)), [], 'offline, every file of the app came from the cache');
    assert.deepEqual(b.errors.filter((e) => !/^console: Failed to load resource: net::ERR_(FAILED|INTERNET_DISCONNECTED)$/.test(e)), [], b.errors.join('\n'));
  } finally {
    await b.close();
    await server.close();
  }
});

test('the first load after a deploy, before the new service worker is in: page, key-derivation worker and module all new', async () => {
  const server = await startServer({ hook: true });
  const b = await session(server);
  try {
    const { app, page } = b;
    await app.open();
    await app.waitForOfflineReady();
    server.deploy(B.dir);
    // The browser has not fetched B's service worker yet (it checks after a navigation; here it
    // cannot): A's still answers the reload.
    server.refuse.test = /^\/sw\.js$/;
    await page.reload();
    await app.tid('unlock-screen').waitFor();
    const files = await pageFiles(page);
    assert.ok(files.includes(B.wasm) && !files.includes(A.wasm), `the page is B's: ${files}`);
    assert.equal(await workerModule(page, 'kdf'), B.kdf, 'the key-derivation worker runs the page\'s module, not the one cached before the deploy');
    await app.unlock();
    assert.ok(await page.evaluate(() => window.__kdfAnswers) >= 1, 'the worker derived the key');
    await app.openAddDialog();
    assert.ok((await pageFiles(page)).includes(B.addPart), 'B\'s add part');
    const unexpected = b.errors.filter((e) => !/sw\.js|ServiceWorker|503/.test(e));
    assert.deepEqual(unexpected, [], b.errors.join('\n'));
  } finally {
    await b.close();
    await server.close();
  }
});
