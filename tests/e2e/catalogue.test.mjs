// Know the services (the catalogue), as a Japanese phone user meets it at 390×844: accounts found
// by what people call their service ("インスタ", "ぐーぐる", "らくてん"), each known service's logo
// drawn from the app's own icon file and the monogram for an issuer the catalogue does not know,
// every request on the app's own origin, the logos still there offline after one visit, and the
// backup dialog telling where the site shows its codes. Screenshots in Japanese and English, light
// and dark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startServer } from './lib/server.mjs';
import { ARTIFACTS } from './lib/browser.mjs';
import { session } from './lib/app.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const link = (issuer, name) => `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(name)}?secret=${SEED}&issuer=${encodeURIComponent(issuer)}`;
const ACCOUNTS = [['Instagram', 'hanako_photo'], ['Google', 'hanako@example.jp'], ['楽天', 'hanako'], ['Acme Widgets', 'hanako']];
const MORE = [['X', 'hanako_x'], ['Binance', 'hanako'], ['Microsoft', 'hanako@outlook.jp'], ['LINE', 'hanako']];
const PHONE = { width: 390, height: 844 };

/** Waits until the list shows exactly these issuers (the filter applies as the user types). */
async function expectIssuers(app, want, what) {
  await app.page.waitForFunction((want) => JSON.stringify([...document.querySelectorAll('[data-testid=account-row] [data-testid=issuer]')]
    .map((e) => e.textContent.trim())) === JSON.stringify(want), want, { timeout: 5000 }).catch(() => {});
  assert.deepEqual((await app.tid('issuer').allTextContents()).map((s) => s.trim()), want, what);
}

/** The four accounts, and the logos drawn for the three the catalogue knows. */
async function addAccounts(app) {
  for (const [issuer, name] of ACCOUNTS) await app.addByUri(link(issuer, name));
  for (const [issuer] of ACCOUNTS.slice(0, 3)) await app.row(issuer).locator('[data-testid=service-icon] svg path').waitFor();
}

/** Cuts the network both ways: browser offline, and the server itself gone. */
async function goOffline(context, own) {
  await context.setOffline(true);
  own.closed = true;
  await own.close();
}

test('ja 390×844: インスタ / ぐーぐる / らくてん find their accounts, logos and monogram, same origin only, offline', async () => {
  const own = await startServer();
  const b = await session(own, { locale: 'ja-JP', viewport: PHONE });
  const origin = new URL(own.url).origin;
  const requests = [];
  b.context.on('request', (r) => requests.push(r.url()));
  b.page.on('request', (r) => requests.push(r.url()));
  try {
    const { app, page, context } = b;
    await app.open();
    await addAccounts(app);

    // Logos: an SVG path in the service's row; the unknown issuer keeps its letter.
    const ig = app.row('Instagram').getByTestId('service-icon');
    assert.equal(await ig.getAttribute('data-service'), 'instagram');
    assert.equal(await ig.getAttribute('aria-hidden'), 'true', 'decorative: the issuer is written beside it');
    assert.ok((await ig.locator('svg path').getAttribute('d')).length > 100);
    assert.equal(await app.row('楽天').getByTestId('service-icon').getAttribute('data-service'), 'rakuten');
    const acme = app.row('Acme Widgets');
    assert.equal(await acme.getByTestId('service-icon').count(), 0);
    assert.equal((await acme.getByTestId('monogram').textContent()).trim(), 'A');
    assert.equal(await acme.getByTestId('monogram').getAttribute('data-service'), null, 'not a catalogue service');
    await page.screenshot({ path: path.join(ARTIFACTS, 'catalogue-ja-light.png'), fullPage: true });

    // Search by the names people use.
    await app.tid('search').fill('インスタ');
    await expectIssuers(app, ['Instagram'], 'インスタ');
    // Half-width katakana, as some keyboards and old habits type it.
    await app.tid('search').fill('ｲﾝｽﾀ');
    await expectIssuers(app, ['Instagram'], 'ｲﾝｽﾀ');
    await app.tid('search').fill('ぐーぐる');
    await expectIssuers(app, ['Google'], 'ぐーぐる');
    await app.tid('search').fill('らくてん');
    await expectIssuers(app, ['楽天'], 'らくてん');
    await page.screenshot({ path: path.join(ARTIFACTS, 'catalogue-ja-search.png') });
    await app.tid('search').fill('');
    await expectIssuers(app, ACCOUNTS.map(([i]) => i), 'an empty search shows every account');

    // Where Instagram shows its backup codes, from the catalogue; nothing for an unknown site.
    await app.row('Instagram').getByTestId('backup-button').click();
    await app.tid('backup-dialog').waitFor({ state: 'visible' });
    assert.match(await app.tid('codes-where').textContent(), /^Instagram のバックアップコードの場所（2024年時点）：プロフィール → .* → バックアップコード$/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'catalogue-ja-backup-where.png') });
    await app.tid('close-backup').click();
    await app.row('Acme Widgets').getByTestId('backup-button').click();
    await app.tid('backup-dialog').waitFor({ state: 'visible' });
    assert.equal(await app.tid('codes-where').count(), 0);
    await app.tid('close-backup').click();

    await page.evaluate(AXE);
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), [], 'axe on the list with logos');

    // Offline after one visit: the logos come from the service worker's copy.
    await app.waitForOfflineReady();
    await goOffline(context, own);
    await page.reload();
    await app.tid('unlock-screen').waitFor();
    await app.unlock();
    await app.row('Instagram').locator('[data-testid=service-icon] svg path').waitFor();
    assert.equal(await app.row('Acme Widgets').getByTestId('monogram').count(), 1);

    assert.ok(requests.some((u) => u.endsWith('/service-icons.json')), 'the icon file was fetched');
    const elsewhere = [...new Set(requests)].filter((u) => new URL(u).origin !== origin && !/^(data|blob):/.test(u));
    assert.deepEqual(elsewhere, [], 'every request stays on the app\'s origin');
    assert.deepEqual(b.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e)), []);
  } finally {
    await b.close();
    if (!own.closed) await own.close();
  }
});

for (const [locale, lang, colorScheme] of [['en-US', 'en', 'light'], ['ja-JP', 'ja', 'dark'], ['en-US', 'en', 'dark']]) {
  test(`${lang} ${colorScheme} 390×844: logos and monogram (screenshot)`, async () => {
    const own = await startServer();
    const b = await session(own, { locale, colorScheme, viewport: PHONE });
    try {
      const { app, page } = b;
      await app.open();
      await addAccounts(app);
      // More kinds of mark to look at: a black logo (X), a light brand colour (Binance: its chip is
      // the brand colour), a brand Simple Icons no longer carries (Microsoft: monogram in its colour).
      for (const [issuer, name] of MORE) await app.addByUri(link(issuer, name));
      for (const issuer of ['X', 'Binance']) await app.row(issuer).locator('[data-testid=service-icon] svg path').waitFor();
      assert.equal(await app.row('Acme Widgets').getByTestId('monogram').count(), 1);
      assert.equal(await app.row('Microsoft').getByTestId('monogram').getAttribute('data-service'), 'microsoft');
      await page.screenshot({ path: path.join(ARTIFACTS, `catalogue-${lang}-${colorScheme}.png`), fullPage: true });
      assert.deepEqual(b.errors, []);
    } finally {
      await b.close();
      await own.close();
    }
  });
}
