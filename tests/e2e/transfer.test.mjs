// QR codes and moving accounts, as a user does it: import a QR image file, scan with the camera
// (Chromium's fake camera fed a .y4m video of a QR code that this test writes), import a Google
// Authenticator export of 2 batches, export an account's QR code and decode it back, import a file
// with a preview, and the replace-a-stale-secret flow. QR images are made and read by independent
// npm packages (qrcode, jsQR), never by the app's own code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { startServer, ROOT } from './lib/server.mjs';
import { launch, ARTIFACTS } from './lib/browser.mjs';
import { AppPage, session as openSession } from './lib/app.mjs';

const RFC_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
const T1 = 1111111109_000; // RFC 6238 Appendix B: SHA1 8-digit 07081804, SHA256 8-digit 68084774
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-transfer-'));

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

const session = (opts) => openSession(server, opts);

async function qrPng(text, name) {
  const file = path.join(tmp, name);
  await QRCode.toFile(file, text, { errorCorrectionLevel: 'M', margin: 4, scale: 6 });
  return file;
}

/** Google's MigrationPayload, written with a minimal protobuf writer (independent of the app). */
function migrationLink(accounts, batchSize, batchIndex, batchId) {
  const varint = (n) => { const out = []; n = BigInt(n); do { let b = Number(n & 0x7fn); n >>= 7n; if (n) b |= 0x80; out.push(b); } while (n); return out; };
  const field = (tag, wire, body) => [...varint((tag << 3) | wire), ...body];
  const bytes = (tag, buf) => field(tag, 2, [...varint(buf.length), ...buf]);
  const num = (tag, n) => field(tag, 0, varint(n));
  const out = [];
  for (const a of accounts) {
    const p = [
      ...bytes(1, [...Buffer.from(a.secret)]), ...bytes(2, [...Buffer.from(a.name)]), ...bytes(3, [...Buffer.from(a.issuer)]),
      ...num(4, a.algorithm), ...num(5, a.digits), ...num(6, a.type), ...(a.counter ? num(7, a.counter) : []),
    ];
    out.push(...bytes(1, p));
  }
  out.push(...num(2, 1), ...num(3, batchSize), ...num(4, batchIndex), ...num(5, batchId));
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(out).toString('base64'))}`;
}

test('a QR image file in the add dialog: added after a look at what it holds, with the reminder to delete the screenshot', async () => {
  const b = await session({ time: T1 });
  try {
    const { app, page } = b;
    await app.open();
    const file = await qrPng(`otpauth://totp/Pictured:hanako?secret=${RFC_SEED}&issuer=Pictured&digits=8`, 'single.png');
    const said = await app.watchStatus();
    await app.openAddDialog();
    await app.tid('qr-image').setInputFiles(file);
    await app.tid('add-preview').waitFor();
    assert.match(await app.tid('add-preview').textContent(), /Pictured \(hanako\)/);
    await app.tid('submit-add').click();
    await app.tid('add-dialog').waitFor({ state: 'hidden' });
    await app.expectCode('Pictured', '0708 1804');
    assert.match(await app.tid('delete-screenshot').textContent(), /delete that screenshot/);
    assert.ok((await said()).some((t) => /Added Pictured \(hanako\)/.test(t)), 'said once saved');
    await app.tid('after-add-later').click();
    // Not an authenticator QR code: a clear message, nothing added.
    await app.openAddDialog();
    await app.tid('qr-image').setInputFiles(await qrPng('https://example.com/hello', 'not-otp.png'));
    await page.getByText('is not for an authenticator app').waitFor();
    assert.equal(await app.tid('add-preview').count(), 0);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('a picture that makes the QR library abort (found by the fuzzer) ends only the worker, not the app', async () => {
  const b = await session({ time: T1 });
  try {
    const { app, page } = b;
    const workers = [];
    page.on('worker', (w) => workers.push(w.url()));
    await app.open();
    // The fuzzer's input: first byte the width, then grey pixels. Written as a PNG, grey in RGB.
    const data = fs.readFileSync(path.join(ROOT, 'tests/fixtures/fuzz/qr_luma-crash-1.bin'));
    const width = data[0], pixels = data.subarray(1), height = Math.floor(pixels.length / width);
    const png = new PNG({ width, height });
    for (let i = 0; i < width * height; i++) png.data.set([pixels[i], pixels[i], pixels[i], 255], i * 4);
    const file = path.join(tmp, 'fuzz-crash.png');
    fs.writeFileSync(file, PNG.sync.write(png));
    await app.openAddDialog();
    await app.tid('qr-image').setInputFiles(file);
    await page.getByText('No QR code could be read in this image').waitFor();
    // The app is alive, and the next picture is read by a fresh worker.
    await app.tid('qr-image').setInputFiles(await qrPng(`otpauth://totp/After:crash?secret=${RFC_SEED}&issuer=After&digits=8`, 'after.png'));
    await app.tid('add-preview').waitFor();
    // Only the QR workers count (the key-derivation worker is another one).
    assert.equal(workers.filter((u) => /\/qr-worker-[0-9a-f]{16}\.js$/.test(u)).length, 2, 'the aborted worker was replaced by a fresh one');
    await app.tid('submit-add').click();
    await app.expectCode('After', '0708 1804');
    assert.deepEqual(b.errors.filter((e) => !/unreachable|RuntimeError|panicked/.test(e)), []);
  } finally {
    await b.close();
  }
});

