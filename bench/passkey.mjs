// Unlock -> first code by passkey, beside unlock by passphrase at the default Argon2id parameters,
// in the same page of headless Chromium (the release build in dist/). The passkey is Chromium's
// virtual platform authenticator with user verification and PRF (CDP), which answers at once: the
// figure is the app's own cost (the WebAuthn call, HKDF, unwrap, decrypt, first render), not a
// person's finger. Figures, not pass/fail. `node bench/passkey.mjs` after a release build.
import { chromium } from 'playwright-core';
import { startServer } from '../tests/e2e/lib/server.mjs';
import { CHROMIUM_ARGS as E2E_ARGS } from '../tests/e2e/lib/browser.mjs';

const CHROMIUM_ARGS = E2E_ARGS.filter((a) => !a.startsWith('--js-flags'));
const RUNS = Number(process.env.BENCH_UNLOCKS ?? 7);
const PASS = 'correct horse battery staple';
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

// Marks the click on either unlock button and the first code on screen, in page time.
const OBSERVER = () => {
  window.__marks = {};
  new MutationObserver(() => {
    if (window.__marks.click && !window.__marks.code && document.querySelector('[data-testid=code]')) window.__marks.code = performance.now();
  }).observe(document, { childList: true, subtree: true });
  document.addEventListener('click', (e) => {
    if (e.target.closest?.('[data-testid=unlock], [data-testid=unlock-passkey]')) window.__marks.click = performance.now();
  }, true);
};

const server = await startServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(OBSERVER);
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  await cdp.send('WebAuthn.addVirtualAuthenticator', { options: {
    protocol: 'ctap2', ctap2Version: 'ctap2_1', transport: 'internal', hasResidentKey: true,
    hasUserVerification: true, isUserVerified: true, hasPrf: true, automaticPresenceSimulation: true,
  } });
  // WebAuthn refuses an IP address as relying party.
  await page.goto(server.url.replace('127.0.0.1', 'localhost'));
  await page.getByTestId('new-pass').fill(PASS);
  await page.getByTestId('new-pass-confirm').fill(PASS);
  await page.getByTestId('create-vault').click();
  await page.getByTestId('add-button').waitFor({ timeout: 60000 });
  for (const issuer of ['GitHub', 'Google', 'Instagram']) {
    await page.getByTestId('add-button').click();
    await page.getByTestId('uri-input').fill(`otpauth://totp/${issuer}:me?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ`);
    await page.getByTestId('submit-add').click();
    await page.getByTestId('add-dialog').waitFor({ state: 'hidden' });
  }
  await page.locator('[data-testid=settings] summary').click();
  await page.getByTestId('add-passkey').click();
  await page.getByTestId('passkey-item').waitFor({ timeout: 30000 });

  const byPasskey = [], byPassphrase = [];
  for (let i = 0; i < RUNS; i++) {
    for (const way of ['passkey', 'passphrase']) {
      await page.reload();
      await page.getByTestId('unlock-screen').waitFor();
      if (way === 'passphrase') await page.getByTestId('unlock-pass').fill(PASS);
      await page.waitForTimeout(1500); // the parts and the worker load while the screen is read
      await page.getByTestId(way === 'passkey' ? 'unlock-passkey' : 'unlock').click();
      await page.getByTestId('code').first().waitFor({ timeout: 60000 });
      await page.waitForTimeout(100);
      const m = await page.evaluate(() => window.__marks);
      (way === 'passkey' ? byPasskey : byPassphrase).push(m.code - m.click);
    }
  }
  const line = (xs) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
  console.log(`\nUnlock clicked -> first code on screen, 3-account vault, ${RUNS} runs each, alternating in one page:`);
  console.log(`  by passkey (virtual platform authenticator, PRF + HKDF-SHA256): ${line(byPasskey)}  (target <= 150 ms)`);
  console.log(`  by passphrase (Argon2id m=65536 KiB, t=3, p=1 in the worker):  ${line(byPassphrase)}`);
  console.log(`  ratio passphrase / passkey (medians): ${(median(byPassphrase) / median(byPasskey)).toFixed(1)}x`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
