// An independent RFC 6238 computation for the tests (node's crypto HMAC, written from the RFC),
// so a code read on screen is checked against something other than the app's own Rust.
import crypto from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(text) {
  let bits = 0, value = 0;
  const out = [];
  for (const ch of text.replace(/[=\s]/g, '').toUpperCase()) {
    value = (value << 5) | ALPHABET.indexOf(ch);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}

/** The code for `secretB32` at Unix time `ms`, grouped as the app shows it ("094 287", "0708 1804"). */
export function totp(secretB32, ms, digits = 6, period = 30, algorithm = 'sha1') {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(ms / 1000 / period)));
  const mac = crypto.createHmac(algorithm, base32(secretB32)).update(counter).digest();
  const o = mac[mac.length - 1] & 0x0f;
  const bin = ((mac[o] & 0x7f) << 24) | (mac[o + 1] << 16) | (mac[o + 2] << 8) | mac[o + 3];
  const plain = String(bin % 10 ** digits).padStart(digits, '0');
  const groups = { 6: [3, 3], 7: [3, 4], 8: [4, 4], 9: [3, 3, 3], 10: [5, 5] }[digits];
  let at = 0;
  return groups.map((g) => plain.slice(at, (at += g))).join(' ');
}
