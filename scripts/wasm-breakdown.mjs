// Where a module's bytes come from: code by crate and the biggest functions, read from the
// function names a build keeps before wasm-opt strips them (scripts/build-wasm.mjs leaves a copy
// of each module, names kept, in target/wasm-names/). Sizes are of that unoptimised copy:
// wasm-opt shrinks the whole by a tenth or so, so read them as shares, not as shipped bytes.
// No tool to install: the wasm sections and Rust's legacy symbol mangling are read here.
//
//   node scripts/wasm-breakdown.mjs [module.wasm ...] [--top N]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { importKind, reader } from './wasm-bytes.mjs';

/** Function bodies (index, size), names, and the other sections' sizes of the module in `buf`. */
export function readModule(buf) {
  const r = reader(buf, 8);
  let imported = 0;
  const bodies = [];
  const names = new Map();
  const sections = {};
  while (r.pos < buf.length) {
    const id = r.u8();
    const size = r.uleb();
    const start = r.pos;
    const end = start + size;
    if (id === 2) { // imports: functions among them take the first indices
      for (let n = r.uleb(); n > 0; n--) {
        r.name(); r.name();
        if (importKind(r, 'wasm-breakdown') === 0) imported++;
      }
    } else if (id === 10) { // code
      const count = r.uleb();
      for (let i = 0; i < count; i++) { const len = r.uleb(); bodies.push({ index: imported + i, size: len + 1 }); r.pos += len; }
    } else if (id === 0) {
      const name = r.name();
      if (name === 'name') {
        while (r.pos < end) {
          const sub = r.u8(); const len = r.uleb(); const subEnd = r.pos + len;
          if (sub === 1) for (let n = r.uleb(); n > 0; n--) { const i = r.uleb(); names.set(i, r.name()); }
          r.pos = subEnd;
        }
      }
      sections[`custom ${name}`] = (sections[`custom ${name}`] ?? 0) + size;
    }
    const label = { 1: 'types', 2: 'imports', 3: 'functions', 4: 'tables', 5: 'memory', 6: 'globals', 7: 'exports', 8: 'start', 9: 'elements', 10: 'code', 11: 'data', 12: 'data count' }[id];
    if (label) sections[label] = (sections[label] ?? 0) + size;
    r.pos = end;
  }
  return { bodies, names, sections };
}

const unescape = (s) => s.replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ').replace(/\$RF\$/g, '&')
  .replace(/\$C\$/g, ',').replace(/\$BP\$/g, '*').replace(/\$u5b\$/g, '[').replace(/\$u5d\$/g, ']').replace(/\$u7b\$/g, '{')
  .replace(/\$u7d\$/g, '}').replace(/\$u27\$/g, "'").replace(/\.\./g, '::').replace(/^_</, '<');

/** A legacy-mangled Rust symbol's path (`_ZN...E`), hash dropped; anything else as it is. */
export function demangle(sym) {
  if (!sym.startsWith('_ZN')) return sym;
  const parts = [];
  let i = 3;
  while (i < sym.length && sym[i] !== 'E') {
    let n = 0;
    while (sym[i] >= '0' && sym[i] <= '9') n = n * 10 + Number(sym[i++]);
    if (!n) break;
    parts.push(sym.slice(i, i + n));
    i += n;
  }
  if (parts.length && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  return parts.map(unescape).join('::');
}

/** The crate a function's code belongs to: the first path segment, or the self type's crate for
 *  `<Type as Trait>::f` (the type's code is where the bytes went). */
export function crateOf(name) {
  let p = demangle(name);
  while (p.startsWith('<')) p = p.slice(1).replace(/^&(mut )?/, '').replace(/^\[/, '');
  // The app's own code by module (authenticator::ui, ::vault, ...): that is where a change is made.
  const own = p.match(/^authenticator::([a-z_0-9]+)::/);
  if (own) return `authenticator::${own[1]}`;
  const m = p.match(/^([A-Za-z_][A-Za-z0-9_]*)::/);
  if (m) return m[1];
  // v0 mangling (the standard library's): the first crate root, `C` [`s` disambiguator `_`] length ident.
  const v0 = p.startsWith('_R') && p.match(/C(?:s[0-9A-Za-z]*_)?(\d+)/);
  if (v0) return p.substr(v0.index + v0[0].length, Number(v0[1]));
  if (/^(__wbg|__wbindgen|__externref|wasm_bindgen)/.test(p)) return 'wasm_bindgen';
  if (/^(dl|memcpy|memmove|memset|memcmp|__rust|rust_|__rdl|__rg)/.test(p)) return 'alloc/compiler runtime';
  return '(other)';
}

const kib = (n) => (n / 1024).toFixed(1).padStart(7) + ' KiB';

export function breakdown(file, { top = 15 } = {}) {
  const buf = fs.readFileSync(file);
  const { bodies, names, sections } = readModule(buf);
  const code = bodies.reduce((s, b) => s + b.size, 0);
  const byCrate = new Map();
  for (const b of bodies) {
    const c = crateOf(names.get(b.index) ?? '(unnamed)');
    const e = byCrate.get(c) ?? { size: 0, count: 0 };
    e.size += b.size; e.count++;
    byCrate.set(c, e);
  }
  const lines = [];
  const gz = zlib.gzipSync(buf, { level: 9 }).length;
  lines.push(`${path.basename(file)}: ${kib(buf.length)} raw unoptimised (${kib(gz)} gz); code ${kib(code)}, data ${kib(sections.data ?? 0)}${names.size ? '' : ' — no names kept'}`);
  lines.push(`  code by crate (top ${top}):`);
  for (const [c, e] of [...byCrate].sort((a, b) => b[1].size - a[1].size).slice(0, top)) {
    lines.push(`    ${kib(e.size)}  ${(100 * e.size / code).toFixed(1).padStart(5)}%  ${String(e.count).padStart(5)} fns  ${c}`);
  }
  lines.push(`  biggest functions (top ${top}):`);
  for (const b of [...bodies].sort((x, y) => y.size - x.size).slice(0, top)) {
    const n = demangle(names.get(b.index) ?? '(unnamed)');
    lines.push(`    ${kib(b.size)}  ${n.length > 110 ? n.slice(0, 107) + '...' : n}`);
  }
  return { text: lines.join('\n'), crates: byCrate, code };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--top');
  const top = at >= 0 ? Number(args.splice(at, 2)[1]) : 15;
  let files = args;
  if (!files.length) {
    const dir = path.join(process.env.CARGO_TARGET_DIR || 'target', 'wasm-names');
    files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.wasm')).sort().map((f) => path.join(dir, f)) : [];
    if (!files.length) throw new Error(`no modules in ${dir}: run a build first (trunk build --release --offline)`);
  }
  for (const f of files) console.log(breakdown(f, { top }).text + '\n');
}
