// Takes the screenshots a person sees, for looking at them (not a test): the list with 8 accounts,
// the add dialog, and the clock panel with the device clock 2 minutes fast, in Japanese and
// English at phone size (390×844). Uses the built app in dist/ (run `trunk build --release
// --offline` first).
//
//   node scripts/screens.mjs <output-dir>
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../tests/e2e/lib/server.mjs';
import { launch } from '../tests/e2e/lib/browser.mjs';
import { AppPage } from '../tests/e2e/lib/app.mjs';

const out = path.resolve(process.argv[2] || 'screens');
fs.mkdirSync(out, { recursive: true });

const ACCOUNTS = [
  ['Instagram', 'hanako_tanaka'], ['Google', 'hanako.tanaka@gmail.com'], ['X', '@hanako_t'],
  ['楽天', 'hanako@example.jp'], ['PlayStation', 'hanako-psn'], ['GitHub', 'hanako-dev'],
  ['LINE', '田中花子'], ['Yahoo! JAPAN', 'hanako_t2026'],
];
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const link = ([issuer, name]) => `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(name)}?secret=${SECRET}&issuer=${encodeURIComponent(issuer)}`;

// The reference (the app's own server) is 2 minutes behind this device: the device is fast.
const server = await startServer({ clockOffsetMs: -120_000 });
try {
  for (const [lang, locale] of [['ja', 'ja-JP'], ['en', 'en-US']]) {
    const b = await launch({ locale, viewport: { width: 390, height: 844 } });
    try {
      const app = new AppPage(b.page, server.url);
      await app.open();
      for (const account of ACCOUNTS) await app.addByUri(link(account));
      // Let the clock sync finish and any after-add prompt settle.
      await b.page.waitForFunction(() => document.querySelector('[data-testid=clock-panel]')?.dataset.offsetMs !== undefined, null, { timeout: 15000 }).catch(() => {});
      await b.page.keyboard.press('Escape');
      await b.page.evaluate(() => window.scrollTo(0, 0));
      await b.page.waitForTimeout(300); // let a highlight or toast fade for a calm picture
      await b.page.screenshot({ path: path.join(out, `list-${lang}-390.png`) });
      await app.openAddDialog();
      await b.page.screenshot({ path: path.join(out, `add-${lang}-390.png`) });
      await b.page.keyboard.press('Escape');
      const panel = app.tid('clock-panel');
      if (await panel.count()) {
        if (await panel.locator('summary').count() && !(await panel.evaluate((d) => d.open === true))) await panel.locator('summary').first().click();
        await panel.scrollIntoViewIfNeeded();
        await b.page.screenshot({ path: path.join(out, `clock-${lang}-390.png`) });
      }
      console.log(`${lang}: done`);
    } finally {
      await b.close();
    }
  }
} finally {
  await server.close();
}
console.log(`screenshots in ${out}`);
