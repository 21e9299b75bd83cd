// Chromium through playwright-core (Debian's chromium, the flags the e2e suite uses).
import { launch } from '../../e2e/lib/browser.mjs';
import { execFileSync } from 'node:child_process';
import { sel, withReads } from './common.mjs';

export async function open() {
  const b = await launch();
  const { page } = b;
  return withReads({
    name: 'chromium',
    version: execFileSync('/usr/bin/chromium', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(),
    errors: b.errors,
    goto: (url) => page.goto(url).then(() => {}),
    reload: () => page.reload().then(() => {}),
    fill: (t, text) => page.locator(sel(t)).first().fill(text),
    click: (t) => page.locator(sel(t)).first().click(),
    setFile: (t, file) => page.locator(sel(t)).first().setInputFiles(file),
    // eslint-disable-next-line no-new-func
    eval: (fn, arg) => page.evaluate(`(${fn})(${JSON.stringify(arg ?? null)})`),
    screenshot: (file) => page.screenshot({ path: file, fullPage: true }).then(() => {}),
    close: () => b.close(),
  });
}