test('Google Authenticator export in 2 batches: progress, then every field survives', async () => {
  const b = await session({ time: T1 });
  try {
    const { app, page } = b;
    await app.open();
    const seed = '12345678901234567890';
    const first = migrationLink([
      { secret: seed, name: 'alice@google.com', issuer: 'Google', algorithm: 1, digits: 2, type: 2 },
      { secret: '12345678901234567890123456789012', name: 'Corp:dave', issuer: '', algorithm: 2, digits: 2, type: 2 },
    ], 2, 0, 77);
    const second = migrationLink([{ secret: seed, name: 'bob', issuer: 'Counter', algorithm: 1, digits: 1, type: 1, counter: 3 }], 2, 1, 77);
    await app.openImport();
    await app.tid('qr-image').setInputFiles(await qrPng(first, 'batch1.png'));
    await page.getByText('QR code 1 of 2 read').waitFor();
    assert.equal(await app.tid('import-preview').count(), 0, 'nothing is offered before every batch is read');
    await app.tid('qr-image').setInputFiles(await qrPng(second, 'batch2.png'));
    await app.tid('import-preview').waitFor();
    assert.equal(await app.tid('preview-account').count(), 3);
    await app.tid('import-confirm').click();
    await app.tid('close-transfer').click();
    await app.expectCode('Google', '0708 1804'); // SHA1, 8 digits
    await app.expectCode('Corp', '6808 4774'); // SHA256 seed, 8 digits (RFC 6238 Appendix B)
    await app.expectCode('Counter', '969 429'); // HOTP counter 3 (RFC 4226 Appendix D)
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

/** A .y4m video (4:2:0) showing a QR code, for Chromium's fake camera. */
async function qrVideo(text, name) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const W = 640, H = 480, scale = 8, size = qr.modules.size, quiet = 4;
  const side = (size + 2 * quiet) * scale;
  const x0 = (W - side) >> 1, y0 = (H - side) >> 1;
  const y = Buffer.alloc(W * H, 255);
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) {
    if (!qr.modules.get(r, c)) continue;
    for (let dy = 0; dy < scale; dy++) y.fill(16, (y0 + (r + quiet) * scale + dy) * W + x0 + (c + quiet) * scale, (y0 + (r + quiet) * scale + dy) * W + x0 + (c + quiet + 1) * scale);
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  const file = path.join(tmp, name);
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), ...Array(10).fill(frame)]));
  return file;
}

