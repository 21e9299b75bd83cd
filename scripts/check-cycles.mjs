#!/usr/bin/env node
// Fails when source files under src/ use each other in a circle.
//
// An edge A → B is a `crate::…` or `super::…` path in A (in a `use` or in code) that names an item
// of the module file B. A module's own plain relative paths (`child::item`, `pub use child::X`)
// are how a parent presents its children and are not edges; `self::`, inline modules
// (`mod tests { use super::*; }`) and paths into the same file are not edges either.
// Prints every circle with the lines that make it, and exits 1 if there is one.
//
// Run: node scripts/check-cycles.mjs [src-dir]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const root = process.argv[2] ?? new URL('../src', import.meta.url).pathname;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.rs') ? [p] : [];
  });
}

/** The module path of a file: src/lib.rs → [], src/a/mod.rs → ['a'], src/a/b.rs → ['a', 'b']. */
function modulePath(file) {
  const parts = relative(root, file).split(sep);
  const last = parts.pop().replace(/\.rs$/, '');
  if (parts.length === 0 && (last === 'lib' || last === 'main')) return [];
  return last === 'mod' ? parts : [...parts, last];
}

/** The text with comments, strings and char literals blanked (lines kept). */
function code(text) {
  let out = '';
  let i = 0;
  const blank = (s) => s.replace(/[^\n]/g, ' ');
  while (i < text.length) {
    const rest = text.slice(i, i + 3);
    if (rest.startsWith('//')) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out += blank(text.slice(i, stop));
      i = stop;
    } else if (rest.startsWith('/*')) {
      let depth = 0;
      let j = i;
      do {
        if (text.startsWith('/*', j)) { depth++; j += 2; } else if (text.startsWith('*/', j)) { depth--; j += 2; } else j++;
      } while (depth > 0 && j < text.length);
      out += blank(text.slice(i, j));
      i = j;
    } else if (/^r#*"/.test(text.slice(i, i + 8)) && !/[\w]/.test(text[i - 1] ?? '')) {
      const hashes = text.slice(i + 1).match(/^#*/)[0];
      const close = '"' + hashes;
      const end = text.indexOf(close, i + 2 + hashes.length);
      const stop = end < 0 ? text.length : end + close.length;
      out += blank(text.slice(i, stop));
      i = stop;
    } else if (text[i] === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += blank(text.slice(i, j + 1));
      i = j + 1;
    } else if (text[i] === "'" && /^'(\\.|[^\\'])'/.test(text.slice(i, i + 12)) || /^'\\u\{[0-9a-fA-F]+\}'/.test(text.slice(i, i + 12))) {
      const m = text.slice(i).match(/^'(\\u\{[0-9a-fA-F]+\}|\\.|[^\\'])'/);
      out += blank(m[0]);
      i += m[0].length;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

/** Expands `a::{b, c::{d, e}}` into ['a::b', 'a::c::d', 'a::c::e']. */
function expand(tree) {
  tree = tree.replace(/\s+/g, '');
  const open = tree.indexOf('{');
  if (open < 0) return [tree];
  const prefix = tree.slice(0, open);
  let depth = 0;
  const parts = [];
  let start = open + 1;
  for (let i = open; i < tree.length; i++) {
    if (tree[i] === '{') depth++;
    else if (tree[i] === '}') {
      depth--;
      if (depth === 0) { parts.push(tree.slice(start, i)); break; }
    } else if (tree[i] === ',' && depth === 1) { parts.push(tree.slice(start, i)); start = i + 1; }
  }
  return parts.filter(Boolean).flatMap((p) => expand(p).map((x) => prefix + x));
}

const all = files(root).filter((f) => !f.endsWith(`${sep}main.rs`) || relative(root, f) !== 'main.rs');
const byModule = new Map(all.map((f) => [modulePath(f).join('::'), f]));

/** The file that holds the item a path names: the longest module prefix that is a file. */
function target(segments) {
  for (let n = segments.length; n >= 0; n--) {
    const f = byModule.get(segments.slice(0, n).join('::'));
    if (f) return f;
  }
  return undefined;
}

