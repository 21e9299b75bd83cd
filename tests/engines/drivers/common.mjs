// What every driver shares: a target is a data-testid ("add-button") or, when it is not a bare
// name, a CSS selector ("[data-testid=settings] summary"); reads and waits go through `eval`, so
// each adapter only implements the native actions (navigate, type, click, choose a file, screenshot).

/** The CSS selector for a target. */
export const sel = (target) => (/^[\w-]+$/.test(target) ? `[data-testid="${target}"]` : target);

/** Adds the reads and waits every engine does the same way to an adapter with `eval(fnSource, arg)`. */
export function withReads(adapter) {
  const visible = (css) => adapter.eval(`(css) => { const e = document.querySelector(css); return !!e && e.getClientRects().length > 0; }`, css);
  return Object.assign(adapter, {
    /** The trimmed text of the first match, or null. */
    text: (t) => adapter.eval(`(css) => document.querySelector(css)?.textContent.trim() ?? null`, sel(t)),
    attr: (t, name) => adapter.eval(`([css, name]) => document.querySelector(css)?.getAttribute(name) ?? null`, [sel(t), name]),
    count: (t) => adapter.eval(`(css) => document.querySelectorAll(css).length`, sel(t)),
    visible: (t) => visible(sel(t)),
    /** Polls until `t` is visible (or, with `gone`, not); fails naming the target. */
    async waitFor(t, { timeout = 30000, gone = false } = {}) {
      const end = Date.now() + timeout;
      for (;;) {
        if ((await visible(sel(t))) !== gone) return;
        if (Date.now() > end) throw new Error(`${adapter.name}: ${t} still ${gone ? 'visible' : 'not visible'} after ${timeout} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    /** Polls the page function `fnSource(arg)` until it returns something truthy; resolves to it. */
    async until(fnSource, arg, { timeout = 30000, what = fnSource } = {}) {
      const end = Date.now() + timeout;
      for (;;) {
        const v = await adapter.eval(fnSource, arg);
        if (v) return v;
        if (Date.now() > end) throw new Error(`${adapter.name}: timed out after ${timeout} ms waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  });
}
