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

/** Adds an account with the key entry as a user types it; resolves to the error shown, if any. */
async function typeAccount(app, issuer, name) {
  await app.openKeyEntry();
  await app.tid('manual-issuer').fill(issuer);
  await app.tid('manual-name').fill(name);
  await app.tid('manual-secret').fill(SECRET);
  await app.tid('submit-add').click();
}

test('ja: the copy note reads in order, a blank name is refused, logos follow the name as shown', async () => {
  const b = await openSession(server, { locale: 'ja-JP' });
  try {
    const { app, page, context } = b;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
    await app.open();

    // An issuer ending in U+202E: the note after a copy still reads "Evil のコードをコピーしました。".
    await app.addByUri(link('Evil\u202E', ''));
    await app.rows().nth(0).getByTestId('copy').click();
    const note = app.tid('copy-toast').locator('p').first();
    await note.waitFor();
    assert.equal(await drawnText(note), 'Evil のコードをコピーしました。', 'the copy note as drawn');
    assert.equal(await drawnText(app.rows().nth(0).getByTestId('issuer')), 'Evil');

    // "Goo\u200Dgle": shown as Google, and so Google's logo — the text and the logo agree.
    await app.addByUri(link('Goo\u200Dgle', 'hanako'));
    const google = app.rows().nth(1);
    assert.equal(await google.getByTestId('issuer').textContent(), 'Google', 'the issuer as shown holds no hidden character');
    await google.locator('[data-testid=service-icon][data-service=google]').waitFor();

    // "x" + bidi controls + more letters is one word as shown ("xlapyap"), not X: no X logo.
    await app.addByUri(link('x\u202Elapyap\u202C', 'bob'));
    const spoof = app.rows().nth(2);
    assert.equal(await spoof.getByTestId('issuer').textContent(), 'xlapyap');
    assert.equal(await drawnText(spoof.getByTestId('issuer')), 'xlapyap');
    const mark = spoof.locator('[data-testid=service-icon], [data-testid=monogram]');
    await mark.waitFor();
    assert.equal(await mark.getAttribute('data-service'), null, 'not drawn as a known service');
    assert.equal(await mark.textContent(), 'X', 'its own monogram');
    // Google's logo has arrived by now: had the spoof matched X, its logo would be drawn too.
    await google.locator('[data-testid=service-icon] svg path').waitFor();
    assert.equal(await spoof.getByTestId('service-icon').count(), 0);

    // A name of zero-width characters: refused, naming the field; no blank row.
    await typeAccount(app, '\u200B\u200B\u200D', '');
    await app.tid('add-error').waitFor();
    assert.match(await app.tid('add-error').textContent(), /^サービス名に見える文字がありません/);
    assert.ok(await app.tid('add-dialog').isVisible(), 'the dialog stays open to fix it');
    await app.tid('cancel-add').click();
    await app.expectRows(3, 'no row was added');
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
    await app.tid('add-error').waitFor();
    assert.match(await app.tid('add-error').textContent(), /^The account name has no visible character/);
    await app.tid('cancel-add').click();
    await app.expectRows(0);

    await app.addByUri(link('GitHub', 'alice'));
    await app.rowAction('GitHub', 'edit');
    await app.tid('edit-issuer').fill('\u200C\u200B');
    await app.tid('edit-save').click();
    await app.tid('edit-error').waitFor();
    assert.match(await app.tid('edit-error').textContent(), /^The service name has no visible character/);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
