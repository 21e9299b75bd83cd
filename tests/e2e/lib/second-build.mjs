// A second build of the app, for the deploy test: the same sources as dist/, with a build note
// written into the main module and the workers' (AUTHENTICATOR_BUILD_NOTE, scripts/build-wasm.mjs), so its bytes,
// and with them every hashed name, differ from dist/'s as a real deploy's do. One
// `trunk build --release` into target/ (cargo has nothing to recompile when dist/ is current;
// splitting and optimising take a minute or two). E2E_SECOND_DIST names a build made beforehand
// instead (any two builds whose hashes differ).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, DIST } from './server.mjs';

/** Builds (or finds) the second build; resolves to its directory. */
export function secondBuild() {
  if (process.env.E2E_SECOND_DIST) return path.resolve(process.env.E2E_SECOND_DIST);
  const out = path.join(ROOT, 'target', 'e2e-second-dist');
  try {
    execFileSync('trunk', ['build', '--release', '--offline', '--dist', out], {
      cwd: ROOT,
      env: { ...process.env, AUTHENTICATOR_BUILD_NOTE: 'e2e second build' },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    throw new Error(`the second build failed: ${String(e.stderr || e.stdout || e).slice(-4000)}`);
  }
  return out;
}

/** What a build's files say about it: its version (the service worker's), the first screen's
 * module and the add dialog's part, by their hashed names. */
export function describeBuild(dir = DIST) {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const sw = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
  const files = fs.readdirSync(dir);
  return {
    dir,
    version: sw.match(/const VERSION = "([0-9a-f]+)"/)?.[1],
    wasm: html.match(/\/authenticator-[0-9a-f]{16}_bg\.wasm/)?.[0],
    addPart: '/' + files.find((f) => /^split_add_part-[0-9a-f]{16}\.wasm$/.test(f)),
    // Each worker's own module (workers/kdf, workers/qr), which carries the build's note too.
    kdf: '/' + files.find((f) => /^kdf-[0-9a-f]{16}_bg\.wasm$/.test(f)),
    qr: '/' + files.find((f) => /^qr-[0-9a-f]{16}_bg\.wasm$/.test(f)),
  };
}
