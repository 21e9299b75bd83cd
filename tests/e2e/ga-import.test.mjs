// A Google Authenticator export as the app really writes it (MigrationPayload version 2), pasted
// into the add dialog: every account lands with the codes Python's hmac computed for it at a
// fixed time. The link and the codes come from tests/fixtures/ga/make.py (hand-encoded protobuf,
// RFC 4226/6238 in Python), never from this app's own encoder or generator. And a key of a length
// no encoder writes (17 characters, as 2FAS, Ente and Steam entries have), typed by hand: added
// with a warning, with the code tests/fixtures/apps/make.py computed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, ROOT } from './lib/server.mjs';
import { session as openSession } from './lib/app.mjs';

const GA = path.join(ROOT, 'tests/fixtures/ga');
const expected = JSON.parse(fs.readFileSync(path.join(GA, 'expected.json'), 'utf8'));
const T = 1700000000; // one of the times make.py computed codes for

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

/** The code as the list shows it: "164 812", "4611 9246". */
const grouped = (plain) => (plain.length === 8 ? `${plain.slice(0, 4)} ${plain.slice(4)}` : `${plain.slice(0, 3)} ${plain.slice(3)}`);

/** Every row on screen as { issuer, name, code }. */
const rowsOnScreen = (page) => page.evaluate(() => [...document.querySelectorAll('[data-testid=account-row]')].map((r) => ({
  issuer: r.querySelector('[data-testid=issuer]')?.textContent ?? '',
  name: r.querySelector('[data-testid=name]')?.textContent ?? '',
  code: r.querySelector('[data-testid=code]')?.textContent.trim() ?? '',
})));

test('a version-2 Google Authenticator export link pasted into the add dialog: every account arrives with the independently computed codes', async () => {
  const file = 'single-v2.txt';
  const link = fs.readFileSync(path.join(GA, file), 'utf8').trim();
  const want = expected.files[file].accounts.map((a) => ({ issuer: a.issuer, name: a.name, code: grouped(a.codes[String(T)]) }));
  assert.equal(want.length, 6);
  assert.match(link, /^otpauth-migration:\/\/offline\?data=[A-Za-z0-9%]+$/, 'the link escapes + / = as Google Authenticator does');

  const b = await openSession(server, { time: T * 1000 });
  try {
    const { app, page } = b;
    await app.open();
    await app.pasteUri(link);
    // Either the preview of what the export holds, or a message refusing it.
    await page.locator('[data-testid=import-preview], [data-testid=transfer-message]').first().waitFor();
    const refused = await app.tid('transfer-message').count() ? await app.tid('transfer-message').textContent() : '';
    assert.equal(refused, '', 'the export is read, not refused');
    assert.equal(await app.tid('preview-account').count(), want.length);
    assert.equal(await app.tid('preview-skipped').count(), 0, 'no entry left out');
    await app.tid('import-confirm').click();
    await app.tid('import-done').waitFor();
    await app.tid('cancel-add').click();
    await app.tid('add-dialog').waitFor({ state: 'hidden' });
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=account-row]').length === n, want.length, { timeout: 10000 })
      .catch(() => {});
    const seen = await rowsOnScreen(page);
    const key = (r) => `${r.issuer}|${r.name}`;
    assert.deepEqual(
      seen.map((r) => `${key(r)} ${r.code}`).sort(),
      want.map((r) => `${key(r)} ${r.code}`).sort(),
      'issuer, name and code of every account as Python computed them',
    );
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('a key of 17 characters typed by hand is added with a warning, and shows the code the other app showed', async () => {
  // Ente's entry with a 17-character key (tests/fixtures/apps/make.py): the bytes Google
  // Authenticator, Aegis and Proton read from it, and Python's codes for them.
  const apps = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/apps/expected.json'), 'utf8'));
  const want = apps.files['ente-odd.txt'].find((a) => a.key_chars === 17);
  const line = fs.readFileSync(path.join(ROOT, 'tests/fixtures/apps/ente-odd.txt'), 'utf8').split('\n').find((l) => l.includes(`/${want.issuer}:`));
  const key = new URL(line.replace('otpauth://', 'https://')).searchParams.get('secret');
  assert.equal(key.length, 17);
  const t = 1767225600;
  const b = await openSession(server, { time: t * 1000 });
  try {
    const { app } = b;
    await app.open();
    await app.openKeyEntry();
    await app.tid('manual-issuer').fill(want.issuer);
    await app.tid('manual-name').fill(want.name);
    await app.tid('manual-secret').fill(key);
    if (!(await app.tid('add-warning').waitFor({ timeout: 5000 }).then(() => true, () => false))) {
      // No warning while typing: say what pressing Add answers instead.
      await app.tid('submit-add').click();
      await b.page.waitForTimeout(500);
      const said = await app.tid('add-error').count() ? await app.tid('add-error').textContent() : '(no message)';
      assert.fail(`no warning for a 17-character key; on Add: ${said}`);
    }
    assert.match(await app.tid('add-warning').textContent(), /17 characters.*lost or added/);
    assert.equal(await app.tid('add-error').count(), 0, 'not refused');
    await app.tid('submit-add').click();
    await app.tid('add-dialog').waitFor({ state: 'hidden' });
    await app.expectCode(want.issuer, grouped(want.codes[String(t)]));
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
