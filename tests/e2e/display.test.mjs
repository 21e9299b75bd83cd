// What the countdown and the clock panel show, as a user reads them: every row's bar agrees with
// the seconds written next to it, period after period, for two accounts sharing a period and one
// with its own; the clock panel gives one verdict, about the one measurement it shows, even when
// an older measurement is stored and the newest answer is refused; and the offset is printed no
// more (and no less) precisely than its ±. Time is Playwright's page clock; the reference is the
// test server, shifted with `clockOffsetMs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer } from './lib/server.mjs';
import { launch, ARTIFACTS } from './lib/browser.mjs';
import { AppPage } from './lib/app.mjs';

const SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const PHONE = { width: 390, height: 844 };
const PERIODS = { Alpha: 30, Bravo: 30, Charlie: 20 };
const link = (issuer) => `otpauth://totp/${issuer}:me?secret=${SEED}&issuer=${issuer}&period=${PERIODS[issuer]}`;
const pct = (x) => `${(x * 100).toFixed(1)}%`;

/** Waits until the start-up clock sync has finished, so jumps of the page clock cannot disturb it. */
async function syncDone(app) {
  await app.page.waitForFunction(() => Number(document.querySelector('[data-testid=clock-panel]')?.dataset.syncs) >= 1, null, { timeout: 15000 });
}

/** Every row as the user sees it, read in one go: how full its bar is (rendered width over its
 * track's) and the seconds its row shows (its own, or the shared "New codes in N s"). */
async function barsAndSeconds(page) {
  return page.evaluate(() => {
    const number = (el) => Number(el?.textContent.match(/\d+/)?.[0]);
    const shared = number(document.querySelector('[data-testid=countdown-shared]'));
    return [...document.querySelectorAll('[data-testid=account-row]')].map((row) => {
      const countdown = row.querySelector('[data-testid=countdown]');
      const bars = countdown.querySelectorAll('.bar');
      const track = countdown.querySelector('.track').getBoundingClientRect().width;
      const own = countdown.querySelector('[data-testid=secs]');
      return {
        issuer: row.querySelector('[data-testid=issuer]').textContent,
        bars: bars.length,
        filled: bars.length ? bars[bars.length - 1].getBoundingClientRect().width / track : NaN,
        secs: own ? number(own) : shared,
      };
    });
  });
}

/** Each bar within 5% of its text: "N s" means between N − 1 and N seconds are left. Rows of one
 * period agree with each other to the same 5%. */
async function expectBarsAgree(page, when) {
  const rows = await barsAndSeconds(page);
  assert.equal(rows.length, 3, when);
  for (const r of rows) {
    const p = PERIODS[r.issuer];
    assert.equal(r.bars, 1, `${when}: ${r.issuer} has one bar`);
    assert.ok(r.secs >= 1 && r.secs <= p, `${when}: ${r.issuer} shows ${r.secs} s`);
    const [lo, hi] = [(r.secs - 1) / p - 0.05, r.secs / p + 0.05];
    assert.ok(r.filled >= lo && r.filled <= hi, `${when}: ${r.issuer}'s bar is ${pct(r.filled)} full while its countdown says ${r.secs} s of ${p} s`);
  }
  const [a, b] = rows.filter((r) => PERIODS[r.issuer] === 30);
  assert.ok(Math.abs(a.filled - b.filled) <= 0.05, `${when}: same period, bars ${pct(a.filled)} and ${pct(b.filled)}`);
  return rows;
}

