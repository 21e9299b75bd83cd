// scripts/build-wasm.mjs quietLoader on the split loader wasm-split-cli really writes (from the
// release build's own module in target/): the same source gives the same loader whatever order
// the splitter names the shared exports in (it uses a hash map's order, which changes from run to
// run, and the loader's text is in the hash of every file name); a loader it does not know fails
// the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { quietLoader, SHARED_EXPORTS as LISTS } from '../../scripts/build-wasm.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The loader wasm-split-cli writes for the release build's module. */
function realLoader() {
  const raw = path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'wasm32-unknown-unknown/release/authenticator.wasm');
  assert.ok(fs.existsSync(raw), `${raw} is there (trunk build --release --offline)`);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'loader-'));
  try {
    const run = spawnSync('wasm-split-cli', [raw, out, '--target', 'web', '--out-name', 'authenticator'], { encoding: 'utf8', env: { ...process.env, RUST_LOG: 'error' } });
    assert.equal(run.status, 0, run.stderr);
    return fs.readFileSync(path.join(out, '__wasm_split.js'), 'utf8');
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

const names = (list) => list.split(',').map((n) => n.trim()).filter(Boolean);

test('the split loader comes out the same whatever order the splitter names the shared exports in', () => {
  const text = realLoader();
  const m = text.match(LISTS);
  assert.ok(m, 'the splitter still writes the shared exports as two lists');
  const written = names(m[1]);
  assert.ok(written.length >= 3 && written.includes('memory') && written.includes('__indirect_function_table'), written.join(', '));
  // Every order the splitter could write (the lists hold a few names: all permutations).
  const orders = (xs) => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => orders([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest])));
  const outputs = new Set(orders(written).map((order) => {
    const list = order.map((n) => `${n}, `).join('') + ' ';
    return quietLoader(text.replace(LISTS, `const { ${list}} = initSync(undefined, undefined);\n${m[2]}Object.assign(sharedImports.__wasm_split, { ${list}});`));
  }));
  assert.equal(outputs.size, 1, `${outputs.size} different loaders from one module`);
  // The names are all still there, once in each list, and the loader's other edits are made.
  const [out] = outputs;
  const after = out.match(LISTS);
  assert.ok(after, 'the two lists are still in the loader');
  assert.deepEqual(names(after[1]), [...written].sort());
  assert.deepEqual(names(after[3]), [...written].sort());
  assert.match(out, /src\.catch\(\(\) => \{\}\);/);
  assert.match(out, /A part of the app could not be loaded:/);
});

test('a split loader whose shared exports are not the two matching lists quietLoader knows fails the build', () => {
  const text = realLoader();
  const m = text.match(LISTS);
  assert.ok(m);
  // The two lists in different orders: not what the splitter writes; the edit would be a guess.
  const swapped = text.replace(LISTS, `const { ${m[1]}} = initSync(undefined, undefined);\n${m[2]}Object.assign(sharedImports.__wasm_split, { ${[...names(m[3])].reverse().map((n) => `${n}, `).join('')} });`);
  assert.throws(() => quietLoader(swapped), /not the one scripts\/build-wasm\.mjs quietLoader knows \(shared exports/);
  // No lists at all.
  assert.throws(() => quietLoader(text.replace(LISTS, '')), /shared exports: 0 lists/);
});
