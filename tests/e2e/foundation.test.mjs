// The foundation, as a user does it: paste a link, read the code at a known time, watch it change
// on the period boundary, add by hand, see a bad link explained, copy, delete, switch language.
// Known answers come from RFC 6238 Appendix B and RFC 4226 Appendix D, not from our own output.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer } from './lib/server.mjs';
import { launch, ARTIFACTS } from './lib/browser.mjs';
import { AppPage } from './lib/app.mjs';

const RFC_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
const RFC_URI = `otpauth://totp/RFC%206238:alice@example.com?secret=${RFC_SEED}&issuer=RFC%206238&digits=8`;
const T1 = 1111111109_000; // RFC 6238: SHA1 code 07081804
const T2 = 1111111111_000; // RFC 6238: SHA1 code 14050471 (next step begins at 1111111110)

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

async function withApp(opts, fn) {
  const b = await launch(opts);
  try {
    if (opts.time !== undefined) await b.page.clock.setFixedTime(opts.time);
    const app = new AppPage(b.page, server.url);
    await app.open();
    await fn(app, b);
    assert.deepEqual(b.errors, [], 'no page or console errors');
  } finally {
    await b.close();
  }
}

test('a pasted link shows the RFC 6238 code at a faked clock, with its countdown', async () => {
  await withApp({ time: T1 }, async (app) => {
    await app.addByUri(RFC_URI);
    await app.expectCode('RFC 6238', '0708 1804');
    assert.equal(await app.tid('countdown-shared').textContent(), 'New codes in 1 s');
    // Screen readers get digits, not a number.
    assert.match(await app.row('RFC 6238').getByTestId('copy').ariaSnapshot(), /^- button "0 7 0 8 1 8 0 4 — Copy code for RFC 6238 /);
  });
});

test('the page runs under a strict Content-Security-Policy', async () => {
  await withApp({ time: T1 }, async (app, { page }) => {
    const csp = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.match(csp, /connect-src 'self'/);
    assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script');
    await app.addByUri(RFC_URI);
    await app.expectCode('RFC 6238', '0708 1804');
    // withApp asserts that no CSP violation (reported as a console error) happened.
  });
});

test('the code changes exactly on the period boundary', async () => {
  await withApp({ time: T1 }, async (app, { page }) => {
    await app.addByUri(RFC_URI);
    await app.expectCode('RFC 6238', '0708 1804');
    // One millisecond before the boundary: still the old code after a tick has passed.
    await page.clock.setFixedTime(1111111109_999);
    await page.waitForTimeout(1200);
    assert.equal(await app.codeOf('RFC 6238'), '0708 1804');
    // On the boundary: the next tick shows the next code, and a full countdown.
    await page.clock.setFixedTime(1111111110_000);
    await app.expectCode('RFC 6238', '1405 0471', 2500);
    assert.equal(await app.tid('countdown-shared').textContent(), 'New codes in 30 s');
    await page.clock.setFixedTime(T2);
    await page.waitForTimeout(1200);
    assert.equal(await app.codeOf('RFC 6238'), '1405 0471');
  });
});

test('one shared countdown; an account with another period shows its own', async () => {
  await withApp({ time: 1111111101_000 }, async (app) => {
    await app.addByUri(RFC_URI);
    await app.addByUri(`otpauth://totp/Minute:m?secret=${RFC_SEED}&period=60`);
    await app.addByUri(`otpauth://totp/Other:o?secret=${RFC_SEED}`);
    assert.equal(await app.tid('countdown-shared').textContent(), 'New codes in 9 s');
    assert.equal(await app.row('RFC 6238').getByTestId('secs').count(), 0);
    // 1111111101 is 21 s into its minute (1111111080 = 60 × 18518518): 39 s left for the 60-second account.
    assert.equal(await app.row('Minute').getByTestId('secs').textContent(), '39 s');
  });
});

test('manual entry with advanced settings (SHA256, 8 digits) matches RFC 6238', async () => {
  await withApp({ time: 1234567890_000 }, async (app) => {
    await app.openAddDialog();
    await app.tid('tab-manual').click();
    await app.tid('manual-issuer').fill('Manual');
    await app.tid('manual-name').fill('bob');
    // RFC 6238's 32-byte SHA-256 seed, typed in lower case with spaces.
    await app.tid('manual-secret').fill('gezd gnbv gy3t qojq gezd gnbv gy3t qojq gezd gnbv gy3t qojq geza');
    await app.tid('advanced').click();
    await app.tid('manual-algorithm').selectOption('SHA256');
    await app.tid('manual-digits').fill('8');
    await app.tid('submit-add').click();
    await app.tid('add-dialog').waitFor({ state: 'hidden' });
    await app.expectCode('Manual', '9181 9424');
  });
});

test('manual entry with SHA384 from the advanced menu gives the right code', async () => {
  await withApp({ time: 1234567890_000 }, async (app) => {
    await app.openAddDialog();
    await app.tid('tab-manual').click();
    await app.tid('manual-issuer').fill('Manual384');
    // The 48-byte seed "1234567890" repeated; expected code from Python's hmac (tests/add_flow.rs
    // shows the script): SHA-384, 8 digits, t = 1234567890 → 29066410.
    await app.tid('manual-secret').fill('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQ');
    await app.tid('advanced').click();
    await app.tid('manual-algorithm').selectOption('SHA384');
    await app.tid('manual-digits').fill('8');
    await app.tid('submit-add').click();
    await app.tid('add-dialog').waitFor({ state: 'hidden' });
    await app.expectCode('Manual384', '2906 6410');
  });
});

test('an HOTP link starts at its counter and "Next code" advances it (RFC 4226)', async () => {
  await withApp({}, async (app) => {
    await app.addByUri(`otpauth://hotp/HOTP:carol?secret=${RFC_SEED}&counter=0`);
    await app.expectCode('HOTP', '755 224');
    await app.row('HOTP').getByTestId('next-code').click();
    await app.expectCode('HOTP', '287 082');
    assert.equal(await app.row('HOTP').getByTestId('countdown').count(), 0, 'no countdown for a counter-based code');
  });
});

test('bad links are explained, specifically, and nothing is added', async () => {
  await withApp({}, async (app) => {
    const cases = [
      ['otpauth://totp/X:y?secret=JBSWY3DP1HPK3PXP', /“1” at character 9/],
      ['https://example.com/setup', /not a link from an authenticator QR code/],
      [`otpauth://totp/X:y?secret=${RFC_SEED}&digits=12`, /6 to 10 digits/],
      [`otpauth://totp/X:y?secret=${RFC_SEED}&period=0`, /period “0”/],
      [`otpauth://hotp/X:y?secret=${RFC_SEED}`, /no counter/],
      ['otpauth://totp/X:y?issuer=X', /no secret key/],
      [`otpauth://totp/X%zz:y?secret=${RFC_SEED}`, /broken “%” escape at character 17/],
    ];
    await app.openAddDialog();
    for (const [uri, message] of cases) {
      await app.tid('uri-input').fill(uri);
      await app.tid('submit-add').click();
      const text = await app.tid('add-error').textContent();
      assert.match(text, message, uri);
    }
    assert.equal(await app.tid('add-dialog').isVisible(), true, 'the dialog stays open');
    // A bare setup key pasted where a link was expected is not a bad link: key entry, key in place.
    await app.tid('uri-input').fill('JBSWY3DPEHPK3PXP');
    assert.equal(await app.tid('manual-secret').inputValue(), 'JBSWY3DPEHPK3PXP');
    await app.tid('add-back').click();
    // An ordinary 16-character (80-bit) key: accepted, with no warning nobody could act on.
    await app.tid('uri-input').fill('otpauth://totp/Short:z?secret=JBSWY3DPEHPK3PXP');
    await app.tid('add-preview').waitFor();
    assert.equal(await app.tid('add-warning').count(), 0);
    await app.tid('add-back').click();
    // A shorter key than sites issue (12 characters): accepted, with a warning shown before adding.
    await app.tid('uri-input').fill('otpauth://totp/Short:z?secret=JBSWY3DPEHPK');
    assert.match(await app.tid('add-warning').textContent(), /shorter than usual \(12 characters\)/);
    await app.tid('cancel-add').click();
    assert.equal(await app.rows().count(), 0);
  });
});

test('copy puts the plain code on the clipboard and says so', async () => {
  await withApp({ time: T1 }, async (app, { context, page }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
    await app.addByUri(RFC_URI);
    await app.row('RFC 6238').getByTestId('copy').click();
    await app.row('RFC 6238').getByTestId('copy').getByText('Copied').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '07081804');
  });
});