test('countdown bars agree with the seconds shown, period after period, by jumps and in real time', async () => {
  const server = await startServer();
  const b = await launch({ viewport: PHONE });
  try {
    const { page } = b;
    const app = new AppPage(page, server.url);
    // The page clock starts at the real time and runs with it, so the reference agrees with it.
    await page.clock.install({ time: Date.now() });
    await app.open();
    await syncDone(app);
    // Made at different moments, as accounts are.
    await app.addByUri(link('Alpha'));
    await page.clock.fastForward(4_100);
    await app.addByUri(link('Bravo'));
    await page.clock.fastForward(3_300);
    await app.addByUri(link('Charlie'));
    await expectBarsAgree(page, 'after adding');

    const start = await page.evaluate(() => Date.now());
    let previous = (await barsAndSeconds(page)).find((r) => r.issuer === 'Alpha').secs;
    let newPeriods = 0;
    // Jumps that land all over the periods (the lid closed and opened), with a check after each.
    for (const [i, jump] of [6_700, 6_700, 2_900, 9_100, 6_700, 11_300, 4_400, 6_700, 8_800, 6_700, 3_100, 13_700, 6_700].entries()) {
      await page.clock.fastForward(jump);
      await page.waitForTimeout(100);
      const rows = await expectBarsAgree(page, `jump ${i + 1} (${jump} ms)`);
      const secs = rows.find((r) => r.issuer === 'Alpha').secs;
      if (secs > previous) newPeriods += 1;
      previous = secs;
      // And as time runs by itself from there.
      if (i % 3 === 0) {
        await page.waitForTimeout(1_300);
        await expectBarsAgree(page, `1.3 s after jump ${i + 1}`);
      }
    }
    // Across a period's end as it comes by itself: the bars start full again with the new codes.
    for (let k = 0; k < 2; k += 1) {
      const now = await page.evaluate(() => Date.now());
      let wait = 30_000 - (now % 30_000) - 700;
      if (wait < 200) wait += 30_000;
      await page.clock.fastForward(wait);
      await page.waitForTimeout(100);
      await expectBarsAgree(page, `0.7 s before a period's end (${k + 1})`);
      await page.waitForTimeout(1_500);
      const rows = await expectBarsAgree(page, `0.8 s into a new period (${k + 1})`);
      assert.ok(rows.find((r) => r.issuer === 'Alpha').secs >= 29, 'a new period began');
      newPeriods += 1;
    }
    const end = await page.evaluate(() => Date.now());
    assert.ok(newPeriods >= 3 && Math.floor(end / 30_000) - Math.floor(start / 30_000) >= 3, `${newPeriods} new periods seen`);

    await page.screenshot({ path: path.join(ARTIFACTS, 'display-bars-en-390.png'), fullPage: true });
    await app.chooseLanguage('ja');
    await expectBarsAgree(page, 'in Japanese');
    await page.screenshot({ path: path.join(ARTIFACTS, 'display-bars-ja-390.png'), fullPage: true });
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
    await server.close();
  }
});

/** The clock panel's parts, as shown. */
async function readPanel(page) {
  return page.evaluate(() => {
    const q = (id) => document.querySelector(`[data-testid=${id}]`);
    return {
      summary: q('clock-summary').textContent,
      summaryClasses: [...q('clock-summary').classList],
      verdicts: [...document.querySelectorAll('[data-testid=clock-verdict]')].map((v) => ({ text: v.textContent, classes: [...v.classList] })),
      error: q('clock-error')?.textContent ?? null,
      offset: q('clock-offset')?.textContent ?? null,
      age: q('clock-age')?.textContent ?? null,
    };
  });
}

/** How loud a headline or verdict is, from its class. */
const severity = (classes) => ['wrong', 'risky', 'unconfirmed'].find((c) => classes.includes(c)) ?? 'fine';

test('an older measurement is stored and the newest answer is refused (two days off): one verdict', async () => {
  const server = await startServer({ clockOffsetMs: 2 * 86_400_000 });
  const b = await launch({ viewport: PHONE });
  try {
    const { page } = b;
    const app = new AppPage(page, server.url);
    await app.open();
    await app.tid('clock-error').waitFor({ timeout: 10000 });
    // An earlier visit, three hours ago, found the clock right (20 ms behind).
    await page.evaluate(() => localStorage.setItem('clock.measured', JSON.stringify({ offset_ms: 20, uncertainty_ms: 12, at_ms: Date.now() - 3 * 3_600_000 })));
    await page.reload();
    await app.unlock();
    await app.tid('clock-error').waitFor({ timeout: 10000 });
    await app.tid('clock-panel').locator('summary').click();
    await app.tid('clock-offset').waitFor();

    for (const [lang, words] of [
      ['en', { right: /right/, fine: /work as they are/, refused: /more than a day apart, so that check was not used/, age: /^3 h ago/ }],
      ['ja', { right: /正確/, fine: /そのまま使えます/, refused: /1日以上ずれています。この確認結果は使いませんでした/, age: /^3時間前/ }],
    ]) {
      await app.chooseLanguage(lang);
      const panel = await readPanel(page);
      assert.match(panel.error, words.refused, `${lang}: the refusal is shown`);
      assert.equal(panel.verdicts.length, 1, `${lang}: one verdict`);
      const [verdict] = panel.verdicts;
      // Not "your clock is right" next to "off by more than a day".
      assert.doesNotMatch(panel.summary, words.right, `${lang}: headline "${panel.summary}" beside "${panel.error}"`);
      assert.doesNotMatch(verdict.text, words.fine, `${lang}: verdict "${verdict.text}" beside "${panel.error}"`);
      assert.notEqual(severity(verdict.classes), 'fine', `${lang}: the verdict is not shown as fine`);
      assert.equal(severity(panel.summaryClasses), severity(verdict.classes), `${lang}: headline and verdict say the same`);
      // The facts are the measurement codes use: the stored one, with its age.
      assert.match(panel.age, words.age, `${lang}: age "${panel.age}"`);
      assert.match(panel.offset, /^\+0\.02\s?(s|秒)\s±\s0\.02\s?(s|秒)$/, `${lang}: offset "${panel.offset}"`);
      await page.screenshot({ path: path.join(ARTIFACTS, `display-clock-refused-${lang}-390.png`), fullPage: true });
    }
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
    await server.close();
  }
});

