// Unlock with a passkey, as a user does it, against Chromium's virtual authenticator (a platform
// authenticator with user verification and the PRF extension, driven over CDP): enrol in the
// settings, lock, unlock with one tap, see the codes; a failed fingerprint falls back to the
// passphrase without an error wall; remove the passkey and the passphrase still works; a backup
// exported meanwhile holds no passkey and opens with the passphrase in a fresh browser. Where the
// browser can make one, it is offered once after the vault is created; the lock screen leads with
// it (first, focused) and the settings say it is on.
// WebAuthn refuses an IP address as its relying party, so the page is opened as `localhost`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './lib/server.mjs';
import { launch, ARTIFACTS } from './lib/browser.mjs';
import { AppPage, PASSPHRASE } from './lib/app.mjs';
import { totp } from './lib/otp.mjs';

const SEED = 'JBSWY3DPEHPK3PXP';
const LINK = `otpauth://totp/Passkey%20Bank:hanako?secret=${SEED}&issuer=Passkey%20Bank`;
const PHONE = { width: 390, height: 844 };

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

const localhost = () => server.url.replace('127.0.0.1', 'localhost');

/** A platform authenticator with fingerprint (user verification) and PRF, for this page. */
async function virtualAuthenticator(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2', ctap2Version: 'ctap2_1', transport: 'internal',
      hasResidentKey: true, hasUserVerification: true, isUserVerified: true, hasPrf: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    verified: (ok) => cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: ok }),
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
  };
}

/** The code shown for an issuer, digits only. */
const shownCode = (app, issuer) => app.row(issuer).getByTestId('code').textContent().then((t) => t.replace(/\D/g, ''));

async function expectRightCode(app, page, issuer) {
  await app.row(issuer).getByTestId('code').waitFor();
  const now = await page.evaluate(() => Date.now());
  const shown = await shownCode(app, issuer);
  const around = [now - 1000, now, now + 1000].map((t) => totp(SEED, t).replace(/\D/g, ''));
  assert.ok(around.includes(shown), `${issuer}: ${shown} is not one of ${around.join(', ')}`);
}

