// Shorter names for what the app's main module imports from its JS glue (issue 25). wasm-bindgen
// names each import after its function and a 16-digit hash (`__wbg_querySelector_1555c239948f2bf0`),
// and writes every name twice: in the module's import section and as a key of the glue's import
// object. About 300 such names are near-random text that gzip cannot shrink: renamed to "0", "1",
// …, "8k" (base 36, in import order), the first screen's wasm is 4.9 kB gzip smaller and its glue
// 3.7 kB (measured 2026-12-07). Only the import section's names change: the code calls imports by
// index, and what each import is (its kind and type) is copied byte for byte.
//
// The build fails rather than ship a glue that does not match: every renamed name must occur in
// the glue exactly once, as a whole word (its key in the import object).

import { importKind, leb128, reader } from './wasm-bytes.mjs';

/** `wasm` (a Buffer) and its glue `js`, with every import of `module` renamed; returns
 *  `{ wasm, js, renamed }` (renamed: how many). */
export function shortImports(wasm, js, module) {
  const r = reader(wasm, 8);
  while (r.pos < wasm.length) {
    const sectionStart = r.pos;
    const id = r.u8();
    const size = r.uleb();
    const end = r.pos + size;
    if (id !== 2) { r.pos = end; continue; }
    const count = r.uleb();
    const parts = [Buffer.from(leb128(count))];
    const renamed = new Map();
    for (let i = 0; i < count; i++) {
      const from = r.name();
      let field = r.name();
      const descStart = r.pos;
      importKind(r, `short-imports (import ${from}.${field})`); // read past its description, copied as it is below
      if (from === module) {
        const short = renamed.size.toString(36);
        renamed.set(field, short);
        field = short;
      }
      const m = Buffer.from(from, 'utf8');
      const f = Buffer.from(field, 'utf8');
      parts.push(Buffer.from(leb128(m.length)), m, Buffer.from(leb128(f.length)), f, wasm.subarray(descStart, r.pos));
    }
    if (r.pos !== end) throw new Error('short-imports: the import section was not read to its end');
    const body = Buffer.concat(parts);
    const out = Buffer.concat([wasm.subarray(0, sectionStart), Buffer.from([2, ...leb128(body.length)]), body, wasm.subarray(end)]);
    for (const [from, to] of renamed) {
      const word = new RegExp(`(?<![\\w$])${from.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
      const hits = js.match(word)?.length ?? 0;
      if (hits !== 1) throw new Error(`short-imports: the import ${from} occurs ${hits} times in the glue, not once`);
      js = js.replace(word, JSON.stringify(to));
    }
    if (renamed.size === 0) throw new Error(`short-imports: the module imports nothing from ${module}`);
    return { wasm: out, js, renamed: renamed.size };
  }
  throw new Error('short-imports: the module has no import section');
}
