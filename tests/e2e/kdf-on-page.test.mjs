// Key derivation where no worker can run (workers blocked or unsupported): the page derives the
// key itself, with the key-derivation worker's own module imported on first need (the page's
// module carries no KDF); the vault is created and unlocked as anywhere else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { session as openSession } from './lib/app.mjs';

const RFC_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
const LINK = `otpauth://totp/Vaulted%20Bank:hanako@example.jp?secret=${RFC_SEED}&issuer=Vaulted%20Bank&digits=8`;
const T1 = 1111111109_000; // RFC 6238: SHA1 8-digit code 07081804

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });


test('with workers blocked, the page derives with the KDF module on first need: create, reload, unlock', async () => {
  const b = await openSession(server, { time: T1 });
  try {
    const { app, page } = b;
    await page.addInitScript(() => { window.Worker = class { constructor() { throw new Error('workers blocked'); } }; });
    // The wasm files the page asked for, by path (requests, not resource timing: the test's fixed
    // clock replaces `performance`).
    const requested = [];
    page.on('request', (r) => { const p = new URL(r.url()).pathname; if (p.endsWith('.wasm')) requested.push(p); });
    const kdfModule = () => requested.filter((p) => /^\/kdf-[0-9a-f]{16}_bg\.wasm$/.test(p));
    await page.goto(server.url);
    await app.tid('create-screen').waitFor();
    assert.ok(requested.some((p) => /^\/authenticator-/.test(p)), `the first screen's module was seen: ${requested}`);
    assert.deepEqual(kdfModule(), [], 'the first screen does not load the KDF module');
    await app.createVault();
    await app.addByUri(LINK);
    await app.expectCode('Vaulted Bank', '0708 1804');
    assert.equal(kdfModule().length, 1, 'creating the vault loaded it on the page');
    await page.reload();
    await app.tid('unlock-screen').waitFor();
    requested.length = 0;
    await app.unlock('not the passphrase');
    assert.match(await app.tid('problem').textContent(), /Wrong passphrase/);
    await app.unlock();
    await app.expectCode('Vaulted Bank', '0708 1804');
    assert.equal(kdfModule().length, 1, 'the reloaded page loaded it for the unlock');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});
