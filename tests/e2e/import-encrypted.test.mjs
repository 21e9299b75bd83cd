// Importing a password-protected export from another app, as a user does it: the settings'
// import panel, the file, its password, Read, the preview, Add; then the codes on screen. The
// file and the codes it must give come from tests/fixtures/encrypted/make.py (pynacl's
// crypto_pwhash and secretstream, Python's hmac), never from the app's own code. The key is
// derived in the worker (an Argon2id job), as Aegis's scrypt is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, ROOT } from './lib/server.mjs';
import { session as openSession } from './lib/app.mjs';

const DIR = path.join(ROOT, 'tests/fixtures/encrypted');
const EXPECTED = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8'));
const T = 1700000000;

let server;
before(async () => { server = await startServer({ hook: true }); });
after(async () => { await server.close(); });

/** "123456" → "123 456", "12345678" → "1234 5678", as the list shows a code. */
function grouped(code) {
  if (code.length === 6) return `${code.slice(0, 3)} ${code.slice(3)}`;
  if (code.length === 8) return `${code.slice(0, 4)} ${code.slice(4)}`;
  return code;
}

test('an Ente Auth encrypted export: its password opens it in the worker, every account lands with the right codes', async () => {
  const b = await openSession(server, { time: T * 1000 });
  try {
    const { app, page } = b;
    const answers = () => page.evaluate(() => window.__kdfAnswers);
    await app.open();
    const derivedBefore = await answers();
    await app.openImport();
    const file = path.join(DIR, 'ente-encrypted.json');
    // No password first: it asks for one, nothing is read.
    await app.tid('import-file').setInputFiles(file);
    await app.tid('import-pass').fill('');
    await app.tid('import-read').click();
    await app.tid('transfer-message').getByText(/encrypted: enter the password/).waitFor();
    // A wrong one: said as such.
    await app.tid('import-pass').fill('not the password');
    await app.tid('import-read').click();
    await app.tid('transfer-message').getByText(/password is not right/).waitFor();
    // The right one: the preview, then the accounts.
    await app.tid('import-pass').fill(EXPECTED.password);
    await app.tid('import-read').click();
    await app.tid('import-preview').waitFor();
    const want = EXPECTED.files['ente-encrypted.json'].accounts;
    assert.match(await app.tid('import-preview').textContent(), new RegExp(`From Ente Auth: ${want.length} accounts`));
    await app.tid('import-confirm').click();
    await app.expectRows(want.length);
    await app.tid('close-transfer').click();
    for (const a of want.filter((a) => a.kind !== 'hotp')) {
      await app.expectCode(a.issuer, grouped(a.codes[String(T)]));
    }
    assert.ok(await answers() > derivedBefore, 'the key was derived in the worker');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