/** "+0.37 s ± 0.02 s" → numbers in ms and the decimals each was printed with. */
function parseOffset(shown) {
  const text = shown.replace(/\u00a0/g, ' '); // no-break spaces keep "± 0.02 s" on one line
  const m = text.match(/^([+−])(?:(\d+) ?(?:h|時間) ?)?(?:(\d+) ?(?:min|分) ?)?(\d+)(?:\.(\d+))? ?(s|秒) ± (\d+)(?:\.(\d+))? ?(s|秒)$/);
  assert.ok(m, `offset text "${text}"`);
  const [, sign, h = '0', min = '0', s, frac = '', unit, pmWhole, pmFrac = '', pmUnit] = m;
  assert.equal(unit, pmUnit, `"${text}": the offset and its ± in one unit`);
  const secs = Number(h) * 3600 + Number(min) * 60 + Number(`${s}.${frac || '0'}`);
  return {
    offsetMs: (sign === '−' ? -1 : 1) * secs * 1000,
    pmMs: Number(`${pmWhole}.${pmFrac || '0'}`) * 1000,
    decimals: frac.length,
    pmDecimals: pmFrac.length,
  };
}

test('a reference 370 ms ahead: the offset is printed to the precision of its ±, in both languages', async () => {
  const server = await startServer({ clockOffsetMs: 370 });
  const b = await launch({ viewport: PHONE });
  try {
    const { page } = b;
    const app = new AppPage(page, server.url);
    await app.open();
    await app.addByUri(link('Alpha'));
    await page.waitForFunction(() => document.querySelector('[data-testid=clock-panel]')?.dataset.offsetMs !== undefined, null, { timeout: 10000 });
    const panelEl = app.tid('clock-panel');
    const measured = Number(await panelEl.getAttribute('data-offset-ms'));
    const uncertainty = Number(await panelEl.getAttribute('data-uncertainty-ms'));
    await panelEl.locator('summary').click();
    await app.tid('clock-offset').waitFor();

    for (const lang of ['en', 'ja']) {
      await app.chooseLanguage(lang);
      const text = await app.tid('clock-offset').textContent();
      const shown = parseOffset(text);
      assert.equal(shown.decimals, shown.pmDecimals, `"${text}": offset and ± to the same place`);
      const unit = 10 ** (3 - shown.decimals);
      // Not more precise than the ± allows: the printed interval holds the measured one
      // (the data attributes carry the measurement to 0.1 ms; 1e-9 for the sum's float error:
      // 368 vs 368.3 ± 8.8 against ± 9 is 9.100000000000012 ≤ 9.1).
      assert.ok(Math.abs(shown.offsetMs - measured) + uncertainty <= shown.pmMs + 0.1 + 1e-9,
        `"${text}" for a measured ${measured} ± ${uncertainty} ms`);
      assert.ok(Math.abs(shown.offsetMs - 370) <= shown.pmMs + 5, `"${text}" for a true +370 ms`);
      // Nor misleadingly coarse: the ± is not padded beyond its own rounding.
      assert.ok(shown.pmMs <= 2 * (uncertainty + unit), `"${text}" for ± ${uncertainty} ms`);
      // The words carry no figure (the figures are in the details) and agree with them: 0.37 s
      // off is a right clock, with nothing more to say about it.
      const status = await app.tid('clock-verdict').textContent();
      assert.doesNotMatch(status, /\d/, `status "${status}" next to "${text}"`);
      assert.match(status, lang === 'en' ? /right/ : /正確/);
      assert.equal(await app.tid('clock-summary').count(), 0, `no drift said next to "${text}"`);
      await page.screenshot({ path: path.join(ARTIFACTS, `display-clock-370ms-${lang}-390.png`), fullPage: true });
    }
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
    await server.close();
  }
});
