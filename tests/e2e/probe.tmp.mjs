import { startServer } from '/work/main/tests/e2e/lib/server.mjs';
import { launch } from '/work/main/tests/e2e/lib/browser.mjs';
import { AppPage } from '/work/main/tests/e2e/lib/app.mjs';
const server = await startServer({ clockOffsetMs: 93400 });
const b = await launch();
const app = new AppPage(b.page, server.url);
await app.open();
const panel = app.tid('clock-panel');
for (let i = 0; i < 8; i++) {
  const n = Number(await panel.getAttribute('data-syncs'));
  if (i > 0) { await app.tid('clock-panel').locator('summary').click().catch(()=>{}); await app.tid('sync-now').click(); }
  await b.page.waitForFunction((n) => Number(document.querySelector('[data-testid=clock-panel]').dataset.syncs) > n - (0), n, { timeout: 10000 });
  await b.page.waitForFunction(() => !document.querySelector('[data-testid=sync-now]')?.disabled, null, { timeout: 10000 }).catch(()=>{});
  console.log(i, await panel.getAttribute('data-offset-ms'), await panel.getAttribute('data-uncertainty-ms'), await panel.getAttribute('data-requests'), await panel.getAttribute('data-duration-ms'));
}
await b.close(); await server.close();