test('delete asks first; "Keep" keeps, "Delete" removes', async () => {
  await withApp({}, async (app) => {
    await app.addByUri(`otpauth://totp/One:a?secret=${RFC_SEED}`);
    await app.addByUri(`otpauth://totp/Two:b?secret=${RFC_SEED}`);
    await app.rowAction('One', 'delete');
    await app.row('One').getByTestId('confirm-no').click();
    assert.equal(await app.rows().count(), 2);
    await app.rowAction('One', 'delete');
    await app.row('One').getByTestId('confirm-yes').click();
    await app.page.waitForFunction(() => document.querySelectorAll('[data-testid=account-row]').length === 1);
    assert.equal(await app.row('Two').count(), 1);
  });
});

test('language follows the browser, switches, and is remembered', async () => {
  await withApp({ locale: 'ja-JP' }, async (app, { page }) => {
    assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
    assert.equal(await app.tid('add-button').textContent(), '+ 追加');
    // A bad link in Japanese.
    await app.pasteUri('otpauth://totp/X:y?secret=JBSWY3DP1HPK3PXP');
    await app.tid('submit-add').click();
    assert.match(await app.tid('add-error').textContent(), /9文字目「1」/);
    await app.tid('cancel-add').click();
    await app.chooseLanguage('en');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await app.tid('add-button').textContent(), '+ Add');
    await page.reload();
    await app.tid('unlock-screen').waitFor();
    assert.equal(await app.tid('unlock').textContent(), 'Unlock', 'choice survives a reload');
    await app.unlock();
    assert.equal(await app.tid('add-button').textContent(), '+ Add', 'choice survives a reload');
    // The menu's panel is its own module, fetched when the menu is opened, as a user does.
    await app.openDisplayMenu();
    assert.equal(await app.tid('lang-en').getAttribute('aria-pressed'), 'true');
    assert.equal(await app.tid('lang-ja').getAttribute('aria-pressed'), 'false');
  });
});

