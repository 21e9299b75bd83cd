// Draws the app's PNG icons (the same design as assets/icon.svg: a stopwatch on blue) with no
// image library: signed distances, 4×4 supersampling, and a PNG written with node:zlib.
// Run once when the design changes: node scripts/dev/make-icons.mjs; the PNGs are committed.
import fs from 'node:fs';
import zlib from 'node:zlib';

const BLUE = [0x1f, 0x5f, 0xd6];
const WHITE = [255, 255, 255];

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
// Shapes in the SVG's 64-unit space. `maskable` shrinks the drawing into the 80 % safe zone and
// fills the whole square.
function shade(u, v, maskable) {
  if (maskable) { u = 32 + (u - 32) / 0.78; v = 32 + (v - 32) / 0.78; }
  const inRounded = (x, y, w, h, r) => {
    const dx = Math.max(Math.abs(x - (w / 2)) - (w / 2 - r), 0), dy = Math.max(Math.abs(y - (h / 2)) - (h / 2 - r), 0);
    return dx * dx + dy * dy <= r * r;
  };
  const bg = maskable || inRounded(u / (maskable ? 1 : 1), v, 64, 64, 14);
  if (!bg && !maskable) return null;
  const d = Math.hypot(u - 32, v - 34);
  const ring = Math.abs(d - 17) <= 2.5;
  const hand = Math.abs(u - 32) <= 2.5 && v >= 24 - 2.5 && v <= 34 + 0.1 || Math.hypot(u - 32, v - 24) <= 2.5 || Math.hypot(u - 32, v - 34) <= 2.5 && v <= 34;
  const crown = u >= 26 && u <= 38 && v >= 7 && v <= 13;
  return ring || hand || crown ? WHITE : BLUE;
}
function icon(size, maskable) {
  const S = 4;
  return png(size, (x, y) => {
    let r = 0, g = 0, b = 0, a = 0;
    for (let i = 0; i < S; i++) for (let j = 0; j < S; j++) {
      const c = shade(((x + (i + 0.5) / S) / size) * 64, ((y + (j + 0.5) / S) / size) * 64, maskable);
      if (c) { r += c[0]; g += c[1]; b += c[2]; a += 255; }
    }
    const n = S * S, k = a ? 255 / a : 0;
    return [Math.round(r * k), Math.round(g * k), Math.round(b * k), Math.round(a / n)];
  });
}
fs.writeFileSync('assets/pwa/icon-192.png', icon(192, false));
fs.writeFileSync('assets/pwa/icon-512.png', icon(512, false));
fs.writeFileSync('assets/pwa/icon-maskable-512.png', icon(512, true));
console.log('wrote assets/pwa/icon-192.png, icon-512.png, icon-maskable-512.png');
