// Page object: what a user sees and does, addressed by data-testid.
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { readRecord } from './idb.mjs';

export const PASSPHRASE = 'correct horse battery staple';

export class AppPage {
  constructor(page, url) {
    this.page = page;
    this.url = url;
  }
  tid(id) { return this.page.getByTestId(id); }

  /** The new-passphrase meter's verdict on what is typed now. The estimator lives in its own
   *  module: until it has answered the meter is `aria-busy` ("Checking…"), so this waits. */
  async strength() {
    await this.page.waitForFunction(() => document.querySelector('[data-testid=strength]')?.getAttribute('aria-busy') !== 'true');
    return (await this.tid('strength').textContent()).trim();
  }

  /** Opens the app; on a fresh profile creates the vault, on a stored one unlocks it. */
  async open(passphrase = PASSPHRASE) {
    await this.page.goto(this.url);
    await this.page.locator('[data-testid=create-screen], [data-testid=unlock-screen], [data-testid=add-button]').first().waitFor();
    if (await this.tid('create-screen').isVisible()) await this.createVault(passphrase);
    else if (await this.tid('unlock-screen').isVisible()) await this.unlock(passphrase);
  }
  async createVault(passphrase = PASSPHRASE) {
    await this.tid('new-pass').fill(passphrase);
    await this.tid('new-pass-confirm').fill(passphrase);
    await this.tid('create-vault').click();
    await this.tid('add-button').waitFor({ timeout: 15000 });
  }
  async unlock(passphrase = PASSPHRASE) {
    await this.tid('unlock-pass').fill(passphrase);
    await this.tid('unlock').click();
    await this.page.locator('[data-testid=add-button], [data-testid=problem]').first().waitFor({ timeout: 15000 });
  }
  async openAddDialog() {
    await this.tid('add-button').click();
    await this.tid('add-dialog').waitFor({ state: 'visible' });
  }
  /** Opens the add dialog and pastes `uri` into its paste box (a link shows what it holds). */
  async pasteUri(uri) {
    await this.openAddDialog();
    await this.tid('uri-input').fill(uri);
  }
  /** Opens the add dialog's key entry ("Enter a setup key"). */
  async openKeyEntry() {
    await this.openAddDialog();
    await this.tid('tab-manual').click();
    await this.tid('manual-issuer').waitFor();
  }
  /** Opens the add dialog's "backup codes only" form. */
  async openCodesOnly() {
    await this.openAddDialog();
    await this.tid('tab-codes').click();
    await this.tid('site-issuer').waitFor();
  }
  /** Answers the prompt shown after adding ("did the site give backup codes?") with "Not now",
   * if it is there. */
  async dismissAfterAdd() {
    if (await this.tid('after-add').isVisible()) await this.tid('after-add-later').click();
  }
  /** Opens "Import from another app" from the settings. */
  async openImport() {
    await this.openSettings();
    await this.tid('open-import').click();
    await this.tid('transfer-dialog').waitFor({ state: 'visible' });
  }
  /** Pastes `uri` and presses Add; resolves when the dialog has closed (the save may still be
   * under way, or fail: see `addByUri`). */
  async submitUri(uri) {
    await this.pasteUri(uri);
    await this.tid('submit-add').click();
    await this.tid('add-dialog').waitFor({ state: 'hidden' });
  }
  /** Adds the account `uri`; resolves once its row is on screen and the question that follows
   * (backup codes?) is answered "Not now". */
  async addByUri(uri) {
    const before = await this.rows().count();
    await this.submitUri(uri);
    // The dialog closes at once; the row appears once the vault is sealed and stored, and with
    // it the prompt about backup codes.
    await this.page.waitForFunction((n) => document.querySelectorAll('[data-testid=account-row]').length > n, before, { timeout: 10000 });
    await this.tid('after-add-later').click();
    await this.tid('after-add').waitFor({ state: 'hidden' });
  }
  /** Waits (up to `timeout`) until exactly `n` rows are on screen, then asserts it: a change that
   * is saved first shows its rows only once the vault is sealed and stored. */
  async expectRows(n, message, timeout = 10000) {
    await this.page.waitForFunction((n) => document.querySelectorAll('[data-testid=account-row]').length === n, n, { timeout }).catch(() => {});
    assert.equal(await this.rows().count(), n, message);
  }
  /** Does `action` (an edit that is saved but changes nothing on screen, such as a setting with
   * no visible effect yet) and waits until the record stored in IndexedDB has changed: the app
   * applies an edit only once it is sealed and stored. (Read from storage, not from the app's
   * User Timing marks: Playwright's page clock replaces `performance`, and those marks with it.) */
  async saved(action, timeout = 10000) {
    const stored = async () => (await readRecord(this.page))?.join();
    const before = await stored();
    await action();
    const end = Date.now() + timeout;
    while ((await stored()) === before) {
      assert.ok(Date.now() < end, `the vault was not stored again within ${timeout} ms`);
      await new Promise((r) => setTimeout(r, 50)); // poll the condition
    }
  }
  /** Waits until the service worker controls the page, which it does only once its install has
   * cached the whole shell, and the shell's cache is there: from then on the app works offline.
   * Polled from here: Playwright's waitForFunction does not wait for a promise the page function
   * returns (a promise is truthy), so an async check there passes at once. */
  async waitForOfflineReady(timeout = 15000) {
    const end = Date.now() + timeout;
    const ready = () => this.page.evaluate(async () => !!navigator.serviceWorker.controller
      && (await caches.keys()).some((k) => k.startsWith('authenticator-shell-')));
    while (!(await ready())) {
      assert.ok(Date.now() < end, `the service worker did not take over within ${timeout} ms`);
      await new Promise((r) => setTimeout(r, 100)); // poll the condition
    }
  }
  /** Opens the settings panel (if it is not open yet). */
  async openSettings() {
    if (!(await this.tid('settings').evaluate((d) => d.open))) await this.tid('settings').locator('summary').click();
    await this.tid('export').waitFor();
  }
  /** Exports the backup file from the settings and saves it as `file`. */
  async exportBackup(file) {
    await this.openSettings();
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.tid('export').click()]);
    await download.saveAs(file);
    return download;
  }
  /** In a fresh browser: restores the backup `file` from the first screen; the vault opens. */
  async restoreFresh(file, passphrase = PASSPHRASE) {
    await this.page.goto(this.url);
    await this.tid('create-screen').waitFor();
    await this.tid('restore-file').setInputFiles(file);
    await this.tid('restore-pass').fill(passphrase);
    await this.tid('restore-open').click();
    await this.tid('accounts').waitFor({ timeout: 15000 });
  }
  /** Locks with the Lock button, then unlocks again. */
  async lockAndUnlock(passphrase = PASSPHRASE) {
    await this.tid('lock').click();
    await this.tid('unlock-screen').waitFor();
    await this.unlock(passphrase);
    await this.tid('accounts').waitFor();
  }
  /** Fills in and sends the passphrase change form. */
  async changePassphrase(current, next) {
    await this.openSettings();
    await this.tid('current-pass').fill(current);
    await this.tid('change-pass').fill(next);
    await this.tid('change-pass-confirm').fill(next);
    await this.tid('change-pass-submit').click();
  }
  /** Whether `text` is anywhere in the page: its markup or the value of any field. */
  async pageHolds(text) {
    return this.page.evaluate((text) => document.documentElement.outerHTML.includes(text)
      || [...document.querySelectorAll('input, textarea, select')].some((f) => f.value.includes(text)), text);
  }
  /** Records every text the status line (the live region) shows from now on; resolves to a
   * function that returns them. */
  async watchStatus() {
    await this.page.evaluate(() => {
      window.__statusSaid = [];
      const status = document.querySelector('[data-testid=status]');
      new MutationObserver(() => window.__statusSaid.push(status.textContent))
        .observe(status, { childList: true, characterData: true, subtree: true });
    });
    return () => this.page.evaluate(() => window.__statusSaid);
  }
  /** Opens the header's display menu (theme and language) unless it is open. */
  async openDisplayMenu() {
    if (!(await this.tid('display-menu').evaluate((d) => d.open))) await this.tid('display-menu').locator('summary').click();
  }
  /** Chooses the interface language ('en' or 'ja') in the header's display menu (which closes). */
  async chooseLanguage(lang) {
    await this.openDisplayMenu();
    await this.tid(`lang-${lang}`).click();
  }
  /** Chooses the theme ('system', 'light' or 'dark') in the header's display menu, then closes it. */
  async chooseTheme(theme) {
    await this.openDisplayMenu();
    await this.tid('theme').selectOption(theme);
    await this.tid('display-menu').locator('summary').click();
  }
  /** Opens the "⋯" menu of `issuer`'s row unless it is open; resolves to the row. */
  async openRowMenu(issuer) {
    const row = this.row(issuer);
    const button = row.getByTestId('row-menu');
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    await row.getByTestId('row-menu-list').waitFor();
    return row;
  }
  /** Does one action of `issuer`'s row menu: 'edit', 'pin', 'move-up', 'move-down',
   * 'export-account' or 'delete'. */
  async rowAction(issuer, action) {
    const row = await this.openRowMenu(issuer);
    await row.getByTestId(action).click();
  }
  /** Copies `issuer`'s code with a tap on the code itself. */
  async copyCode(issuer) { await this.row(issuer).getByTestId('copy').click(); }
  rows() { return this.tid('account-row'); }
  row(issuer) { return this.rows().filter({ has: this.page.getByTestId('issuer').getByText(issuer, { exact: true }) }); }
  async codeOf(issuer) { return (await this.row(issuer).getByTestId('code').textContent()).trim(); }
  async expectCode(issuer, grouped, timeout = 5000) {
    await this.page.waitForFunction(
      ([issuer, grouped]) => [...document.querySelectorAll('[data-testid=account-row]')]
        .some((r) => r.querySelector('[data-testid=issuer]')?.textContent === issuer
          && r.querySelector('[data-testid=code]')?.textContent.trim() === grouped),
      [issuer, grouped], { timeout },
    ).catch(async () => assert.fail(`${issuer}: expected code ${grouped}, saw ${await this.codeOf(issuer)}`));
  }
}

/** A fresh browser profile on `server`'s app; `opts.time` fixes the page clock (Playwright's setFixedTime). */
export async function session(server, opts = {}) {
  const b = await launch(opts);
  if (opts.time !== undefined) await b.page.clock.setFixedTime(opts.time);
  return { ...b, app: new AppPage(b.page, server.url) };
}
