// Issue 21, item 8: names that hide characters, as a user sees them. An issuer ending in U+202E
// does not reverse the copy note; a name of zero-width characters is refused, naming the field,
// instead of making a blank row; "Goo\u200Dgle" is shown as Google with Google's logo (what is
// shown is what matched); bidi controls inside "x…" do not earn X's logo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { session as openSession } from './lib/app.mjs';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const link = (issuer, name) => `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(name)}?secret=${SECRET}&issuer=${encodeURIComponent(issuer)}`;

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

/** The text of `locator` in the order it is drawn, left to right (one line): each character's
 * box, characters drawn with no width (controls) left out. */
const drawnText = (locator) => locator.evaluate((el) => {
  const chars = [];
  const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getBoundingClientRect();
      if (box.width > 0) chars.push([box.left, node.data[i]]);
    }
  }
  return chars.sort((a, b) => a[0] - b[0]).map(([, c]) => c).join('');
});

/** Adds an account with the key entry as a user types it; resolves once the dialog has either
 * refused it (the error shown) or added it (the question about backup codes). */
async function typeAccount(app, issuer, name) {
  await app.openKeyEntry();
  await app.tid('manual-issuer').fill(issuer);
  await app.tid('manual-name').fill(name);
  await app.tid('manual-secret').fill(SECRET);
  await app.tid('submit-add').click();
  await app.page.locator('[data-testid=add-error], [data-testid=after-add]').first().waitFor();
}

/** A Japanese session with an open vault, the clipboard granted. */
async function ja() {
  const b = await openSession(server, { locale: 'ja-JP' });
  await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  await b.app.open();
  return b;
}

test('ja: an issuer ending in U+202E does not reverse the copy note', async () => {
  const b = await ja();
  try {
    const { app } = b;
    await app.addByUri(link('Evil\u202E', ''));
    await app.rows().nth(0).getByTestId('copy').click();
    const note = app.tid('copy-toast').locator('p').first();
    await note.waitFor();
    assert.equal(await drawnText(note), 'Evil のコードをコピーしました。', 'the copy note as drawn');
    assert.equal(await drawnText(app.rows().nth(0).getByTestId('issuer')), 'Evil');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('ja: a name of zero-width characters is refused, naming the field, and makes no blank row', async () => {
  const b = await ja();
  try {
    const { app } = b;
    await typeAccount(app, '\u200B\u200B\u200D', '');
    assert.equal(await app.tid('after-add').count(), 0, 'not added');
    assert.match(await app.tid('add-error').textContent(), /^サービス名に見える文字がありません/);
    assert.ok(await app.tid('add-dialog').isVisible(), 'the dialog stays open to fix it');
    await app.tid('cancel-add').click();
    await app.expectRows(0, 'no row was added');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('ja: "Goo\\u200Dgle" is shown as Google, with Google\'s logo: the text and the logo agree', async () => {
  const b = await ja();
  try {
    const { app } = b;
    await app.addByUri(link('Goo\u200Dgle', 'hanako'));
    const google = app.rows().nth(0);
    await google.locator('[data-testid=service-icon][data-service=google] svg path').waitFor();
    assert.equal(await google.getByTestId('issuer').textContent(), 'Google', 'the issuer as shown holds no hidden character');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('ja: bidi controls inside "x…" do not earn X\'s logo', async () => {
  const b = await ja();
  try {
    const { app } = b;
    // A known logo first, so the logo file has arrived when the spoof's mark is looked at.
    await app.addByUri(link('GitHub', 'hanako'));
    await app.rows().nth(0).locator('[data-testid=service-icon] svg path').waitFor();
    await app.addByUri(link('x\u202Elapyap\u202C', 'bob'));
    const spoof = app.rows().nth(1);
    const mark = spoof.locator('[data-testid=service-icon], [data-testid=monogram]');
    await mark.waitFor();
    assert.equal(await mark.getAttribute('data-service'), null, 'not drawn as a known service');
    assert.equal(await spoof.getByTestId('service-icon').count(), 0, 'no logo');
    assert.equal(await mark.textContent(), 'X', 'its own monogram');
    // "x" + bidi controls + more letters is one word as shown ("xlapyap"), not X.
    assert.equal(await drawnText(spoof.getByTestId('issuer')), 'xlapyap');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('en: a name of zero-width characters is refused with the field named, in the add dialog and the edit form', async () => {
  const b = await openSession(server);
  try {
    const { app } = b;
    await app.open();
    await typeAccount(app, 'GitHub', '\u2060\uFEFF');
    assert.equal(await app.tid('after-add').count(), 0, 'not added');
    assert.match(await app.tid('add-error').textContent(), /^The account name has no visible character/);
    await app.tid('cancel-add').click();
    await app.expectRows(0);

    await app.addByUri(link('GitHub', 'alice'));
    await app.rowAction('GitHub', 'edit');
    await app.tid('edit-issuer').fill('\u200C\u200B');
    await app.tid('edit-save').click();
    // Refused (the error shown) or saved (the form closed).
    await app.page.waitForFunction(() => document.querySelector('[data-testid=edit-error]') || !document.querySelector('[data-testid=edit-form]'));
    assert.equal(await app.tid('edit-error').count(), 1, 'the edit is refused');
    assert.match(await app.tid('edit-error').textContent(), /^The service name has no visible character/);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
