// The list on phones from 320 to 430 px, in Japanese and English, with one row of each kind (a
// time-based code, a counter-based code with its "next code" button, Steam, and a site kept only
// for its backup codes): the service's name is shown whole (the account name gives way first), no
// control of a row lies over another, the copied mark leaves the name alone, and every row has a
// labelled backup-codes control, also in its ⋯ menu. A screenshot per width and language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer } from './lib/server.mjs';
import { launch, ARTIFACTS } from './lib/browser.mjs';
import { AppPage } from './lib/app.mjs';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const KINDS = [
  ['Instagram', 'hanako.yamada_official', `otpauth://totp/Instagram:hanako.yamada_official?secret=${SECRET}&issuer=Instagram`],
  ['Yahoo! JAPAN', 'hanako_yamada2024', `otpauth://hotp/${encodeURIComponent('Yahoo! JAPAN')}:hanako_yamada2024?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=${encodeURIComponent('Yahoo! JAPAN')}&counter=3`],
  ['Steam', 'hanako_games_2024', 'otpauth://totp/Steam:hanako_games_2024?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Steam&encoder=steam'],
];
const CODES_ONLY = ['PlayStation Network', 'yamada-hanako-ps5@example.jp', '1234567890\n2345678901\n3456789012\n4567890123\n5678901234'];
const WIDTHS = [320, 360, 390, 430];

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

/** For every row: its issuer's width against what it needs, and each pair of its controls that overlap. */
const measure = (page) => page.$$eval('[data-testid=account-row]', (rows) => rows.map((r) => {
  const issuer = r.querySelector('[data-testid=issuer]');
  const parts = ['copy', 'reveal-code', 'countdown', 'next-code', 'backup-button', 'row-menu', 'issuer', 'name']
    .map((id) => [id, r.querySelector(`[data-testid=${id}]`)])
    .filter(([, el]) => el && el.getClientRects().length)
    .map(([id, el]) => [id, el.getBoundingClientRect()]);
  const overlaps = [];
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      const [a, p] = parts[i];
      const [b, q] = parts[j];
      const x = Math.min(p.right, q.right) - Math.max(p.left, q.left);
      const y = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      if (x > 0.5 && y > 0.5) overlaps.push(`${a}×${b} ${Math.round(x)}×${Math.round(y)} px`);
    }
  }
  const row = r.getBoundingClientRect();
  const outside = parts.filter(([, b]) => b.left < row.left - 0.5 || b.right > row.right + 0.5).map(([id]) => id);
  return {
    issuer: issuer.textContent,
    cut: issuer.scrollWidth > issuer.clientWidth,
    overlaps,
    outside,
    label: r.querySelector('[data-testid=backup-button]')?.innerText.trim() ?? '',
  };
}));

test('every row kind at 320, 360, 390 and 430 px, ja and en: names whole, no overlap, labelled codes control', async () => {
  const b = await launch({ locale: 'ja-JP', viewport: { width: 390, height: 844 } });
  try {
    const { page } = b;
    const app = new AppPage(page, server.url);
    await app.open();
    for (const [, , uri] of KINDS) await app.addByUri(uri);
    await app.openCodesOnly();
    await app.tid('site-issuer').fill(CODES_ONLY[0]);
    await app.tid('site-name').fill(CODES_ONLY[1]);
    await app.tid('codes-paste').fill(CODES_ONLY[2]);
    await app.tid('submit-add').click();
    await app.tid('add-dialog').waitFor({ state: 'hidden' });
    await app.expectRows(4);
    await app.dismissAfterAdd();

    // The codes control is in the row's menu too, and opens the same dialog.
    await app.rowAction('Instagram', 'menu-backup-codes');
    await app.tid('backup-dialog').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await app.tid('backup-dialog').waitFor({ state: 'hidden' });

    // A copied code: its mark stays off the service's name.
    await app.copyCode('Instagram');
    await app.row('Instagram').locator('.copied-mark').waitFor();
    const cover = await app.row('Instagram').evaluate((r) => {
      const mark = r.querySelector('.copied-mark')?.getBoundingClientRect();
      const issuer = r.querySelector('[data-testid=issuer]').getBoundingClientRect();
      const code = r.querySelector('[data-testid=copy]').getBoundingClientRect();
      const hit = (p, q) => Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 0.5 && Math.min(p.right, q.right) - Math.max(p.left, q.left) > 0.5;
      const codes = r.querySelector('[data-testid=backup-button]').getBoundingClientRect();
      return { mark: !!mark, issuer: (mark && hit(mark, issuer)) || hit(code, issuer), codes: !!mark && hit(mark, codes) };
    });
    assert.ok(cover.mark, 'a copied code is marked');
    assert.equal(cover.issuer, false, 'the copy highlight stays off the issuer');
    assert.equal(cover.codes, false, 'the copied mark stays off the backup-codes control');

    const problems = [];
    for (const lang of ['ja', 'en']) {
      await app.chooseLanguage(lang);
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 844 });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const rows = await measure(page);
        assert.equal(rows.length, 4);
        for (const r of rows) {
          if (r.cut) problems.push(`${lang} ${width}: "${r.issuer}" is cut`);
          for (const o of r.overlaps) problems.push(`${lang} ${width}: ${r.issuer}: ${o}`);
          if (r.outside.length) problems.push(`${lang} ${width}: ${r.issuer}: outside the row: ${r.outside.join(', ')}`);
          if (!/backup codes|バックアップコード/i.test(r.label)) problems.push(`${lang} ${width}: ${r.issuer}: codes control reads "${r.label}"`);
        }
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `no sideways scroll at ${width} px (${lang})`);
        await app.rows().first().scrollIntoViewIfNeeded();
        await page.evaluate(() => document.querySelector('[data-testid=account-row]').scrollIntoView({ block: 'start' }));
        await page.screenshot({ path: path.join(ARTIFACTS, `layout-${lang}-${width}.png`) });
      }
    }
    assert.deepEqual(problems, []);
  } finally {
    await b.close();
  }
});
