// Debian's Firefox ESR through puppeteer-core 24 over WebDriver BiDi (no browser download; 25.x
// needs a newer node than Debian's, and playwright-core's BiDi Firefox fails on
// emulation.setMediaFeaturesOverride). A fresh profile per launch.
import puppeteer from 'puppeteer-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { sel, withReads } from './common.mjs';

export const FIREFOX = '/usr/bin/firefox-esr';

export async function open() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir,
    protocolTimeout: 120000,
    extraPrefsFirefox: { 'intl.accept_languages': 'en-US', 'browser.shell.checkDefaultBrowser': false },
  });
  const page = (await browser.pages())[0] ?? await browser.newPage();
  await page.setViewport({ width: 1000, height: 800 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  const el = async (t) => {
    const h = await page.waitForSelector(sel(t), { visible: true, timeout: 30000 });
    return h;
  };
  return withReads({
    name: 'firefox',
    version: execFileSync(FIREFOX, ['--version']).toString().trim(),
    errors,
    goto: (url) => page.goto(url).then(() => {}),
    reload: () => page.reload().then(() => {}),
    async fill(t, text) {
      const h = await el(t);
      // Select what is there, then type: the app listens to input events as a user makes them.
      await h.evaluate((e) => { e.focus(); e.select?.(); });
      await page.keyboard.press('Backspace');
      await h.type(text);
    },
    click: async (t) => (await el(t)).click(),
    setFile: async (t, file) => (await page.waitForSelector(sel(t), { timeout: 30000 })).uploadFile(file),
    eval: (fn, arg) => page.evaluate(`(${fn})(${JSON.stringify(arg ?? null)})`),
    screenshot: (file) => page.screenshot({ path: file, fullPage: true }).then(() => {}),
    async close() {
      await browser.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  });
}
