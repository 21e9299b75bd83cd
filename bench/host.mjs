// A static host for the built app (dist/) that sends what docs/deploy.md asks of a production
// host: brotli or gzip as the browser accepts, a year's cache for file names that carry a content
// hash and revalidation for the rest, the CSP (with frame-ancestors) as a header, and a Date header
// of its own on every response. The first-visit benchmark (bench/first-visit.mjs) measures the app
// behind it; it is also a local preview of a deployment, to check with the commands in
// docs/deploy.md:
//
//   node bench/host.mjs [dist] [port]      (defaults: dist/, 8081)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
// PNG is compressed already.
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.wasm', '.json', '.webmanifest', '.svg']);

/** File names that change whenever their content does (Trunk's and the build hook's `-<16 hex>`). */
export const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;

/** The page's own policy (its CSP meta) plus what only a header can say. */
export function cspHeader(indexHtml) {
  const meta = indexHtml.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
  if (!meta) throw new Error('index.html has no CSP meta');
  return `${meta[1]}; frame-ancestors 'none'`;
}

/** Reads `dist` into memory, compressed once per encoding, as a host with pre-compressed files
 * serves it. `encodings`: what the host may send, best first (['br', 'gzip'], ['gzip'] or []).
 * Resolves to { url, close, sent } where `sent` counts the bytes of the bodies written. */
export async function startHost({ dist = path.join(ROOT, 'dist'), encodings = ['br', 'gzip'], port = 0 } = {}) {
  const files = new Map(); // '/path' -> { type, cache, etag, body: { identity, br, gzip } }
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { walk(p); continue; }
      const ext = path.extname(p);
      const identity = fs.readFileSync(p);
      const body = { identity };
      if (COMPRESSIBLE.has(ext)) {
        if (encodings.includes('br')) {
          body.br = zlib.brotliCompressSync(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length } });
        }
        if (encodings.includes('gzip')) body.gzip = zlib.gzipSync(identity, { level: 9 });
      }
      files.set('/' + path.relative(dist, p).split(path.sep).join('/'), {
        type: TYPES[ext] ?? 'application/octet-stream',
        cache: HASHED.test(e.name) ? 'public, max-age=31536000, immutable' : 'no-cache',
        etag: '"' + crypto.createHash('sha256').update(identity).digest('base64url').slice(0, 22) + '"',
        body,
      });
    }
  };
  walk(dist);
  const csp = cspHeader(files.get('/index.html').body.identity.toString('utf8'));
  const sent = { bytes: 0 };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const file = files.get(url.pathname === '/' ? '/index.html' : url.pathname);
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(file ? 405 : 404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(file ? 'method not allowed\n' : 'not found\n');
      return;
    }
    const accepted = (req.headers['accept-encoding'] ?? '').split(',').map((s) => s.trim().split(';')[0]);
    const encoding = encodings.find((e) => file.body[e] && accepted.includes(e));
    const headers = {
      'Content-Type': file.type,
      'Cache-Control': file.cache,
      'ETag': file.etag,
      'Vary': 'Accept-Encoding',
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
    };
    // Node writes `Date` (the time of this response) itself.
    if (req.headers['if-none-match'] === file.etag) { res.writeHead(304, headers).end(); return; }
    const body = file.body[encoding ?? 'identity'];
    res.writeHead(200, { ...headers, 'Content-Length': body.length });
    if (req.method === 'HEAD') { res.end(); return; }
    sent.bytes += body.length;
    res.end(body);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    sent,
    close: () => { server.closeAllConnections(); return new Promise((resolve) => server.close(resolve)); },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(process.argv[2] ?? path.join(ROOT, 'dist'));
  const host = await startHost({ dist, port: Number(process.argv[3] ?? 8081) });
  console.log(`serving ${dist} on ${host.url} (brotli or gzip, cache and CSP headers as docs/deploy.md says)`);
}