test('scan with the camera from the add dialog (fake camera showing a QR code); the camera is released on close', async () => {
  const video = await qrVideo(`otpauth://totp/Camera%20Co:kenji?secret=${RFC_SEED}&issuer=Camera%20Co&digits=8`, 'qr.y4m');
  const b = await session({ time: T1, extraArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`] });
  try {
    const { app, page, context } = b;
    await context.grantPermissions(['camera'], { origin: server.url.replace(/\/$/, '') });
    await app.open();
    await app.openAddDialog();
    await app.tid('start-camera').click();
    await app.tid('add-preview').waitFor({ timeout: 15000 });
    assert.match(await app.tid('add-preview').textContent(), /Camera Co \(kenji\)/);
    // The code was found: the camera stopped by itself.
    const live = await page.evaluate(() => [...document.querySelectorAll('video')].some((v) => v.srcObject?.getTracks().some((t) => t.readyState === 'live')));
    assert.equal(live, false, 'camera released once a code was read');
    await app.tid('submit-add').click();
    await app.tid('add-dialog').waitFor({ state: 'hidden' });
    await app.expectCode('Camera Co', '0708 1804');
    await app.tid('after-add-later').click();
    // Started again and the dialog closed: released too.
    await app.openAddDialog();
    await app.tid('start-camera').click();
    await app.tid('stop-camera').waitFor();
    await app.tid('cancel-add').click();
    await page.waitForFunction(() => ![...document.querySelectorAll('video')].some((v) => v.srcObject?.getTracks().some((t) => t.readyState === 'live')));
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('camera permission refused: a clear message and the other ways to add', async () => {
  const b = await session({ extraArgs: ['--use-fake-device-for-media-stream', '--deny-permission-prompts'] });
  try {
    const { app } = b;
    await app.open();
    await app.openAddDialog();
    await app.tid('start-camera').click();
    await app.tid('transfer-message').waitFor();
    assert.match(await app.tid('transfer-message').textContent(), /Camera permission was refused|No camera was found/);
    // The other ways: a screenshot, a paste, the setup key.
    for (const way of ['qr-image', 'uri-input', 'tab-manual']) assert.ok(await app.tid(way).isVisible(), way);
  } finally {
    await b.close();
  }
});

test('export an account as a QR code (after the reveal step) and decode it back', async () => {
  const b = await session({ time: T1 });
  try {
    const { app, page } = b;
    await app.open();
    const link = `otpauth://totp/Export%20Me:%E8%8A%B1%E5%AD%90?secret=${RFC_SEED}&issuer=Export%20Me&algorithm=SHA256&digits=8&period=60`;
    await app.addByUri(link);
    await app.rowAction('Export Me', 'export-account');
    assert.equal(await app.tid('export-dialog').getByTestId('qr').count(), 0, 'nothing shown before the reveal step');
    await app.tid('reveal').click();
    const shot = PNG.sync.read(await app.tid('export-dialog').getByTestId('qr').screenshot());
    const decoded = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height);
    assert.ok(decoded, 'the QR code on screen decodes');
    assert.equal(decoded.data, (await app.tid('export-uri').textContent()).trim());
    const url = new URL(decoded.data);
    assert.equal(url.searchParams.get('secret'), RFC_SEED);
    assert.equal(url.host, 'totp');
    assert.equal(decodeURIComponent(url.pathname), '/Export Me:花子');
    assert.equal(url.searchParams.get('algorithm'), 'SHA256');
    await page.screenshot({ path: path.join(ARTIFACTS, 'export-qr.png') });
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('import a file with a preview; a re-scanned secret asks to replace the old one', async () => {
  const b = await session({ time: T1 });
  try {
    const { app, page } = b;
    await app.open();
    // Import Aegis: the preview names what is new and what is left out, then adds.
    await app.openImport();
    await app.tid('import-file').setInputFiles(path.join(ROOT, 'tests/fixtures/import/aegis-plain.json'));
    await app.tid('import-read').click();
    await app.tid('import-preview').waitFor();
    assert.match(await app.tid('import-preview').textContent(), /From Aegis: 4 accounts, 1 left out/);
    assert.match(await app.tid('preview-skipped').textContent(), /Yandex \(ivan\): yandex codes are not supported/);
    await app.tid('import-confirm').click();
    assert.match(await app.tid('import-done').textContent(), /^Added 4 accounts\.$/);
    // "Added" is said at once; the accounts are in the vault (and on screen) once it is sealed and
    // stored. Only then can a second read find them already here.
    await app.expectRows(4);
    // The same file again: nothing is new.
    await app.tid('import-file').setInputFiles(path.join(ROOT, 'tests/fixtures/import/aegis-plain.json'));
    await app.tid('import-read').click();
    await app.tid('import-preview').waitFor();
    assert.equal(await app.tid('import-preview').getByText('already here').count(), 4);
    await app.tid('import-discard').click();
    await app.tid('close-transfer').click();
    assert.equal(await app.rows().count(), 4);

    // The site issued a new secret for GitHub (alice@example.com): adding it asks what to do.
    const fresh = 'otpauth://totp/GitHub:alice@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub';
    const before = await app.codeOf('GitHub');
    await app.pasteUri(fresh);
    await app.tid('submit-add').click();
    assert.match(await app.tid('stale-question').textContent(), /already here with a different secret/);
    await app.tid('replace-stale').click();
    await app.tid('add-dialog').waitFor({ state: 'hidden' });
    await page.waitForFunction((old) => document.querySelector('[data-testid=account-row] [data-testid=code]')?.textContent.trim() !== old, before);
    assert.equal(await app.rows().count(), 4, 'replaced, not added');
    // And the identical account is refused.
    await app.pasteUri(fresh);
    await app.tid('submit-add').click();
    assert.match(await app.tid('already-here').textContent(), /already here with the same secret/);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