test('enrol a passkey, lock, unlock with one tap; a failed fingerprint falls back to the passphrase; remove it and the passphrase still works', async () => {
  const b = await launch({ viewport: PHONE });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passkey-'));
  try {
    const { page } = b;
    const auth = await virtualAuthenticator(page);
    const app = new AppPage(page, localhost());
    await app.open();
    await app.addByUri(LINK);
    await expectRightCode(app, page, 'Passkey Bank');

    // Enrol in the settings.
    await app.openSettings();
    assert.equal(await app.tid('passkey-item').count(), 0);
    await app.tid('add-passkey').click();
    await app.tid('passkey-message').waitFor();
    assert.match(await app.tid('passkey-message').textContent(), /Passkey added/);
    await app.tid('passkey-item').waitFor();
    assert.match(await app.tid('passkey-item').textContent(), /This device/);
    assert.equal((await auth.credentials()).length, 1, 'one credential on the authenticator');
    await app.tid('export-passkey-note').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'passkey-settings-en-390.png'), fullPage: true });

    // A backup made now holds no passkey slot, and still opens with the passphrase elsewhere.
    const backup = path.join(dir, 'backup.2favault');
    await app.exportBackup(backup);

    // Lock: the unlock screen offers the passkey first; one tap opens the vault.
    await app.tid('lock').click();
    await app.tid('unlock-screen').waitFor();
    await app.tid('unlock-passkey').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'passkey-unlock-en-390.png'), fullPage: true });
    await app.tid('unlock-passkey').click();
    await app.tid('add-button').waitFor({ timeout: 15000 });
    await expectRightCode(app, page, 'Passkey Bank');

    // After a reload too (the passkey list is read from the stored record before unlocking).
    await page.reload();
    await app.tid('unlock-passkey').click();
    await app.tid('add-button').waitFor({ timeout: 15000 });
    await expectRightCode(app, page, 'Passkey Bank');

    // The fingerprint fails: a note, the passphrase field right there, no error wall.
    await app.tid('lock').click();
    await auth.verified(false);
    await app.chooseLanguage('ja');
    await app.tid('unlock-passkey').click();
    await app.tid('problem').waitFor({ timeout: 15000 });
    assert.match(await app.tid('problem').textContent(), /パスフレーズ/);
    assert.ok(await app.tid('unlock-pass').isVisible(), 'the passphrase is offered');
    await page.screenshot({ path: path.join(ARTIFACTS, 'passkey-failed-ja-390.png'), fullPage: true });
    await app.unlock();
    await app.tid('add-button').waitFor();
    await expectRightCode(app, page, 'Passkey Bank');
    await app.chooseLanguage('en');
    await auth.verified(true);

    // Remove it: the unlock screen no longer offers it; the passphrase opens.
    await app.openSettings();
    await app.tid('remove-passkey').click();
    await app.tid('passkey-none').waitFor();
    await app.tid('lock').click();
    await app.tid('unlock-screen').waitFor();
    assert.equal(await app.tid('unlock-passkey').count(), 0, 'no passkey offered once removed');
    await app.unlock();
    await expectRightCode(app, page, 'Passkey Bank');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }

  // The backup, in a fresh browser: the passphrase opens it; no passkey is offered or listed.
  const fresh = await launch({ viewport: PHONE });
  try {
    const app = new AppPage(fresh.page, localhost());
    await app.restoreFresh(path.join(dir, 'backup.2favault'));
    await expectRightCode(app, fresh.page, 'Passkey Bank');
    await app.openSettings();
    await app.tid('passkey-none').waitFor();
    assert.deepEqual(fresh.errors, []);
  } finally {
    await fresh.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('changing the passphrase keeps the passkey working (its slot is re-wrapped with the new master key)', async () => {
  const b = await launch({ viewport: PHONE });
  try {
    const { page } = b;
    await virtualAuthenticator(page);
    const app = new AppPage(page, localhost());
    await app.open();
    await app.addByUri(LINK);
    await app.openSettings();
    await app.tid('add-passkey').click();
    await app.tid('passkey-item').waitFor();
    await app.changePassphrase(PASSPHRASE, 'an entirely new long passphrase 42');
    await page.waitForFunction(() => /changed/i.test(document.querySelector('[data-testid=change-pass-message]')?.textContent ?? ''), null, { timeout: 30000 });
    await app.tid('passkey-item').waitFor();
    await app.tid('lock').click();
    await app.tid('unlock-passkey').click();
    await app.tid('add-button').waitFor({ timeout: 15000 });
    await expectRightCode(app, page, 'Passkey Bank');
    await app.tid('lock').click();
    await app.unlock('an entirely new long passphrase 42');
    await expectRightCode(app, page, 'Passkey Bank');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('offered once after creating the vault (ja, 390 px): turn on, then the lock screen leads with it and the settings say on', async () => {
  const b = await launch({ viewport: PHONE, locale: 'ja-JP' });
  try {
    const { page } = b;
    const auth = await virtualAuthenticator(page);
    const app = new AppPage(page, localhost());
    await app.open();
    await app.tid('passkey-offer').waitFor();
    const offer = await app.tid('passkey-offer').textContent();
    assert.match(offer, /指紋・顔認証でロック解除/);
    assert.match(offer, /あとで/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'passkey-offer-ja-390.png') });
    await app.tid('passkey-offer-enroll').click();
    await app.tid('passkey-offer').waitFor({ state: 'hidden', timeout: 15000 });
    assert.equal((await auth.credentials()).length, 1, 'one credential on the authenticator');
    await app.addByUri(LINK);

    // The lock screen: the passkey first, said first, and focused.
    await app.tid('lock').click();
    await app.tid('unlock-screen').waitFor();
    await page.waitForFunction(() => document.activeElement?.dataset?.testid === 'unlock-passkey', null, { timeout: 5000 }).catch(() => {});
    assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid), 'unlock-passkey', 'the passkey button has the focus');
    const intro = await app.tid('unlock-intro').textContent();
    assert.match(intro, /指紋・顔認証でロックを解除するか、パスフレーズを入力/);
    assert.doesNotMatch(intro, /コードを表示するには/);
    assert.match(await app.tid('unlock-passkey').textContent(), /指紋・顔認証/);
    const passkeyFirst = await page.evaluate(() => {
      const key = document.querySelector('[data-testid=unlock-passkey]');
      const field = document.querySelector('[data-testid=unlock-pass]');
      return !!(key.compareDocumentPosition(field) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert.ok(passkeyFirst, 'the passkey button comes before the passphrase field');
    await page.screenshot({ path: path.join(ARTIFACTS, 'passkey-lock-ja-390.png') });
    // Enter on the focused button is the whole unlock.
    await page.keyboard.press('Enter');
    await app.tid('add-button').waitFor({ timeout: 15000 });
    await expectRightCode(app, page, 'Passkey Bank');

    // The settings: on, with its name and Remove; the button adds another.
    await app.openSettings();
    await app.tid('passkey-on').waitFor();
    assert.match(await app.tid('passkey-on').textContent(), /指紋・顔認証でのロック解除：オン/);
    assert.match(await app.tid('passkey-item').textContent(), /この端末/);
    assert.equal(await app.tid('remove-passkey').count(), 1);
    assert.match(await app.tid('add-passkey').textContent(), /別のパスキーを追加/);
    assert.doesNotMatch(await app.tid('add-passkey').textContent(), /できるようにする/);
    // Removed: off again, and the button reads as turning it on.
    await app.tid('remove-passkey').click();
    await app.tid('passkey-none').waitFor();
    assert.equal(await app.tid('passkey-on').count(), 0);
    assert.match(await app.tid('add-passkey').textContent(), /できるようにする/);
    // The offer was answered: not made again, even with the vault's passkey gone.
    assert.equal(await app.tid('passkey-offer').count(), 0);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('"Later" puts the offer away for good; a browser that cannot make a passkey is never offered one', async () => {
  const b = await launch({ viewport: PHONE, locale: 'ja-JP' });
  try {
    const { page } = b;
    await virtualAuthenticator(page);
    const app = new AppPage(page, localhost());
    await app.open();
    await app.tid('passkey-offer').waitFor();
    await app.tid('passkey-offer-later').click();
    await app.tid('passkey-offer').waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid), 'add-button', 'the next action: add');
    await app.tid('lock').click();
    await app.tid('unlock-screen').waitFor();
    assert.equal(await app.tid('unlock-passkey').count(), 0);
    assert.match(await app.tid('unlock-intro').textContent(), /パスフレーズ/);
    await app.unlock();
    await page.reload();
    await app.unlock();
    await app.tid('add-button').waitFor();
    await page.waitForTimeout(500); // the capability check has answered by now
    assert.equal(await app.tid('passkey-offer').count(), 0, 'not offered again');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
  // No platform authenticator: no offer.
  const plain = await launch({ viewport: PHONE, locale: 'ja-JP' });
  try {
    const app = new AppPage(plain.page, localhost());
    await app.open();
    await plain.page.waitForTimeout(500);
    assert.equal(await app.tid('passkey-offer').count(), 0);
    assert.deepEqual(plain.errors, []);
  } finally {
    await plain.close();
  }
});
