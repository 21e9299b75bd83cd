// Accessibility with axe-core at phone size (390×844), in Japanese and English: the create and
// unlock screens, the list with accounts, the add dialog, the settings, the clock panel (with a
// clock two minutes fast, its details open) and the backup-codes dialog. No "serious" or
// "critical" finding is allowed. Also: a touch screen gets no keyboard hints, a desktop keeps them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startServer } from './lib/server.mjs';
import { launch, ARTIFACTS } from './lib/browser.mjs';
import { AppPage } from './lib/app.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const link = (issuer, name) => `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(name)}?secret=${SEED}&issuer=${encodeURIComponent(issuer)}`;
const PHONE = { width: 390, height: 844 };

/** Runs axe on the page as it is now; fails on any serious or critical finding. */
async function axeCheck(page, where) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(' | ')}`), [], `axe findings on ${where}`);
}

for (const locale of ['ja-JP', 'en-US']) {
  const lang = locale.slice(0, 2);
  test(`accessibility (${lang}, 390×844): no serious or critical axe findings on the main screens`, async () => {
    const server = await startServer({ clockOffsetMs: -120_000 });
    const b = await launch({ locale, viewport: PHONE });
    try {
      const { page } = b;
      const app = new AppPage(page, server.url);
      await page.goto(server.url);
      await app.tid('create-screen').waitFor();
      await axeCheck(page, 'create screen');
      await app.createVault();
      await app.addByUri(link('Instagram', 'hanako'));
      await app.addByUri(link('GitHub', 'octocat'));
      await axeCheck(page, 'list with accounts');

      await app.openAddDialog();
      await axeCheck(page, 'add dialog');
      await app.tid('cancel-add').click();
      await app.tid('add-dialog').waitFor({ state: 'hidden' });

      await app.openSettings();
      await axeCheck(page, 'settings');

      // The clock panel with something to say (two minutes fast): its line, then opened.
      await app.tid('clock-details').waitFor({ timeout: 10000 });
      await axeCheck(page, 'clock line');
      await app.tid('clock-details').click();
      await app.tid('clock-summary').waitFor();
      await app.tid('clock-offset').waitFor();
      await axeCheck(page, 'clock panel');

      await app.row('Instagram').getByTestId('backup-button').click();
      // Each dialog is a part fetched on first use: check it once it is open.
      await app.tid('backup-dialog').waitFor({ state: 'visible' });
      await axeCheck(page, 'backup-codes dialog');
      await app.tid('close-backup').click();

      await page.reload();
      await app.tid('unlock-screen').waitFor();
      await axeCheck(page, 'unlock screen');
      assert.deepEqual(b.errors, []);
    } finally {
      await b.close();
      await server.close();
    }
  });
}

test('touch screens get no keyboard hints; a desktop keeps them', async () => {
  const server = await startServer();
  try {
    for (const [touch, locale, search] of [
      [true, 'ja-JP', '検索'],
      [true, 'en-US', 'Search'],
      [false, 'ja-JP', '検索（/ キー）'],
      [false, 'en-US', 'Search (press / )'],
    ]) {
      const b = await launch({ locale, viewport: PHONE, touch });
      try {
        const app = new AppPage(b.page, server.url);
        await app.open();
        await app.addByUri(link('GitHub', 'octocat')); // the search shows once there is an account
        assert.equal(await b.page.evaluate(() => matchMedia('(hover: none) and (pointer: coarse)').matches), touch, 'the emulated device');
        assert.equal(await app.tid('search').getAttribute('placeholder'), search, `${locale}, touch ${touch}`);
        // The add dialog reads screenshots by choosing or pasting; on a touch screen nothing in it
        // names a key, a shortcut or dropping.
        await app.openAddDialog();
        const said = await app.tid('add-dialog').innerText();
        if (touch) assert.ok(!/Ctrl|⌘|ドロップ|drop it|キー）|press \//.test(said), `${locale}: ${said}`);
        if (touch && locale === 'ja-JP') await b.page.screenshot({ path: path.join(ARTIFACTS, 'touch-hints-ja.png') });
        assert.deepEqual(b.errors, []);
      } finally {
        await b.close();
      }
    }
  } finally {
    await server.close();
  }
});
