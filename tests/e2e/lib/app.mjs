// Page object: what a user sees and does, addressed by data-testid.
import assert from 'node:assert/strict';

export class AppPage {
  constructor(page, url) {
    this.page = page;
    this.url = url;
  }
  tid(id) { return this.page.getByTestId(id); }

  async open() {
    await this.page.goto(this.url);
    await this.tid('add-button').waitFor();
  }
  async openAddDialog() {
    await this.tid('add-button').click();
    await this.tid('add-dialog').waitFor({ state: 'visible' });
  }
  async pasteUri(uri) {
    await this.openAddDialog();
    await this.tid('uri-input').fill(uri);
  }
  async addByUri(uri) {
    await this.pasteUri(uri);
    await this.tid('submit-add').click();
    await this.tid('add-dialog').waitFor({ state: 'hidden' });
  }
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