test('keyboard only: open the dialog, paste, submit, close with Escape', async () => {
  await withApp({ time: T1 }, async (app, { page }) => {
    await app.tid('add-button').focus();
    await page.keyboard.press('Enter');
    await app.tid('add-dialog').waitFor({ state: 'visible' });
    await app.tid('uri-input').focus();
    await page.keyboard.insertText(RFC_URI);
    await app.tid('submit-add').focus();
    await page.keyboard.press('Enter');
    await app.tid('add-dialog').waitFor({ state: 'hidden' });
    await app.expectCode('RFC 6238', '0708 1804');
    await app.tid('add-button').focus();
    await page.keyboard.press('Enter');
    await app.tid('add-dialog').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await app.tid('add-dialog').waitFor({ state: 'hidden' });
  });
});

async function twoAccounts(app) {
  await app.addByUri(`otpauth://totp/GitHub:octocat?secret=${RFC_SEED}&issuer=GitHub`);
  await app.addByUri(`otpauth://totp/%E6%A5%BD%E5%A4%A9:taro@example.jp?secret=${RFC_SEED}&issuer=%E6%A5%BD%E5%A4%A9&digits=8`);
}

test('screenshots: two accounts, desktop light (en) and 360 px dark (ja)', async () => {
  await withApp({ time: 1111111101_000 }, async (app, { page }) => {
    await twoAccounts(app);
    await app.row('GitHub').getByTestId('code').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'two-accounts-en-desktop.png'), fullPage: true });
    await app.openAddDialog();
    await app.tid('uri-input').fill(RFC_URI);
    await page.screenshot({ path: path.join(ARTIFACTS, 'add-dialog-en-desktop.png') });
  });
  await withApp({ time: 1111111101_000, locale: 'ja-JP', colorScheme: 'dark', viewport: { width: 360, height: 740 } }, async (app, { page }) => {
    await twoAccounts(app);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `no horizontal scrolling at 360 px (scrollWidth ${width})`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'two-accounts-ja-360-dark.png'), fullPage: true });
  });
});
