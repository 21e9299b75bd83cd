// Focus lands where the next action is: after a lock (the passphrase field, or the passkey button
// when the vault has one: passkey.test.mjs), after an unlock (the search), and after a dialog or
// the settings close, by Escape or by their own button, back on the control that opened them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { launch } from './lib/browser.mjs';
import { AppPage } from './lib/app.mjs';

const SEED = 'JBSWY3DPEHPK3PXP';
const link = (issuer) => `otpauth://totp/${encodeURIComponent(issuer)}:hanako?secret=${SEED}&issuer=${encodeURIComponent(issuer)}`;
const PHONE = { width: 390, height: 844 };

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

/** The focused element's data-testid (or its tag when it has none). */
const focused = (page) => page.evaluate(() => document.activeElement?.dataset?.testid ?? document.activeElement?.tagName);
/** Waits until the element with data-testid `id` has the focus, then asserts it. */
async function expectFocus(page, id, where) {
  await page.waitForFunction((id) => document.activeElement?.dataset?.testid === id, id, { timeout: 5000 }).catch(() => {});
  assert.equal(await focused(page), id, where);
}

test('after lock the passphrase field has the focus; after unlock the search', async () => {
  const b = await launch({ viewport: PHONE, locale: 'ja-JP' });
  try {
    const { page } = b;
    const app = new AppPage(page, server.url);
    await app.open();
    await app.addByUri(link('Focus Bank'));
    await app.tid('lock').click();
    await app.tid('unlock-screen').waitFor();
    await expectFocus(page, 'unlock-pass', 'after ロック');
    // Typing right away unlocks: no tap on the field first.
    await page.keyboard.type('correct horse battery staple');
    await page.keyboard.press('Enter');
    await app.tid('add-button').waitFor({ timeout: 15000 });
    await expectFocus(page, 'search', 'after unlock');
    // Auto-lock and other tabs lock the same way; after a reload the field has it too.
    await page.reload();
    await app.tid('unlock-screen').waitFor();
    await expectFocus(page, 'unlock-pass', 'after a reload');
    // A refused passphrase: the field again, to type it anew.
    await app.tid('unlock-pass').fill('not the passphrase at all');
    await app.tid('unlock').click();
    await app.tid('problem').waitFor({ timeout: 15000 });
    await expectFocus(page, 'unlock-pass', 'after a refused passphrase');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('Escape or Close on a dialog, and Escape in the settings, give the focus back to what opened them', async () => {
  const b = await launch({ viewport: PHONE, locale: 'ja-JP' });
  try {
    const { page } = b;
    const app = new AppPage(page, server.url);
    await app.open();
    await app.addByUri(link('Focus Bank'));
    const opener = app.row('Focus Bank').getByTestId('backup-button');

    // Backup codes: Escape, then the Close button.
    await opener.click();
    await app.tid('backup-dialog').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await app.tid('backup-dialog').waitFor({ state: 'hidden' });
    await expectFocus(page, 'backup-button', 'Escape from the backup-codes dialog');
    assert.equal(await opener.evaluate((el) => el === document.activeElement), true, 'the row that opened it');
    await opener.click();
    await app.tid('backup-dialog').waitFor({ state: 'visible' });
    await app.tid('close-backup').click();
    await app.tid('backup-dialog').waitFor({ state: 'hidden' });
    await expectFocus(page, 'backup-button', 'Close on the backup-codes dialog');

    // The add dialog: Escape, then Cancel.
    await app.tid('add-button').click();
    await app.tid('add-dialog').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await app.tid('add-dialog').waitFor({ state: 'hidden' });
    await expectFocus(page, 'add-button', 'Escape from the add dialog');
    await app.tid('add-button').click();
    await app.tid('add-dialog').waitFor({ state: 'visible' });
    await app.tid('cancel-add').click();
    await app.tid('add-dialog').waitFor({ state: 'hidden' });
    await expectFocus(page, 'add-button', 'Cancel on the add dialog');

    // The settings: Escape from inside folds them, the focus on their heading.
    await app.openSettings();
    await app.tid('tap-to-reveal').focus();
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-testid=settings]').open);
    await expectFocus(page, 'settings-summary', 'Escape in the settings');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('on a touch screen too: the backup-codes dialog opened by a tap gives the focus back to its button', async () => {
  const b = await launch({ viewport: PHONE, locale: 'ja-JP', touch: true });
  try {
    const { page } = b;
    const app = new AppPage(page, server.url);
    await app.open();
    assert.equal(await app.tid('passkey-offer').count(), 0, 'no passkey offer without a platform authenticator');
    await app.addByUri(link('Focus Bank'));
    await app.row('Focus Bank').getByTestId('backup-button').tap();
    await app.tid('backup-dialog').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await app.tid('backup-dialog').waitFor({ state: 'hidden' });
    await expectFocus(page, 'backup-button', 'Escape after a tap');
    await app.tid('lock').tap();
    await app.tid('unlock-screen').waitFor();
    await expectFocus(page, 'unlock-pass', 'after ロック on a touch screen');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
