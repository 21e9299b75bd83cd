// Sizes of the three builds in out/ (bench/leptos-floor/build.sh writes them).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');
const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;
const br = (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;
console.log('Leptos floor (same profile, wasm-bindgen and wasm-opt -Oz as the app), bytes:');
console.log('  variant    wasm raw   wasm gz   wasm br   js raw   js gz   js br   wasm+js gz   wasm+js br');
for (const v of ['hello', 'form', 'storage']) {
  const w = fs.readFileSync(path.join(out, v, `${v}_bg.wasm`));
  const j = fs.readFileSync(path.join(out, v, `${v}.js`));
  const cells = [w.length, gz(w), br(w), j.length, gz(j), br(j)].map((n) => String(n).padStart(9));
  console.log(`  ${v.padEnd(8)} ${cells.join('')} ${String(gz(w) + gz(j)).padStart(12)} ${String(br(w) + br(j)).padStart(12)}`);
}
