// Adding Instagram on a phone, as a Japanese user does it (390 × 844, ja-JP): Instagram's
// two-step setup page shows a QR code; she takes a screenshot, opens the app, and has the code on
// screen in at most three taps; the code is the one RFC 6238 gives at the page's time (computed
// here, independently of the app). Then the app asks about backup codes, and she pastes the ten
// Instagram gave her. Also: a bare key pasted where a link was expected goes to key entry, a link
// pasted into any field is read, and Escape gives focus back to the add button. Screenshots of the
// dialog and the prompt, in Japanese and English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { startServer } from './lib/server.mjs';
import { ARTIFACTS } from './lib/browser.mjs';
import { session } from './lib/app.mjs';
import { totp } from './lib/otp.mjs';

const PHONE = { width: 390, height: 844 };
const SECRET = 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ';
const LINK = `otpauth://totp/Instagram:hanako_t?secret=${SECRET}&issuer=Instagram`;
// A second account, its link typed rather than pasted.
const TYPED_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const TYPED_LINK = `otpauth://totp/Typed:hanako_t?secret=${TYPED_SECRET}&issuer=Typed`;
// 5 s into a 30-second period: the code is read well before it changes.
const NOW = 1_790_000_015_000;
// Ten 8-digit codes, shown as Instagram shows them (two groups of four, numbered).
const CODES = ['1357 2468', '2468 1357', '3141 5926', '2718 2818', '1618 0339', '1414 2135', '1732 0508', '2236 0679', '2645 7513', '3316 6247'];
const CODES_BLOCK = `バックアップコード\nこれらのコードは安全な場所に保管してください。各コードは1回のみ使用できます。\n\n${CODES.map((c, i) => `${i + 1}. ${c}`).join('\n')}\n`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-phone-add-'));
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

/** A screenshot of a page made to look like Instagram's two-step setup (its QR code holds LINK),
 * taken in a separate page of the phone's browser. */
async function instagramScreenshot(context) {
  const qr = await QRCode.toDataURL(LINK, { errorCorrectionLevel: 'M', margin: 4, scale: 5 });
  const page = await context.newPage();
  await page.setContent(`<!doctype html><html lang="ja"><meta charset="utf-8">
    <body style="margin:0;font:15px/1.5 system-ui,sans-serif;color:#000;background:#fff">
      <div style="display:flex;align-items:center;gap:12px;padding:12px 16px;border-bottom:1px solid #dbdbdb">
        <span style="font-size:22px">‹</span><strong>二段階認証</strong></div>
      <div style="padding:20px 24px;text-align:center">
        <div style="font:italic 600 30px/1.2 Georgia,serif">Instagram</div>
        <h1 style="font-size:20px;margin:16px 0 8px">認証アプリを設定</h1>
        <p style="color:#737373;margin:0 0 12px">認証アプリで QR コードをスキャンしてください。アプリに表示された 6 桁のコードを次の画面で入力します。</p>
        <img src="${qr}" alt="" style="width:220px;height:220px">
        <p style="color:#737373;margin:12px 0 4px">スキャンできない場合は、このキーを入力してください</p>
        <p style="font-family:monospace;font-size:16px;letter-spacing:.05em;margin:0">${SECRET.match(/.{4}/g).join(' ')}</p>
        <button style="margin-top:20px;width:100%;padding:10px;border:0;border-radius:8px;background:#0095f6;color:#fff;font-weight:600">次へ</button>
      </div>
    </body></html>`);
  const file = path.join(tmp, 'instagram-setup.png');
  await page.screenshot({ path: file });
  fs.copyFileSync(file, path.join(ARTIFACTS, 'phone-add-instagram-setup.png'));
  await page.close();
  return file;
}

const focused = (page) => page.evaluate(() => document.activeElement?.dataset?.testid ?? document.activeElement?.tagName);
/** Waits until focus is on the element with test id `id`. */
const focusOn = (page, id) => page.waitForFunction((id) => document.activeElement?.dataset?.testid === id, id);

