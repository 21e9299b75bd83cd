// scripts/short-imports.mjs (the release build's shorter import names): on a module written here
// byte by byte, each import keeps its kind, type and place (the code calls imports by index), the
// glue's keys follow, and a glue that does not match fails the build. Then the built app's own
// module: every name it imports from its glue is a short one that the glue provides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { shortImports } from '../../scripts/short-imports.mjs';
import { leb128 } from '../../scripts/wasm-bytes.mjs';

const str = (s) => [s.length, ...Buffer.from(s)];
const section = (id, bytes) => [id, ...leb128(bytes.length), ...bytes];

/** A module importing two functions and a global from "./m_bg.js" and a memory and a table
 *  from another module; its export `run` calls the second function import, `g` re-exports the global. */
function module() {
  const types = section(1, [1, 0x60, 1, 0x7f, 0]); // (i32) -> ()
  const imports = section(2, [
    5,
    ...str('./m_bg.js'), ...str('__wbg_first_0123456789abcdef'), 0, 0,
    ...str('__wasm_split'), ...str('memory'), 2, 1, 1, 2, // memory, limits 1..2
    ...str('__wasm_split'), ...str('table'), 1, 0x70, 0, 1, // funcref table, at least 1, no maximum
    ...str('./m_bg.js'), ...str('__wbg_second_fedcba9876543210'), 0, 0,
    ...str('./m_bg.js'), ...str('__wbindgen_global$x'), 3, 0x7f, 0, // const i32 global
  ]);
  const funcs = section(3, [1, 0]);
  const exports = section(7, [2, ...str('run'), 0, 2, ...str('g'), 3, 0]);
  const body = [0, 0x41, 42, 0x10, 1, 0x0b]; // i32.const 42; call 1; end
  const code = section(10, [1, body.length, ...body]);
  return Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...types, ...imports, ...funcs, ...exports, ...code]);
}

const glue = `const import0 = {
    __wbg_first_0123456789abcdef: function(a) { calls.push(['first', a]); },
    __wbg_second_fedcba9876543210: function(a) { calls.push(['second', a]); },
    __wbindgen_global$x: 7,
};`;

test('imports are renamed in the module and its glue alike; kinds, types and order stay', () => {
  const { wasm, js, renamed } = shortImports(module(), glue, './m_bg.js');
  assert.equal(renamed, 3);
  assert.deepEqual(WebAssembly.Module.imports(new WebAssembly.Module(wasm)), [
    { module: './m_bg.js', name: '0', kind: 'function' },
    { module: '__wasm_split', name: 'memory', kind: 'memory' },
    { module: '__wasm_split', name: 'table', kind: 'table' },
    { module: './m_bg.js', name: '1', kind: 'function' },
    { module: './m_bg.js', name: '2', kind: 'global' },
  ]);
  assert.doesNotMatch(js, /__wbg_|__wbindgen_global/);
  const calls = [];
  const imports = new Function('calls', `${js}; return import0;`)(calls);
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 2 });
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(wasm), { './m_bg.js': imports, __wasm_split: { memory, table: new WebAssembly.Table({ initial: 1, element: 'anyfunc' }) } });
  exports.run();
  assert.deepEqual(calls, [['second', 42]], 'the call still reaches the second import');
  assert.equal(exports.g.value, 7);
});

test('a glue that does not name each import exactly once fails the build', () => {
  assert.throws(() => shortImports(module(), glue.replace('__wbg_second_fedcba9876543210', 'other'), './m_bg.js'), /occurs 0 times/);
  assert.throws(() => shortImports(module(), `${glue}\n// __wbg_first_0123456789abcdef`, './m_bg.js'), /occurs 2 times/);
  assert.throws(() => shortImports(module(), glue, './other_bg.js'), /imports nothing/);
});

test("the built app's module imports only short names, and its own glue links every one", async () => {
  const dist = path.resolve(import.meta.dirname, '../../dist');
  const wasmName = fs.existsSync(dist) && fs.readdirSync(dist).find((f) => /^authenticator-[0-9a-f]{16}_bg\.wasm$/.test(f));
  assert.ok(wasmName, 'dist/ holds the release build (trunk build --release --offline)');
  const id = wasmName.slice('authenticator-'.length, -'_bg.wasm'.length);
  const bytes = fs.readFileSync(path.join(dist, wasmName));
  const fromGlue = WebAssembly.Module.imports(new WebAssembly.Module(bytes)).filter((i) => i.module === './authenticator_bg.js');
  assert.ok(fromGlue.length > 100, `the app imports its browser calls from the glue (${fromGlue.length})`);
  assert.deepEqual(fromGlue.map((i) => i.name), fromGlue.map((_, i) => i.toString(36)));
  // The glue and the split loader it imports, as the page loads them (ES modules), in Node: the
  // glue builds its import object and instantiates the module; a name it does not provide is a
  // LinkError. (The app's start finds no window here and stops; that is not this test's concern.)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'short-imports-'));
  for (const f of [`authenticator-${id}.js`, `split-${id}.js`]) fs.copyFileSync(path.join(dist, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  const glue = await import(pathToFileURL(path.join(dir, `authenticator-${id}.js`)).href);
  const linkError = (module) => {
    try { glue.initSync({ module }); return null; } catch (e) { return e instanceof WebAssembly.LinkError ? e : null; }
  };
  // The check can fail: the same module with its first import renamed "0" -> "_" does not link.
  const broken = Buffer.from(bytes);
  const from = Buffer.from('./authenticator_bg.js');
  const first = Buffer.concat([Buffer.from([from.length]), from, Buffer.from([1, 0x30, 0])]);
  const at = broken.indexOf(first);
  assert.ok(at > 0, 'the first import is "0", a function');
  broken[at + first.length - 2] = 0x5f;
  assert.ok(linkError(new WebAssembly.Module(broken)), 'a name the glue does not provide is a LinkError');
  assert.equal(linkError(new WebAssembly.Module(bytes)), null);
});
