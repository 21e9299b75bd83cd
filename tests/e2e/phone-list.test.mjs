// The list on a phone, in Japanese, as a person with eight real accounts meets it at 390×844:
// at least six rows with their codes on the first screen (measured), a tap on a code copies it
// (checked against an independent TOTP) without moving anything, every control of a row is at
// least 44×44 px, the row menu works by keyboard, a code about to change is copied with a hint
// (from a tap and from Enter in the search), and "mark used" then Enter uses one backup code,
// not two. Screenshots of the list in both languages, three widths, light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, ROOT } from './lib/server.mjs';
import { launch, ARTIFACTS } from './lib/browser.mjs';
import { AppPage } from './lib/app.mjs';
import { totp } from './lib/otp.mjs';

const VIEW = { width: 390, height: 844 };
// Real-length names, Japanese and English, each with its own secret.
const ACCOUNTS = [
  ['Instagram', 'hanako.yamada_official', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'],
  ['Google', 'yamada.hanako.work@gmail.com', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'],
  ['楽天会員', 'rakuten-taro@example.co.jp', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U'],
  ['Yahoo! JAPAN', 'hanako_yamada2024', 'ONSWG4TFORZWK3DFNBSWY3DPEB3W64TM'],
  ['メルカリ', '山田花子（個人用）', 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA'],
  ['Microsoft', 'hanako.yamada@outlook.jp', 'NJ2W24DTEBXXMZLSEB2GQZJANRQXU6JA'],
  ['PlayStation Network', 'hanako_ps5_player', 'MRXWOIDBNZSCA5DIMUQGM33YEBVHK3LQ'],
  ['三井住友カード', 'yamada-hanako-card@example.jp', 'OMQG64TFEB2GQZJAONUGK3DMEBQW4ZBA'],
];
const uri = ([issuer, name, secret]) =>
  `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(name)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;
const plain = (grouped) => grouped.replace(/\s/g, '');
const BLOCK = fs.readFileSync(path.join(ROOT, 'tests/fixtures/backup_codes/instagram_en.txt'), 'utf8');

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

/** Bounding boxes of every row, in order. */
const rowBoxes = (page) => page.$$eval('[data-testid=account-row]', (rows) => rows.map((r) => {
  const b = r.getBoundingClientRect();
  return { top: b.top, left: b.left, width: b.width, height: b.height };
}));

test('phone, Japanese: six rows with codes on screen, tap to copy, 44 px targets, keyboard menu, the about-to-change hint, one backup code per mark', async () => {
  const b = await launch({ locale: 'ja-JP', viewport: VIEW });
  try {
    const { page, context } = b;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
    // The page clock starts at the real time (so the clock check finds no offset) and is moved by
    // the test to chosen points of a period.
    await page.clock.install({ time: Date.now() });
    const app = new AppPage(page, server.url);
    await app.open();
    for (const a of ACCOUNTS) await app.addByUri(uri(a));
    await app.expectRows(ACCOUNTS.length);
    await page.evaluate(() => window.scrollTo(0, 0));

    // At least six rows, each with its code, wholly inside the first screen.
    const inside = await page.$$eval('[data-testid=account-row]', (rows, h) => rows.filter((r) => {
      const box = r.getBoundingClientRect();
      const code = r.querySelector('[data-testid=code]')?.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= h && code && code.top >= 0 && code.bottom <= h && code.width > 0;
    }).length, VIEW.height);
    const boxes = await rowBoxes(page);
    console.log(`phone-list: ${inside} of ${ACCOUNTS.length} rows fully on screen at 390x844 (ja); row heights ${boxes.map((x) => Math.round(x.height)).join(', ')} px; first row top ${Math.round(boxes[0].top)} px`);
    assert.ok(inside >= 6, `${inside} rows with their codes on the first screen`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-list-ja-390.png') });

    // Every control of a row is at least 44×44 px.
    const small = await page.$$eval('[data-testid=account-row] button', (buttons) => buttons
      .map((el) => ({ id: el.dataset.testid, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 44 || box.height < 44)
      .map(({ id, box }) => `${id} ${Math.round(box.width)}×${Math.round(box.height)}`));
    assert.deepEqual(small, [], 'controls smaller than 44×44 px');

    // A tap on the code copies it; no row moves. The clock check's first answer changes the
    // clock line (as it should); it must come before the page clock is paused below, or it would
    // land during the copy and be taken for a row moved by the copy.
    await page.waitForFunction(() => document.querySelector('[data-testid=clock-panel]')?.dataset.offsetMs !== undefined
      || document.querySelector('[data-testid=clock-error]'));
    const now = await page.evaluate(() => Date.now());
    const mid = now - (now % 30_000) + 30_000 + 10_000; // 10 s into the next period
    await page.clock.pauseAt(mid);
    const [issuer, , secret] = ACCOUNTS[0];
    await app.expectCode(issuer, totp(secret, mid));
    const before = await rowBoxes(page);
    await app.copyCode(issuer);
    await app.row(issuer).getByTestId('copy').getByText('コピーしました').waitFor();
    await app.tid('copy-toast').getByText(`${issuer}`).waitFor();
    assert.deepEqual(await rowBoxes(page), before, 'no row moved when the code was copied');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), plain(totp(secret, mid)));
    assert.equal(await app.tid('copy-soon').count(), 0, 'no hint with 20 s left');

    // Two seconds before the period ends: still copied, with a visible hint to wait.
    const late = mid + 18_000;
    await page.clock.pauseAt(late);
    const [g, , gSecret] = ACCOUNTS[1];
    await app.copyCode(g);
    await app.tid('copy-soon').waitFor();
    assert.match(await app.tid('copy-soon').textContent(), /まもなく切り替わります/);
    assert.ok(await app.tid('copy-soon').isVisible());
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), plain(totp(gSecret, late)));
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-list-copy-soon-ja-390.png') });
    // Enter in the search gives the same visible note.
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await app.tid('search').fill('Microsoft');
    await app.expectRows(1);
    await app.tid('search').press('Enter');
    await app.tid('copy-toast').getByText('Microsoft').waitFor();
    await app.tid('copy-soon').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), plain(totp(ACCOUNTS[5][2], late)));
    await app.tid('search').press('Escape');
    await app.expectRows(ACCOUNTS.length);
    await page.clock.resume();

    // The row menu by keyboard: Enter opens it on its first item, arrows, Home and End move,
    // Escape closes it and gives the focus back; Space opens it too, Tab leaves it.
    const focused = () => page.evaluate(() => document.activeElement?.dataset.testid);
    const menuButton = app.row(issuer).getByTestId('row-menu');
    assert.match(await menuButton.getAttribute('aria-label'), /Instagram/);
    await menuButton.focus();
    await page.keyboard.press('Enter');
    await app.row(issuer).getByTestId('row-menu-list').waitFor();
    assert.equal(await menuButton.getAttribute('aria-expanded'), 'true');
    assert.equal(await focused(), 'edit');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'pin');
    await page.keyboard.press('End');
    assert.equal(await focused(), 'delete');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'edit', 'the arrows wrap around');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), 'delete');
    await page.keyboard.press('Home');
    assert.equal(await focused(), 'edit');
    const items = await app.row(issuer).getByTestId('row-menu-list').locator('[role=menuitem]').evaluateAll((els) => els.map((e) => ({
      name: e.textContent.trim(), h: e.getBoundingClientRect().height, w: e.getBoundingClientRect().width,
    })));
    assert.ok(items.every((i) => i.name && i.h >= 44 && i.w >= 44), JSON.stringify(items));
    assert.ok(items.some((i) => i.name.startsWith('QRコードを表示')), 'the export item says what it does');
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-list-menu-ja-390.png') });
    await page.keyboard.press('Escape');
    await app.row(issuer).getByTestId('row-menu-list').waitFor({ state: 'detached' });
    assert.equal(await focused(), 'row-menu');
    assert.equal(await page.evaluate(() => document.activeElement.closest('[data-testid=account-row]').querySelector('[data-testid=issuer]').textContent), issuer);
    await page.keyboard.press(' ');
    await app.row(issuer).getByTestId('row-menu-list').waitFor();
    assert.equal(await focused(), 'edit');
    await page.keyboard.press('Tab');
    await app.row(issuer).getByTestId('row-menu-list').waitFor({ state: 'detached' });
    // Pin from the menu by keyboard: the row shows it is pinned.
    await menuButton.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'pin');
    await page.keyboard.press('Enter');
    await app.row(issuer).getByTestId('pinned').waitFor();

    // Backup codes: "mark used" by keyboard, then Enter again: one code used, not two.
    await app.row(issuer).getByTestId('backup-button').click();
    await app.tid('backup-dialog').waitFor({ state: 'visible' });
    await app.tid('codes-paste').fill(BLOCK);
    const total = (await app.tid('codes-lines').inputValue()).split('\n').length;
    await app.tid('save-codes').click();
    await app.tid('mark-next').waitFor();
    const next = (await app.tid('next-code-value').textContent()).trim();
    await app.tid('mark-next').focus();
    await page.keyboard.press('Enter');
    await app.tid('marked-note').waitFor();
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'marked-note');
    assert.ok((await app.tid('marked-note').textContent()).includes(next), 'the note names the code marked');
    await page.keyboard.press('Enter');
    // A barrier: one more (explicit) mark, saved after anything the second Enter could have done.
    await app.saved(() => app.tid('mark-code').last().click());
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=backup-code].used').length === 2);
    const used = await app.tid('backup-code').evaluateAll((els) => els.filter((e) => e.classList.contains('used')).length);
    assert.equal(used, 2, 'the first mark and the explicit one; the second Enter used nothing');
    assert.match(await app.tid('codes-remaining').textContent(), new RegExp(`${total - 2}`));
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-backup-marked-ja-390.png') });
    await app.tid('close-backup').click();
    await app.tid('backup-dialog').waitFor({ state: 'hidden' });

    // The list in both languages, three phone widths, light and dark: the first screen each time.
    for (const lang of ['ja', 'en']) {
      await app.chooseLanguage(lang);
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const width of [320, 360, 390]) {
          await page.setViewportSize({ width, height: VIEW.height });
          await page.evaluate(() => window.scrollTo(0, 0));
          // Nothing spills sideways at this width.
          assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `no sideways scroll at ${width} px (${lang}, ${scheme})`);
          // The app's name in the header is read whole, not cut to "Authenti…".
          const title = await page.evaluate(() => { const h = document.querySelector('header.top .brand'); return [h.textContent, h.scrollWidth, h.clientWidth]; });
          assert.ok(title[1] <= title[2], `the title "${title[0]}" fits at ${width} px (${lang}): ${title[1]} > ${title[2]} px`);
          await page.screenshot({ path: path.join(ARTIFACTS, `phone-list-${lang}-${width}-${scheme}.png`) });
        }
      }
    }
    // The last thing said named a code; lock leaves nothing of it for the lock screen.
    assert.match(await app.tid('status').textContent(), /使用済み/);
    await app.tid('lock').click();
    await app.tid('unlock-screen').waitFor();
    assert.equal(await app.tid('status').textContent(), '', 'the status is cleared on lock');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