test('Instagram from a screenshot of its setup page: the code in ≤ 3 taps, then its backup codes from the prompt (390 × 844, Japanese)', async () => {
  const b = await session(server, { locale: 'ja-JP', viewport: PHONE, time: NOW });
  try {
    const { app, page, context } = b;
    const screenshot = await instagramScreenshot(context);
    await app.open();
    const said = await app.watchStatus();

    let taps = 0;
    const tap = async (id) => { taps += 1; await app.tid(id).click(); };
    await tap('add-button');
    await app.tid('add-dialog').waitFor({ state: 'visible' });
    const dialogText = await app.tid('add-dialog').innerText();
    assert.ok(!dialogText.includes('otpauth'), `no "otpauth://" in everyday text: ${dialogText}`);
    // QR first: the camera, then a screenshot, come before key entry and backup codes only.
    const order = await page.evaluate(() => ['start-camera', 'qr-image', 'uri-input', 'tab-manual', 'tab-codes']
      .map((id) => document.querySelector(`[data-testid=${id}]`).getBoundingClientRect().top));
    assert.deepEqual([...order].sort((x, y) => x - y), order, `ways in order: ${order}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-add-dialog-ja.png') });

    taps += 1;
    await app.tid('qr-image').setInputFiles(screenshot);
    await app.tid('add-preview').waitFor({ timeout: 15000 });
    assert.match(await app.tid('add-preview').textContent(), /Instagram \(hanako_t\)/);
    assert.equal(await focused(page), 'submit-add', 'the next action, Add, has focus');
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-add-found-ja.png') });
    await tap('submit-add');

    await app.tid('add-dialog').waitFor({ state: 'hidden' });
    const expected = totp(SECRET, NOW);
    await app.expectCode('Instagram', expected);
    assert.ok(taps <= 3, `code on screen after ${taps} taps`);
    assert.equal(taps, 3);
    const code = app.row('Instagram').getByTestId('code');
    const inSight = await code.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const sheet = document.querySelector('[data-testid=after-add]')?.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= (sheet ? sheet.top : innerHeight);
    });
    assert.ok(inSight, 'the new code is in sight, above the prompt');
    assert.ok((await said()).includes('Instagram (hanako_t) を追加しました。'), 'said once saved');

    // The prompt: backup codes? One tap opens the paste box for this account.
    await app.tid('after-add').waitFor();
    assert.match(await app.tid('after-add').textContent(), /バックアップコード/);
    assert.match(await app.tid('delete-screenshot').textContent(), /スクリーンショット/);
    await focusOn(page, 'after-add-codes');
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-add-after-ja.png') });
    await app.tid('after-add-codes').click();
    await app.tid('backup-dialog').waitFor({ state: 'visible' });
    assert.match(await app.tid('backup-dialog').textContent(), /Instagram/);
    assert.equal(await app.tid('after-add').count(), 0, 'the prompt is answered');
    await app.tid('codes-paste').fill(CODES_BLOCK);
    assert.match(await app.tid('codes-found').textContent(), /10/);
    await app.tid('save-codes').click();
    await app.tid('codes-remaining').waitFor();
    assert.match(await app.tid('codes-remaining').textContent(), /10/);
    assert.equal((await app.tid('next-code-value').textContent()).trim(), CODES[0]);
    await app.tid('close-backup').click();
    await app.tid('backup-dialog').waitFor({ state: 'hidden' });
    await focusOn(page, 'add-button');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('a pasted bare key goes to key entry, a typed link is read whole on Add, a link pasted in any field is read, Escape gives focus back to the add button; screenshots in both languages', async () => {
  const b = await session(server, { locale: 'ja-JP', viewport: PHONE, time: NOW });
  try {
    const { app, page } = b;
    await app.open();

    // The key Instagram shows under "can't scan?", pasted into the paste box.
    await app.openAddDialog();
    await app.tid('uri-input').fill(SECRET.match(/.{4}/g).join(' '));
    await app.tid('manual-secret').waitFor();
    assert.equal((await app.tid('manual-secret').inputValue()).replace(/ /g, ''), SECRET);
    await focusOn(page, 'manual-issuer');
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-add-key-ja.png') });
    // Escape: the dialog closes and focus is back on the button that opened it.
    await page.keyboard.press('Escape');
    await app.tid('add-dialog').waitFor({ state: 'hidden' });
    await focusOn(page, 'add-button');

    // A link typed key by key (by hand, or by a keyboard tool): nothing is taken half-way through
    // (16 characters of the key already make a valid link); Add reads the whole of it.
    await app.openAddDialog();
    await app.tid('uri-input').click();
    await page.keyboard.type(TYPED_LINK);
    assert.equal(await app.tid('uri-input').inputValue(), TYPED_LINK, 'the box keeps every typed character');
    await app.tid('submit-add').click();
    await app.tid('add-preview').waitFor();
    assert.match(await app.tid('add-preview').textContent(), /Typed \(hanako_t\)/);
    await app.tid('submit-add').click();
    await app.tid('after-add').waitFor();
    await app.expectCode('Typed', totp(TYPED_SECRET, NOW));
    await app.tid('after-add-later').click();
    await app.tid('after-add').waitFor({ state: 'hidden' });

    // A link pasted into the name field of key entry is read as a link.
    await app.openKeyEntry();
    await app.tid('manual-name').fill(LINK);
    await app.tid('add-preview').waitFor();
    assert.match(await app.tid('add-preview').textContent(), /Instagram \(hanako_t\)/);
    await app.tid('cancel-add').click();
    await focusOn(page, 'add-button');

    // Import from another app: in the settings, not in the header; closing it gives focus back.
    await app.openImport();
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-import-ja.png') });
    await app.tid('close-transfer').click();
    await focusOn(page, 'open-import');

    // English: the dialog and the prompt.
    await app.chooseLanguage('en');
    await app.openAddDialog();
    assert.ok(!(await app.tid('add-dialog').innerText()).includes('otpauth'));
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-add-dialog-en.png') });
    await app.tid('uri-input').fill(LINK);
    await app.tid('submit-add').click();
    await app.tid('after-add').waitFor();
    await app.expectCode('Instagram', totp(SECRET, NOW));
    assert.match(await app.tid('after-add').textContent(), /Added Instagram \(hanako_t\)\..*backup codes/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-add-after-en.png') });
    await app.tid('after-add-later').click();
    await app.tid('after-add').waitFor({ state: 'hidden' });
    await focusOn(page, 'add-button');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