const edges = new Map(all.map((f) => [f, new Map()]));
for (const file of all) {
  const text = code(readFileSync(file, 'utf8'));
  const base = modulePath(file);
  // Inline modules: where each `mod name {` opens and closes.
  const inline = [];
  const stack = [];
  let depth = 0;
  const modOpen = /\bmod\s+([A-Za-z_]\w*)\s*\{/y;
  for (let i = 0; i < text.length; i++) {
    modOpen.lastIndex = i;
    const m = modOpen.exec(text);
    if (m && !/\w/.test(text[i - 1] ?? '')) {
      stack.push({ name: m[1], depth, start: i });
      depth++;
      i = modOpen.lastIndex - 1;
      continue;
    }
    if (text[i] === '{') depth++;
    else if (text[i] === '}') {
      depth--;
      if (stack.length && stack[stack.length - 1].depth === depth) {
        const s = stack.pop();
        inline.push({ start: s.start, end: i, names: [...stack.map((x) => x.name), s.name] });
      }
    }
  }
  const moduleAt = (at) => {
    const inside = inline.filter((m) => m.start <= at && at <= m.end).sort((a, b) => b.names.length - a.names.length)[0];
    return inside ? [...base, ...inside.names] : base;
  };
  const lineAt = (at) => text.slice(0, at).split('\n').length;
  const paths = [];
  for (const m of text.matchAll(/\buse\s+((?:crate|super)\b[^;]*);/g)) {
    for (const p of expand(m[1])) paths.push({ path: p.replace(/\bas\s*\w+$/, ''), at: m.index });
  }
  const useSpans = [...text.matchAll(/\buse\s+[^;]*;/g)].map((m) => [m.index, m.index + m[0].length]);
  for (const m of text.matchAll(/(?<![\w:])(?:crate|super)(?:::(?:super|[A-Za-z_]\w*))+/g)) {
    if (!useSpans.some(([a, b]) => a <= m.index && m.index < b)) paths.push({ path: m[0], at: m.index });
  }
  for (const { path, at } of paths) {
    const segs = path.split('::').filter((s) => s && s !== '*' && s !== 'self');
    let mod = moduleAt(at);
    if (segs[0] === 'crate') {
      mod = [];
      segs.shift();
    } else {
      while (segs[0] === 'super') {
        mod = mod.slice(0, -1);
        segs.shift();
      }
    }
    const to = target([...mod, ...segs]);
    if (!to || to === file) continue;
    const lines = edges.get(file).get(to) ?? [];
    lines.push(`${relative(root, file)}:${lineAt(at)} ${path}`);
    edges.get(file).set(to, lines);
  }
}

// Tarjan's strongly connected components.
let index = 0;
const idx = new Map();
const low = new Map();
const onStack = new Set();
const stack = [];
const circles = [];
function visit(v) {
  idx.set(v, index);
  low.set(v, index);
  index++;
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v).keys()) {
    if (!idx.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const scc = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1) circles.push(scc);
  }
}
for (const v of all) if (!idx.has(v)) visit(v);

const count = [...edges.values()].reduce((n, m) => n + m.size, 0);
if (circles.length === 0) {
  console.log(`check-cycles: ${all.length} files, ${count} file-to-file uses, no circle`);
  process.exit(0);
}
for (const scc of circles) {
  const inside = new Set(scc);
  console.log(`circle of ${scc.length} files: ${scc.map((f) => relative(root, f)).sort().join(', ')}`);
  for (const from of scc) {
    for (const [to, lines] of edges.get(from)) {
      if (inside.has(to)) console.log(`  ${relative(root, from)} → ${relative(root, to)}: ${lines[0]}${lines.length > 1 ? ` (+${lines.length - 1} more)` : ''}`);
    }
  }
}
console.log(`check-cycles: ${circles.length} circle(s) among ${all.length} files`);
process.exit(1);
