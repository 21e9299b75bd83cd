// Issue 24 as a person meets it on a phone (390×844, Japanese, touch): one notice at a time after
// the first add, the clock in one line (nothing before a check answered; this device's steps
// only), a card only when the codes may be wrong, and the lost-phone drill in 4 taps.
// Screenshots of each state go to tests/e2e/artifacts/calm-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, ROOT } from './lib/server.mjs';
import { launch, ARTIFACTS } from './lib/browser.mjs';
import { AppPage, PASSPHRASE } from './lib/app.mjs';

const INSTAGRAM = 'otpauth://totp/Instagram:hanako_tanaka?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Instagram';
const IPHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const PHONE = { width: 390, height: 844 };

/** The notices on screen (each notice carries data-notice), as their names. */
const noticesShown = (page) => page.evaluate(() => [...document.querySelectorAll('[data-notice]')]
  .filter((e) => e.checkVisibility() && e.getBoundingClientRect().height > 0).map((e) => e.dataset.notice));

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `calm-${name}.png`) });

/** Waits until the clock check has answered (the panel carries the measured offset). */
const clockAnswered = (page) => page.waitForFunction(() => document.querySelector('[data-testid=clock-panel]')?.dataset.offsetMs !== undefined, null, { timeout: 15000 });

for (const [locale, width] of [['ja-JP', 390], ['ja-JP', 320], ['en-US', 390]]) {
  const lang = locale.slice(0, 2);
  test(`after the first add (${lang}, ${width} px): exactly one notice at a time, each in its turn`, async () => {
    const server = await startServer();
    const b = await launch({ locale, viewport: { width, height: 844 }, touch: true });
    try {
      const { page } = b;
      const app = new AppPage(page, server.url);
      await app.open();
      await app.submitUri(INSTAGRAM);
      await app.tid('after-add').waitFor();
      await clockAnswered(page);
      // The first: the question the add raised (paste Instagram's backup codes?), alone.
      assert.deepEqual(await noticesShown(page), ['after-add']);
      await shot(page, `first-add-${lang}-${width}`);
      await app.tid('after-add-later').click();
      // Then the backup file, alone (the storage note waits its turn).
      await app.tid('backup-banner').waitFor();
      assert.deepEqual(await noticesShown(page), ['no-backup-file']);
      await shot(page, `no-backup-file-${lang}-${width}`);
      await app.tid('backup-later').click();
      await app.tid('backup-banner').waitFor({ state: 'detached' });
      // Then, if this browser may delete the data, the storage note; else its answer; one.
      const next = await noticesShown(page);
      assert.ok(next.length <= 1, `one at a time: ${next.join(', ')}`);
      if (next.length) assert.ok(['storage-may-be-evicted', 'storage-answer'].includes(next[0]), next[0]);
      // The clock said one calm line, not a card (the check answered: the reference agrees).
      const clock = await app.tid('clock-details').boundingBox();
      assert.ok(clock && clock.height <= 48, `the clock is one line: ${clock && clock.height} px`);
      assert.match(await app.tid('clock-verdict').textContent(), lang === 'ja' ? /^時計は正確です$/ : /^Clock is right$/);
      // Dismissed stays dismissed: after a reload the backup banner does not come back today.
      await page.reload();
      await app.unlock();
      await app.tid('accounts').waitFor();
      assert.equal(await app.tid('backup-banner').count(), 0, 'the banner was put off for today');
      assert.ok((await noticesShown(page)).length <= 1);
      assert.deepEqual(b.errors, []);
    } finally {
      await b.close();
      await server.close();
    }
  });
}

test('a clock 2 minutes fast on an iPhone (ja, 390): nothing until the check answers, then one line; a tap opens the iPhone steps only', async () => {
  const server = await startServer({ clockOffsetMs: -120_000 });
  const b = await launch({ locale: 'ja-JP', viewport: PHONE, touch: true });
  try {
    const { page, context } = b;
    await context.setExtraHTTPHeaders({});
    await page.addInitScript((ua) => Object.defineProperty(navigator, 'userAgent', { get: () => ua }), IPHONE_UA);
    // The check is held back: until it answers, nothing about the clock is on screen.
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route(/[?&]time-sync=/, async (route) => { await held; await route.continue(); });
    const app = new AppPage(page, server.url);
    await page.goto(server.url);
    await app.tid('create-screen').waitFor();
    await page.waitForTimeout(1500);
    assert.equal(await app.tid('clock-panel').isVisible(), false, 'nothing about the clock before the check answered');
    assert.equal(await page.getByText('時計はまだ確認').count(), 0);
    release();
    await clockAnswered(page);
    await app.createVault();
    await app.addByUri(INSTAGRAM);
    const line = await app.tid('clock-details').boundingBox();
    assert.ok(line.height <= 48, `one line: ${line.height} px`);
    assert.match(await app.tid('clock-verdict').textContent(), /^時計が2分進んでいます（補正済み）$/);
    assert.equal(await page.locator('[data-notice=codes-may-be-wrong]').count(), 0, 'corrected codes are right: no card');
    assert.equal(await app.tid('clock-fix-step').first().isVisible(), false, 'the steps wait behind the line');
    await shot(page, 'clock-line-ja-390');
    await app.tid('clock-details').click();
    const steps = await app.tid('clock-fix-step').allTextContents();
    assert.equal(steps.length, 1, steps.join(' | '));
    assert.match(steps[0], /^iPhone 設定 → 一般 → 日付と時刻 → 「自動設定」をオン/);
    assert.match(await app.tid('clock-summary').textContent(), /時計が2分進んでいます/);
    await shot(page, 'clock-line-open-ja-390');
    // The same one line on the lock screen.
    await app.tid('lock').click();
    await app.tid('unlock-screen').waitFor();
    const locked = await app.tid('clock-details').boundingBox();
    assert.ok(locked.height <= 48, `one line on the lock screen: ${locked.height} px`);
    await shot(page, 'clock-line-locked-ja-390');
    // Codes from the wrong clock (correction turned off): now they may be wrong, and that card
    // is the one notice, above everything else.
    await app.unlock();
    await app.tid('accounts').waitFor();
    if (!(await app.tid('clock-chip').evaluate((d) => d.open))) await app.tid('clock-details').click();
    await app.tid('clock-correct').uncheck();
    await page.locator('[data-notice=codes-may-be-wrong]').waitFor();
    assert.deepEqual(await noticesShown(page), ['codes-may-be-wrong']);
    await app.tid('clock-correct-now').waitFor();
    await shot(page, 'clock-card-ja-390');
    await app.tid('clock-correct-now').click();
    await page.locator('[data-notice=codes-may-be-wrong]').waitFor({ state: 'detached' });
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
    await server.close();
  }
});

