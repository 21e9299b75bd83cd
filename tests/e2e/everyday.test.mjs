// Everyday use with many accounts: search (full width, kana, / to focus, Enter to copy), tags and
// the tag filter, pin, reorder by keyboard, order by name and by recent use, tap-to-reveal, the
// theme switch, and an accessibility check of the main screens with axe-core (no serious or
// critical findings).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startServer } from './lib/server.mjs';
import { launch, ARTIFACTS } from './lib/browser.mjs';
import { AppPage, session as openSession } from './lib/app.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const T1 = 1111111109_000; // RFC 6238: SHA1 8-digit code 07081804
const link = (issuer, name, digits = 6) => `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(name)}?secret=${SEED}&issuer=${encodeURIComponent(issuer)}&digits=${digits}`;

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

const session = (opts) => openSession(server, opts);
const issuers = async (app) => (await app.tid('issuer').allTextContents()).map((s) => s.trim());

async function axeCheck(page, where) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), [], `axe findings on ${where}`);
}

test('search: width- and case-insensitive, kana, / focuses, Enter copies the first match', async () => {
  const b = await session({ time: T1 });
  try {
    const { app, page, context } = b;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
    await app.open();
    await app.addByUri(link('GitHub', 'octocat'));
    await app.addByUri(link('Google', 'hanako@example.jp', 8));
    await app.addByUri(link('グーグル', 'taro'));
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'search');
    await page.keyboard.type('ＧｏｏＧｌｅ');
    assert.deepEqual(await issuers(app), ['Google']);
    await page.keyboard.press('Enter');
    await page.getByText('Copied the code for Google').waitFor({ state: 'attached' });
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '07081804');
    await app.tid('search').fill('ぐーぐる');
    // The katakana issuer by its hiragana, and Google by its Japanese name (the catalogue).
    assert.deepEqual(await issuers(app), ['Google', 'グーグル']);
    await app.tid('search').fill('nothing like this');
    await app.tid('no-match').waitFor();
    await app.tid('search').press('Escape');
    assert.equal((await issuers(app)).length, 3);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('tags and the tag filter, pin, move by keyboard, order by name and by recent use', async () => {
  const b = await session({ time: T1 });
  try {
    const { app, page } = b;
    await app.open();
    for (const i of ['Charlie', 'Alpha', 'Bravo']) await app.addByUri(link(i, 'me'));
    assert.deepEqual(await issuers(app), ['Charlie', 'Alpha', 'Bravo']);

    // Edit: rename and tag.
    await app.rowAction('Alpha', 'edit');
    await app.tid('edit-tags').fill('work, 仕事');
    await app.tid('edit-issuer').fill('Alpha Corp');
    await app.tid('edit-save').click();
    await app.row('Alpha Corp').getByTestId('tags').waitFor();
    assert.match(await app.row('Alpha Corp').getByTestId('tags').textContent(), /work.*仕事/);
    await app.tid('tag-chip').filter({ hasText: '仕事' }).click();
    assert.deepEqual(await issuers(app), ['Alpha Corp']);
    await app.tid('tag-filter').getByText('All').click();

    // Reorder with the keyboard only: focus Bravo's menu button, Enter opens the menu, arrows
    // reach "move up", Enter moves; the focus stays there, so Enter again moves again.
    await app.row('Bravo').getByTestId('row-menu').focus();
    await page.keyboard.press('Enter');
    await app.row('Bravo').getByTestId('row-menu-list').waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.dataset.testid);
    for (let i = 0; i < 5 && (await focused()) !== 'move-up'; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'move-up');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=issuer]')].map((e) => e.textContent)[1] === 'Bravo');
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'move-up');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=issuer]')].map((e) => e.textContent)[0] === 'Bravo');
    assert.deepEqual(await issuers(app), ['Bravo', 'Charlie', 'Alpha Corp']);
    await page.keyboard.press('Escape');
    await app.tid('row-menu-list').waitFor({ state: 'detached' });

    // Drag: Alpha Corp dragged onto Bravo takes its place.
    await app.row('Alpha Corp').dragTo(app.row('Bravo'));
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=issuer]')].map((e) => e.textContent).join() === 'Alpha Corp,Bravo,Charlie');
    assert.deepEqual(await issuers(app), ['Alpha Corp', 'Bravo', 'Charlie']);
    await app.rowAction('Alpha Corp', 'move-down');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=issuer]')].map((e) => e.textContent).join() === 'Bravo,Alpha Corp,Charlie');

    // Pin: to the top, and it survives a reload.
    await app.rowAction('Alpha Corp', 'pin');
    await page.waitForFunction(() => document.querySelector('[data-testid=issuer]')?.textContent === 'Alpha Corp');
    assert.equal(await app.row('Alpha Corp').getByTestId('pinned').count(), 1, 'the row shows it is pinned');
    await page.reload();
    await app.unlock();
    assert.deepEqual(await issuers(app), ['Alpha Corp', 'Bravo', 'Charlie']);

    // By name (pinned still first); by recent use after copying Charlie.
    await app.tid('sort').selectOption('name');
    await app.openRowMenu('Bravo');
    await page.waitForFunction(() => document.querySelector('[data-testid=move-up]') === null);
    await page.keyboard.press('Escape');
    assert.deepEqual(await issuers(app), ['Alpha Corp', 'Bravo', 'Charlie']);
    await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
    await app.row('Charlie').getByTestId('copy').click();
    await app.tid('sort').selectOption('recent');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=issuer]')].map((e) => e.textContent).join() === 'Alpha Corp,Charlie,Bravo');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('privacy: tap-to-reveal hides until clicked and again when the code changes; hide when the window loses focus', async () => {
  const b = await launch();
  try {
    const { page } = b;
    const app = new AppPage(page, server.url);
    await page.clock.install({ time: T1 - 5_000 }); // 24 s into a period
    await app.open();
    await app.addByUri(link('Secretive', 'me', 8));
    await app.tid('settings').locator('summary').click();
    await app.tid('tap-to-reveal').check();
    await app.row('Secretive').getByTestId('reveal-code').waitFor();
    assert.equal(await app.row('Secretive').getByTestId('code').count(), 0, 'no digits on screen');
    // The page clock ran on while the vault was made (however long that took): reveal early in a
    // period, so the code is seen before its period ends by itself, then run past that end.
    const intoPeriod = () => page.evaluate(() => Date.now() % 30_000);
    await page.clock.runFor(30_000 - (await intoPeriod()) + 1_000); // 1 s into the next period
    await app.row('Secretive').getByTestId('reveal-code').click();
    await app.row('Secretive').getByTestId('code').waitFor();
    await page.clock.runFor(30_000 - (await intoPeriod()) + 1_000); // past that period's end
    await app.row('Secretive').getByTestId('reveal-code').waitFor();
    assert.equal(await app.row('Secretive').getByTestId('code').count(), 0, 'hidden again after the period');

    // Hide when the window is not in front: shown while focused, masked on blur, back on focus.
    await app.tid('tap-to-reveal').uncheck();
    await app.row('Secretive').getByTestId('code').waitFor(); // tap-to-reveal is off once saved
    // Nothing on screen shows this one: wait until it is saved (until then a blur hides nothing).
    await app.saved(() => app.tid('hide-on-blur').check());
    await page.evaluate(() => window.dispatchEvent(new Event('blur')));
    await app.row('Secretive').getByTestId('reveal-code').waitFor();
    assert.equal(await app.row('Secretive').getByTestId('code').count(), 0);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await app.row('Secretive').getByTestId('code').waitFor();
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('accessibility: no serious or critical axe findings on the main screens, both themes and languages', async () => {
  const b = await session({ time: T1, viewport: { width: 360, height: 780 } });
  try {
    const { app, page } = b;
    await page.goto(server.url);
    await app.tid('create-screen').waitFor();
    await axeCheck(page, 'create screen');
    await app.createVault();
    await app.addByUri(link('GitHub', 'octocat'));
    await app.rowAction('GitHub', 'edit');
    await app.tid('edit-tags').fill('work');
    await app.tid('edit-save').click();
    await app.tid('tag-filter').waitFor();
    await axeCheck(page, 'list (light, English)');
    await app.chooseTheme('dark');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await app.chooseLanguage('ja');
    await axeCheck(page, 'list (dark, Japanese)');
    await page.screenshot({ path: path.join(ARTIFACTS, 'list-dark-ja-360.png'), fullPage: true });
    await app.openAddDialog();
    await axeCheck(page, 'add dialog');
    await app.tid('cancel-add').click();
    await app.row('GitHub').getByTestId('backup-button').click();
    // Each dialog is a part fetched on first use: check it once it is open, not the page before.
    await app.tid('backup-dialog').waitFor({ state: 'visible' });
    await axeCheck(page, 'backup-codes dialog');
    await app.tid('close-backup').click();
    await app.openImport();
    await axeCheck(page, 'import dialog');
    await app.tid('close-transfer').click();
    await page.reload();
    await app.tid('unlock-screen').waitFor();
    // The theme chosen is applied at start, before the display menu (its own module) is opened.
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await axeCheck(page, 'unlock screen');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
