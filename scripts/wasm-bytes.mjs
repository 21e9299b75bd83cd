// The WebAssembly binary's small encodings the build scripts read and write: unsigned LEB128
// numbers, length-prefixed names and an import's description. Used by scripts/build-wasm.mjs (a
// custom section), scripts/short-imports.mjs (the import section) and scripts/wasm-breakdown.mjs
// (names, sizes).

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

/** Reads one import's description (what follows its module and field names) from `r` and returns
 *  its kind: 0 function, 1 table, 2 memory, 3 global, 4 tag. `who` names the caller in errors: a
 *  kind it does not know, or a typed reference (0x63/0x64 and a heap type, the GC proposal's:
 *  longer than the one byte read here), fails rather than misread the rest. */
export function importKind(r, who) {
  const oneByteType = () => {
    const t = r.u8();
    if (t === 0x63 || t === 0x64) throw new Error(`${who}: an import of a typed reference, which this does not read`);
  };
  // Limits: flags, minimum, a maximum if flag 1, a page size if flag 8 (custom page sizes).
  const limits = () => { const flags = r.u8(); r.uleb(); if (flags & 1) r.uleb(); if (flags & 8) r.uleb(); };
  const kind = r.u8();
  if (kind === 0) r.uleb(); // function: its type's index
  else if (kind === 1) { oneByteType(); limits(); } // table: element type, limits
  else if (kind === 2) limits(); // memory
  else if (kind === 3) { oneByteType(); r.u8(); } // global: value type, mutability
  else if (kind === 4) { r.u8(); r.uleb(); } // tag: attribute, type's index
  else throw new Error(`${who}: an import has a kind this does not know (${kind})`);
  return kind;
}
