// A clock sync that failed for want of a network is tried again by itself: the `online` event can
// fire before the network works, and nobody should have to press "Sync now" for the codes to be
// corrected again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { launch } from './lib/browser.mjs';
import { AppPage } from './lib/app.mjs';

const syncs = (page) => page.evaluate(() => Number(document.querySelector('[data-testid=clock-panel]')?.dataset.syncs ?? 0));

test('a sync that found no network is retried by itself once the network is back', async () => {
  const server = await startServer({ clockOffsetMs: 90_000 });
  const b = await launch();
  try {
    const app = new AppPage(b.page, server.url);
    await app.open();
    await b.page.waitForFunction(() => Number(document.querySelector('[data-testid=clock-panel]')?.dataset.syncs) >= 1, null, { timeout: 15000 });
    // The browser says it is online, but the time requests still fail (no route yet).
    await b.page.route(/[?&]time-sync=/, (route) => route.abort('internetdisconnected'));
    await b.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await app.tid('clock-error').waitFor({ timeout: 15000 });
    const failedAt = await syncs(b.page);
    const sentBefore = server.requests.filter((r) => r.url.includes('time-sync=')).length;
    // The network comes back; nobody touches the page.
    await b.page.unroute(/[?&]time-sync=/);
    await b.page.waitForFunction((n) => Number(document.querySelector('[data-testid=clock-panel]').dataset.syncs) > n
      && !document.querySelector('[data-testid=clock-error]'), failedAt, { timeout: 40000 });
    const sentAfter = server.requests.filter((r) => r.url.includes('time-sync=')).length;
    assert.ok(sentAfter > sentBefore, 'the retry asked the server again');
    const offset = Number(await app.tid('clock-panel').getAttribute('data-offset-ms'));
    assert.ok(Math.abs(offset - 90_000) < 1000, `measured ${offset} ms after the retry, truly 90000 ms`);
    // The browser itself logs each aborted request; nothing else may have gone wrong.
    assert.deepEqual(b.errors.filter((e) => !e.includes('net::ERR_INTERNET_DISCONNECTED')), []);
  } finally {
    await b.close();
    await server.close();
  }
});
