// The WebAssembly binary's two small encodings the build scripts read and write: unsigned LEB128
// numbers and length-prefixed names. Used by scripts/build-wasm.mjs (a custom section),
// scripts/short-imports.mjs (the import section) and scripts/wasm-breakdown.mjs (names, sizes).

/** `n` as unsigned LEB128 bytes. */
export function leb128(n) {
  const out = [];
  do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n);
  return out;
}

/** A cursor over `buf` from `pos`: bytes, unsigned LEB128 numbers, UTF-8 names. */
export function reader(buf, pos = 0) {
  return {
    get pos() { return pos; },
    set pos(p) { pos = p; },
    u8() { return buf[pos++]; },
    uleb() {
      let result = 0; let shift = 0; let b;
      do { b = buf[pos++]; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
      return result;
    },
    name() { const n = this.uleb(); const s = buf.toString('utf8', pos, pos + n); pos += n; return s; },
  };
}