test('the lost-phone drill in 4 taps (ja, 390, touch): restore file → passphrase and Go → Instagram\'s codes → copy and mark', async () => {
  const server = await startServer();
  const b = await launch({ locale: 'ja-JP', viewport: PHONE, touch: true });
  const taps = [];
  const tap = async (what, action) => { taps.push(what); await action(); };
  try {
    const { page, context } = b;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const app = new AppPage(page, server.url);
    await page.goto(server.url);
    await app.tid('create-screen').waitFor();
    await tap('復元: ファイルを選ぶ', () => app.tid('restore-file').setInputFiles(path.join(ROOT, 'tests/fixtures/drill-backup.2favault')));
    // The passphrase field has the focus once the file is chosen: typing needs no tap.
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'restore-pass', null, { timeout: 5000 });
    await page.keyboard.type(PASSPHRASE);
    await tap('キーボードの「開く」', () => page.keyboard.press('Enter'));
    await app.tid('accounts').waitFor({ timeout: 15000 });
    assert.deepEqual(await noticesShown(page), ['restored'], 'the restore summary is the one notice');
    await shot(page, 'drill-restored-ja-390');
    const instagram = app.tid('restored-codes').filter({ hasText: 'Instagram' });
    await tap('Instagram のバックアップコード', () => instagram.click());
    assert.equal((await app.tid('next-code-value').textContent()).trim(), '6293 0485', 'the first unused code');
    await tap('コピーして使用済みにする', () => app.tid('copy-mark-next').click());
    await app.tid('marked-note').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '62930485');
    await app.tid('backup-code').filter({ hasText: '6293 0485' }).locator('s').waitFor({ timeout: 5000 });
    assert.equal(await app.tid('backup-code').filter({ hasText: '6293 0485' }).locator('s').count(), 1, 'marked used');
    await shot(page, 'drill-copied-ja-390');
    console.log(`lost-phone drill: ${taps.length} taps: ${taps.join(' → ')}`);
    assert.ok(taps.length <= 4, `the drill took ${taps.length} taps`);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
    await server.close();
  }
});

test('Japanese names and dates are refused as a new passphrase (ja, 390): hanako0315, yamadahanako, やまだはなこ', async () => {
  const server = await startServer();
  const b = await launch({ locale: 'ja-JP', viewport: PHONE, touch: true });
  try {
    const { page } = b;
    const app = new AppPage(page, server.url);
    await page.goto(server.url);
    await app.tid('create-screen').waitFor();
    for (const [weak, why] of [['hanako0315', /単語1つだけでは/], ['yamadahanako', /推測されやすい/], ['suzuki.ichiro', /推測されやすい/], ['やまだはなこ', /./]]) {
      await app.tid('new-pass').fill(weak);
      const said = await app.strength();
      assert.match(said, /弱すぎて使えません|8文字以上/, `${weak}: ${said}`);
      assert.match(said, why, `${weak}: ${said}`);
      assert.doesNotMatch(said, /普通|強い/, `${weak}: ${said}`);
    }
    // Refused when submitted too: no vault is made.
    await app.tid('new-pass').fill('hanako0315');
    await app.tid('new-pass-confirm').fill('hanako0315');
    await app.tid('create-vault').click();
    await app.tid('create-error').waitFor();
    assert.equal(await app.tid('create-screen').isVisible(), true, 'no vault was made');
    // A long passphrase with a name among random words still passes.
    await app.tid('new-pass').fill('river hanako lamp orange');
    assert.doesNotMatch(await app.strength(), /弱すぎて使えません/);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
    await server.close();
  }
});
