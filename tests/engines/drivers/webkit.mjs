// WebKitGTK (Debian's webkit2gtk-driver: WebKitWebDriver driving MiniBrowser) under xvfb, through
// webdriverio 9 over classic WebDriver: this driver has no BiDi, so page errors come from the test
// server's same-origin hook (startServer({ hook: true })), not from the driver.
import { remote } from 'webdriverio';
import { spawn, execFileSync } from 'node:child_process';
import net from 'node:net';
import { sel, withReads } from './common.mjs';

export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

async function waitForPort(port, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => { c.end(); resolve(true); }).on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`WebKitWebDriver did not listen on ${port} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The WebKitGTK version, from its Debian package. */
export function webkitVersion() {
  const out = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'libwebkit2gtk-4.1-0']).toString();
  return `WebKitGTK ${out}`;
}

/** Launches a session; a driver that fails to start once (xvfb or MiniBrowser slow to come up on a
 * busy machine) gets one more try. */
export async function open() {
  try {
    return await openOnce();
  } catch (e) {
    console.log(`# webkit: the driver did not start (${e.message}); trying once more`);
    return openOnce();
  }
}

async function openOnce() {
  const port = await freePort();
  // Its own process group, so closing ends xvfb, the driver and the browser together.
  const driver = spawn('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', 'WebKitWebDriver', `--port=${port}`],
    { detached: true, stdio: 'ignore' });
  const kill = () => { try { process.kill(-driver.pid, 'SIGTERM'); } catch { /* already gone */ } };
  let browser;
  try {
    await waitForPort(port, 30000);
    browser = await remote({
      hostname: '127.0.0.1', port, path: '/', logLevel: 'error', connectionRetryTimeout: 120000,
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      },
    });
    await browser.setWindowSize(1000, 800).catch(() => {});
  } catch (e) {
    kill();
    throw e;
  }
  return withReads({
    name: 'webkit',
    version: webkitVersion(),
    errors: [], // no driver events: the server's hook reports instead
    goto: (url) => browser.url(url).then(() => {}),
    reload: () => browser.refresh().then(() => {}),
    async fill(t, text) {
      const e = await browser.$(sel(t));
      await e.waitForDisplayed({ timeout: 30000 });
      await e.setValue(text);
    },
    async click(t) {
      const e = await browser.$(sel(t));
      await e.waitForClickable({ timeout: 30000 });
      await e.click();
    },
    async setFile(t, file) {
      const e = await browser.$(sel(t));
      await e.waitForExist({ timeout: 30000 });
      await browser.elementSendKeys(e.elementId, file);
    },
    // eslint-disable-next-line no-new-func
    eval: (fn, arg) => browser.execute(`return (${fn})(arguments[0])`, arg ?? null),
    screenshot: (file) => browser.saveScreenshot(file).then(() => {}),
    async close() {
      await browser.deleteSession().catch(() => {});
      kill();
    },
  });
}
