/**
 * The NDJSON record scanner, in AssemblyScript (compiled to WebAssembly with SIMD by `scripts/build-wasm.mjs`).
 * It does exactly what `NdjsonTransform.scan` in `src/adapters/gateway/ndjson.ts` does, byte for byte, and that
 * TypeScript scanner stays the reference (a differential test compares the two on random records): one pass over
 * a flat JSON object that validates its grammar, finds its top-level keys (the key predicted from the previous
 * record first, 16 bytes per compare), detects duplicate and `__proto__` keys and records each known key's value
 * span. String content is skipped 16 bytes at a time. No allocation: everything lives at fixed offsets of the
 * memory the host gives (layout below, mirrored in `src/adapters/gateway/ndjson-wasm.ts`).
 */

// Memory layout (byte offsets).
const R_TAIL: u32 = 0; // i32: where the scan stopped (after `}` and spaces)
const R_REASON: u32 = 4; // i32: why a record was rejected (REASON_* below)
const R_POS: u32 = 8; // i32: byte offset of the problem in the record
const R_A: u32 = 12; // i32: duplicate key: its slot, or -1 and R_A2/R_B the unknown key's span
const R_A2: u32 = 16;
const R_B: u32 = 20;
const PROTO: u32 = 32; // the 9 bytes `__proto__`
const PAT_OFF: u32 = 1024; // i32[MAX_SLOTS]: offset of each slot's `key":` pattern in PAT
const PAT_LEN: u32 = 2048; // i32[MAX_SLOTS]
const NEXT: u32 = 3072; // i32[MAX_SLOTS + 1]: predicted slot (nextSlot[0] first key; [s + 1] after slot s)
const KSTART: u32 = 5120; // i32[MAX_SLOTS]: position of the opening quote of the slot's key
const VS: u32 = 6144; // i32[MAX_SLOTS]
const VE: u32 = 7168; // i32[MAX_SLOTS]
const SEEN: u32 = 8192; // i32[MAX_SLOTS]: generation in which the slot was last seen
const KIND: u32 = 9216; // u8[MAX_SLOTS]
const ESC: u32 = 9472; // u8[MAX_SLOTS]
const UNKNOWN: u32 = 12288; // i32[2 * MAX_UNKNOWN]: spans of unknown keys in the current record
const PAT: u32 = 16384; // pattern bytes, up to 48 KiB - 16
const MAX_UNKNOWN: i32 = 512;

const K_STRING: u8 = 1;
const K_NUMBER: u8 = 2;
const K_BOOL: u8 = 3;
const K_NULL: u8 = 4;

const OK: i32 = 0;
const FALLBACK: i32 = 1;
const REJECT: i32 = 2;
/** More unknown keys than the table holds: the host scans this record in TypeScript. */
const RESCAN: i32 = 3;

// Reasons, in the order of REASONS in ndjson-wasm.ts.
const EXPECTED_BRACE: i32 = 1;
const EXPECTED_KEY: i32 = 2;
const UNTERMINATED_KEY: i32 = 3;
const CONTROL_IN_KEY: i32 = 4;
const EXPECTED_COLON: i32 = 5;
const UNTERMINATED_STRING: i32 = 6;
const BAD_U_ESCAPE: i32 = 7;
const BAD_ESCAPE: i32 = 8;
const CONTROL_IN_STRING: i32 = 9;
const BAD_NUMBER: i32 = 10;
const BAD_LITERAL: i32 = 11;
const UNEXPECTED_END: i32 = 12;
const UNEXPECTED_CHAR: i32 = 13;
const EXPECTED_COMMA: i32 = 14;
const DUPLICATE_KEY: i32 = 15;
const PROTO_KEY: i32 = 16;

/**
 * The version of the memory layout above, which the host checks before use (raise it here and in the host's
 * CONTRACT whenever an offset or a table changes).
 */
export function layout(): i32 {
  return 3;
}

let nSlots: i32 = 0;

/** Sets the number of slots (their patterns are written by the host). */
export function init(n: i32): void {
  nSlots = n;
}

@inline function bad(reason: i32, pos: i32): i32 {
  store<i32>(R_REASON, reason);
  store<i32>(R_POS, pos);
  return REJECT;
}

@inline function isSpace(b: u32): bool {
  return b == 0x20 || b == 0x09;
}

/** Index of the first `"`, `\\` or control byte at or after `j` (one exists before the memory ends). */
@inline function skipString(j: u32): u32 {
  const q = i8x16.splat(0x22);
  const bs = i8x16.splat(0x5c);
  const sp = i8x16.splat(0x20);
  let v = v128.load(j);
  let m = i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, q), i8x16.eq(v, bs)), i8x16.lt_u(v, sp)));
  while (m == 0) {
    j += 16;
    v = v128.load(j);
    m = i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, q), i8x16.eq(v, bs)), i8x16.lt_u(v, sp)));
  }
  return j + <u32>ctz(m);
}

/** True when the `len` bytes at `a` equal those at `b` (both readable 16 bytes past their ends). */
@inline function sameBytes(a: u32, b: u32, len: u32): bool {
  let k: u32 = 0;
  while (k + 16 <= len) {
    if (!i8x16.all_true(i8x16.eq(v128.load(a + k), v128.load(b + k)))) return false;
    k += 16;
  }
  const r = len - k;
  if (r == 0) return true;
  const want: u32 = (1 << r) - 1;
  return (i8x16.bitmask(i8x16.eq(v128.load(a + k), v128.load(b + k))) & want) == want;
}

function lookup(ks: u32, ke: u32): i32 {
  const len = ke - ks;
  for (let sl: i32 = 0; sl < nSlots; sl++) {
    const o = <u32>sl << 2;
    if (<u32>load<i32>(PAT_LEN + o) - 2 == len && sameBytes(ks, PAT + <u32>load<i32>(PAT_OFF + o), len)) return sl;
  }
  return -1;
}

/**
 * Scans the record at `s`, the line (or chunk) ending at `e`, where the host has put a byte that stops every
 * scan (`\n`, `\r` or a sentinel `\n`). Returns OK, FALLBACK or REJECT (reason in R_REASON, R_POS).
 */
export function scan(s: u32, e: u32, gen: i32): i32 {
  let prev: i32 = 0;
  let nu: i32 = 0;
  let i = s;
  while (i < e && isSpace(load<u8>(i))) i++;
  if (load<u8>(i) != 0x7b) return bad(EXPECTED_BRACE, i - s);
  i++;
  while (i < e && isSpace(load<u8>(i))) i++;
  if (load<u8>(i) == 0x7d) {
    i++;
  } else {
    while (true) {
      if (load<u8>(i) != 0x22) return bad(EXPECTED_KEY, i - s);
      const ks = i + 1;
      let j = ks;
      let sl: i32 = -1;
      let colon = false;
      const guess = load<i32>(NEXT + (<u32>prev << 2));
      if (guess >= 0) {
        const g = <u32>guess << 2;
        const pl = <u32>load<i32>(PAT_LEN + g);
        if (ks + pl <= e && sameBytes(ks, PAT + <u32>load<i32>(PAT_OFF + g), pl)) {
          sl = guess;
          j = ks + pl - 2;
          colon = true;
        }
      }
      if (sl < 0) {
        j = skipString(j);
        if (j >= e) return bad(UNTERMINATED_KEY, j - s);
        const b = load<u8>(j);
        if (b == 0x5c) return FALLBACK;
        if (b != 0x22) return bad(CONTROL_IN_KEY, j - s);
        sl = lookup(ks, j);
        if (sl >= 0) store<i32>(NEXT + (<u32>prev << 2), sl);
      }
      const ke = j;
      i = j + 1;
      prev = sl >= 0 ? sl + 1 : 0;
      if (sl >= 0) {
        const so = SEEN + (<u32>sl << 2);
        if (load<i32>(so) == gen) {
          store<i32>(R_A, sl);
          return bad(DUPLICATE_KEY, i - s);
        }
        store<i32>(so, gen);
      } else {
        const kl = ke - ks;
        if (kl == 9 && sameBytes(ks, PROTO, 9)) return bad(PROTO_KEY, i - s);
        for (let x: i32 = 0; x < nu; x += 2) {
          const us = <u32>load<i32>(UNKNOWN + (<u32>x << 2));
          const ue = <u32>load<i32>(UNKNOWN + (<u32>(x + 1) << 2));
          if (ue - us == kl && sameBytes(us, ks, kl)) {
            store<i32>(R_A, -1);
            store<i32>(R_A2, ks);
            store<i32>(R_B, ke);
            return bad(DUPLICATE_KEY, i - s);
          }
        }
        if (nu >= MAX_UNKNOWN * 2) return RESCAN;
        store<i32>(UNKNOWN + (<u32>nu << 2), ks);
        store<i32>(UNKNOWN + (<u32>(nu + 1) << 2), ke);
        nu += 2;
      }
      if (colon) i++;
      else {
        while (i < e && isSpace(load<u8>(i))) i++;
        if (load<u8>(i) != 0x3a) return bad(EXPECTED_COLON, i - s);
        i++;
      }
      while (i < e && isSpace(load<u8>(i))) i++;
      const vs = i;
      const c: u32 = load<u8>(i);
      let kd: u8 = 0;
      let esc: u8 = 0;
      if (c == 0x22) {
        j = i + 1;
        while (true) {
          j = skipString(j);
          if (j >= e) return bad(UNTERMINATED_STRING, j - s);
          const b: u32 = load<u8>(j);
          if (b == 0x22) break;
          if (b == 0x5c) {
            esc = 1;
            const x: u32 = load<u8>(j + 1);
            if (x == 0x75) {
              for (let h: u32 = 2; h < 6; h++) {
                const d: u32 = load<u8>(j + h);
                if (!((d >= 0x30 && d <= 0x39) || (d >= 0x41 && d <= 0x46) || (d >= 0x61 && d <= 0x66)) || j + h >= e)
                  return bad(BAD_U_ESCAPE, j - s);
              }
              j += 6;
            } else if (
              x == 0x22 ||
              x == 0x5c ||
              x == 0x2f ||
              x == 0x62 ||
              x == 0x66 ||
              x == 0x6e ||
              x == 0x72 ||
              x == 0x74
            ) {
              j += 2;
            } else return bad(BAD_ESCAPE, j - s);
            continue;
          }
          return bad(CONTROL_IN_STRING, j - s);
        }
        i = j + 1;
        kd = K_STRING;
      } else if (c == 0x2d || (c >= 0x30 && c <= 0x39)) {
        j = i;
        if (load<u8>(j) == 0x2d) j++;
        let d: u32 = load<u8>(j);
        if (d == 0x30) j++;
        else if (d >= 0x31 && d <= 0x39) {
          j++;
          while (j < e && (d = load<u8>(j)) >= 0x30 && d <= 0x39) j++;
        } else return bad(BAD_NUMBER, j - s);
        if (j < e && load<u8>(j) == 0x2e) {
          j++;
          const f = j;
          while (j < e && (d = load<u8>(j)) >= 0x30 && d <= 0x39) j++;
          if (j == f) return bad(BAD_NUMBER, j - s);
        }
        if (j < e && (load<u8>(j) == 0x65 || load<u8>(j) == 0x45)) {
          j++;
          if (load<u8>(j) == 0x2b || load<u8>(j) == 0x2d) j++;
          const f = j;
          while (j < e && (d = load<u8>(j)) >= 0x30 && d <= 0x39) j++;
          if (j == f) return bad(BAD_NUMBER, j - s);
        }
        i = j;
        kd = K_NUMBER;
      } else if (c == 0x74) {
        if (i + 4 > e || load<u8>(i + 1) != 0x72 || load<u8>(i + 2) != 0x75 || load<u8>(i + 3) != 0x65)
          return bad(BAD_LITERAL, i - s);
        i += 4;
        kd = K_BOOL;
      } else if (c == 0x66) {
        if (
          i + 5 > e ||
          load<u8>(i + 1) != 0x61 ||
          load<u8>(i + 2) != 0x6c ||
          load<u8>(i + 3) != 0x73 ||
          load<u8>(i + 4) != 0x65
        )
          return bad(BAD_LITERAL, i - s);
        i += 5;
        kd = K_BOOL;
      } else if (c == 0x6e) {
        if (i + 4 > e || load<u8>(i + 1) != 0x75 || load<u8>(i + 2) != 0x6c || load<u8>(i + 3) != 0x6c)
          return bad(BAD_LITERAL, i - s);
        i += 4;
        kd = K_NULL;
      } else if (c == 0x7b || c == 0x5b) {
        return FALLBACK;
      } else return bad(i >= e ? UNEXPECTED_END : UNEXPECTED_CHAR, i - s);
      if (sl >= 0) {
        const o = <u32>sl << 2;
        store<i32>(KSTART + o, ks - 1);
        store<i32>(VS + o, vs);
        store<i32>(VE + o, i);
        store<u8>(KIND + <u32>sl, kd);
        store<u8>(ESC + <u32>sl, esc);
      }
      while (i < e && isSpace(load<u8>(i))) i++;
      const t = load<u8>(i);
      if (t == 0x2c) {
        i++;
        while (i < e && isSpace(load<u8>(i))) i++;
        continue;
      }
      if (t == 0x7d) {
        i++;
        break;
      }
      return bad(EXPECTED_COMMA, i - s);
    }
  }
  while (i < e && isSpace(load<u8>(i))) i++;
  store<i32>(R_TAIL, i);
  return OK;
}


// ---------------------------------------------------------------------------------------------------------------
// The record loop: for manifests whose output fields are all `keep` or `hash`, with at most one top-level subject
// key and no suppress rule, `run` does per record what `NdjsonTransform` does in TypeScript for the common record
// (scan, line end, subject, output, byte for byte the same), and stops at every other record, untouched (R_JS:
// the host handles that one record itself, then calls `run` again). Output goes to the OUT region; a digest not
// memoised yet is written as a gap the host fills: it computes the HMAC of each PENDING memo entry (the key is
// the host's), then `patch` copies the digests into the gaps (PATCH) before the host copies the output out.

// Run configuration (written by the host) and results.
const RUN_P: u32 = 64; // i32: where the loop stopped (the start of the record it could not handle, or the end)
const RUN_RECORDS: u32 = 68; // i32: records it transformed in this call (each one line, one record in, one out)
const RUN_OUT: u32 = 72; // i32: end of the output in OUT
const RUN_NEWN: u32 = 76; // i32: pairs in NEW (the host drains them and sets 0)
const RUN_GEN: u32 = 80; // i32: the last generation used
const RUN_PEND: u32 = 84; // i32: memo entries in PENDING (their digests to compute)
const RUN_PATCH: u32 = 88; // i32: pairs in PATCH (output gap, memo value)
const C_MAXLINE: u32 = 92; // i32: longest record in bytes
const C_SUBJ: u32 = 96; // i32: the subject key's slot, or -1
const C_NOUT: u32 = 100; // i32: output fields
const C_EXTRA: u32 = 104; // i32: output bytes a record may need beyond its own length
const C_NHASH: u32 = 108; // i32: hashed output fields
const T_S: u32 = 128; // the subject set's descriptor (T_* words)
const T_M: u32 = 192; // the hash memo's descriptor
const OUT_SLOTS: u32 = 9728; // i32[MAX_SLOTS]: the slot of each output field, in manifest order
const OUT_OPS: u32 = 10752; // u8[MAX_SLOTS]: OP_KEEP or OP_HASH
const HASH_AT: u32 = 11072; // i32[MAX_SLOTS]: per output field, its memo value (this record)

const OP_KEEP: u8 = 1;
const OP_HASH: u8 = 2;

// Regions (byte offsets), then the chunk.
const MIB: u32 = 1 << 20;
const OUT: u32 = 65536;
const OUT_END: u32 = 4 * MIB;
const NEW: u32 = 4 * MIB; // i32 pairs: spans of subject keys not seen before
const NEW_CAP: i32 = 65536;
const PATCH: u32 = 4 * MIB + 512 * 1024; // i32 pairs: output position of a gap, memo value to fill it with
const PATCH_CAP: i32 = 65536;
const PENDING: u32 = 5 * MIB; // i32: memo entries whose digest the host computes
const PENDING_CAP: i32 = 65536;
const S_SLOTS: u32 = 8 * MIB;
const S_ARENA: u32 = 40 * MIB;
const M_SLOTS: u32 = 72 * MIB;
const M_ARENA: u32 = 88 * MIB;
const INPUT: u32 = 152 * MIB;

// A table descriptor's words: an open-addressing hash table of byte strings (slots: entry address + 1 or 0, hash;
// entries in an arena: length, key bytes, value bytes). Slot arrays double inside their region (each new array
// after the last: the sizes sum to less than the region); when `max` entries are in or the arena is full, the
// table starts over (the host treats a forgotten subject as new again, which the ledger dedupes; a forgotten
// digest is computed again).
const T_SLOTS: u32 = 0;
const T_MASK: u32 = 4;
const T_COUNT: u32 = 8;
const T_USED: u32 = 12;
const T_SREG: u32 = 16;
const T_SEND: u32 = 20;
const T_AREG: u32 = 24;
const T_AEND: u32 = 28;
const T_MAX: u32 = 32;
const T_VLEN: u32 = 36;
const T_INIT: u32 = 4096; // initial slots

const R_DONE: i32 = 0;
const R_JS: i32 = 1;
const R_FULL: i32 = 3;

function tClear(t: u32): void {
  const sreg = load<u32>(t + T_SREG);
  store<u32>(t + T_SLOTS, sreg);
  store<u32>(t + T_MASK, T_INIT - 1);
  store<u32>(t + T_COUNT, 0);
  store<u32>(t + T_USED, load<u32>(t + T_AREG));
  memory.fill(sreg, 0, T_INIT * 8);
}

function tSetup(t: u32, sreg: u32, send: u32, areg: u32, aend: u32, max: u32, vlen: u32): void {
  store<u32>(t + T_SREG, sreg);
  store<u32>(t + T_SEND, send);
  store<u32>(t + T_AREG, areg);
  store<u32>(t + T_AEND, aend);
  store<u32>(t + T_MAX, max);
  store<u32>(t + T_VLEN, vlen);
  tClear(t);
}

/** True when `n` more entries with `keyBytes` key bytes in all might not fit without starting the table over. */
@inline function tFull(t: u32, keyBytes: u32, n: u32): bool {
  return (
    load<u32>(t + T_COUNT) + n > load<u32>(t + T_MAX) ||
    <u64>load<u32>(t + T_USED) + keyBytes + <u64>n * (4 + load<u32>(t + T_VLEN)) > <u64>load<u32>(t + T_AEND)
  );
}

/** Sets up the record loop (after `init`): output fields and operators are in OUT_SLOTS/OUT_OPS. */
export function initRun(nout: i32, subj: i32, maxLine: i32, extra: i32): void {
  let nhash: i32 = 0;
  for (let x: i32 = 0; x < nout; x++) if (load<u8>(OUT_OPS + <u32>x) == OP_HASH) nhash++;
  store<i32>(C_NOUT, nout);
  store<i32>(C_NHASH, nhash);
  store<i32>(C_SUBJ, subj);
  store<i32>(C_MAXLINE, maxLine);
  store<i32>(C_EXTRA, extra);
  store<i32>(RUN_NEWN, 0);
  store<i32>(RUN_PEND, 0);
  store<i32>(RUN_PATCH, 0);
  tSetup(T_S, S_SLOTS, S_ARENA, S_ARENA, M_SLOTS, 1 << 20, 0);
  tSetup(T_M, M_SLOTS, M_ARENA, M_ARENA, INPUT, 1 << 19, 64);
}

@inline function hashBytes(s: u32, len: u32): u32 {
  let h: u64 = <u64>len * 0x9e3779b97f4a7c15;
  let i: u32 = 0;
  while (i + 8 <= len) {
    h = (h ^ load<u64>(s + i)) * 0xbf58476d1ce4e5b9;
    h ^= h >> 31;
    i += 8;
  }
  if (i < len) {
    // Up to 7 bytes past the key are readable (a record's line, the arena, the output area): masked off.
    const w = load<u64>(s + i) & ((<u64>1 << (<u64>(len - i) << 3)) - 1);
    h = (h ^ w) * 0x94d049bb133111eb;
    h ^= h >> 29;
  }
  return <u32>(h ^ (h >> 32));
}

/** The entry of the key `[s, s + len)`, or 0. */
function tFind(t: u32, s: u32, len: u32, h: u32): u32 {
  const slots = load<u32>(t + T_SLOTS);
  const mask = load<u32>(t + T_MASK);
  let i = h & mask;
  while (true) {
    const at = slots + (i << 3);
    const ent = load<u32>(at);
    if (ent == 0) return 0;
    if (load<u32>(at + 4) == h && load<u32>(ent - 1) == len && sameBytes(ent + 3, s, len)) return ent - 1;
    i = (i + 1) & mask;
  }
}

function tPlace(slots: u32, mask: u32, ent1: u32, h: u32): void {
  let i = h & mask;
  while (load<u32>(slots + (i << 3)) != 0) i = (i + 1) & mask;
  store<u32>(slots + (i << 3), ent1);
  store<u32>(slots + (i << 3) + 4, h);
}

/** Inserts the absent key `[s, s + len)`; returns its entry, or 0 when it cannot fit even in an empty table. */
function tInsert(t: u32, s: u32, len: u32, h: u32): u32 {
  const need: u32 = 4 + len + load<u32>(t + T_VLEN);
  if (need > load<u32>(t + T_AEND) - load<u32>(t + T_AREG)) return 0;
  if (tFull(t, len, 1)) tClear(t);
  let slots = load<u32>(t + T_SLOTS);
  let mask = load<u32>(t + T_MASK);
  if ((load<u32>(t + T_COUNT) + 1) * 2 > mask + 1) {
    // `max` entries need at most 2·max slots: the arrays up to that size fit the region.
    const size = (mask + 1) * 2;
    const next = slots + (mask + 1) * 8;
    memory.fill(next, 0, size * 8);
    for (let j: u32 = 0; j <= mask; j++) {
      const e1 = load<u32>(slots + (j << 3));
      if (e1 != 0) tPlace(next, size - 1, e1, load<u32>(slots + (j << 3) + 4));
    }
    slots = next;
    mask = size - 1;
    store<u32>(t + T_SLOTS, slots);
    store<u32>(t + T_MASK, mask);
  }
  const ent = load<u32>(t + T_USED);
  store<u32>(ent, len);
  memory.copy(ent + 4, s, len);
  store<u32>(t + T_USED, ent + need);
  store<u32>(t + T_COUNT, load<u32>(t + T_COUNT) + 1);
  tPlace(slots, mask, ent + 1, h);
  return ent;
}

/** Where the host puts chunks for `run` (the regions above come first). */
export function inputAt(): i32 {
  return INPUT;
}

/** Fills the output's digest gaps (PATCH) once the host has computed the PENDING digests; empties both lists. */
export function patch(): void {
  const n = load<i32>(RUN_PATCH);
  for (let i: i32 = 0; i < n; i++) {
    const at = PATCH + (<u32>i << 3);
    memory.copy(load<u32>(at), load<u32>(at + 4), 64);
  }
  store<i32>(RUN_PATCH, 0);
  store<i32>(RUN_PEND, 0);
}

/**
 * Transforms the records from `p` on (the chunk ends at `end`, where the host put a `\n`; generations after `gen`).
 * Returns R_DONE at the end, or stops at a record it leaves to the host (R_JS) or when one of its lists or OUT is
 * full (R_FULL); RUN_* say where and what it did. The host then computes the PENDING digests, calls `patch` and
 * takes OUT and NEW, before anything else.
 */
export function run(p: u32, end: u32, gen: i32): i32 {
  const maxLine = <u32>load<i32>(C_MAXLINE);
  const subj = load<i32>(C_SUBJ);
  const nout = load<i32>(C_NOUT);
  const nhash = load<i32>(C_NHASH);
  const extra = <u32>load<i32>(C_EXTRA);
  let o = OUT;
  let newn = load<i32>(RUN_NEWN);
  let npend = load<i32>(RUN_PEND);
  let npatch = load<i32>(RUN_PATCH);
  let records: i32 = 0;
  let st = R_DONE;
  while (p < end) {
    // A generation per attempt, also one that stops here: the host's rescan of the record takes the next one.
    const g = ++gen;
    if (scan(p, end, g) != OK) {
      st = R_JS;
      break;
    }
    // The record must end its line: `}`, spaces, then `\n`, `\r\n`, a `\r` at the chunk's end, or the end.
    const t = <u32>load<i32>(R_TAIL);
    let next: u32 = end;
    if (t != end) {
      const b = load<u8>(t);
      if (b == 0x0a) next = t + 1;
      else if (b == 0x0d && t + 1 == end) next = end;
      else if (b == 0x0d && load<u8>(t + 1) == 0x0a) next = t + 2;
      else {
        st = R_JS;
        break;
      }
    }
    if (t - p > maxLine) {
      st = R_JS;
      break;
    }
    // The subject key: present, not null, not empty, no escapes (else the host rejects or handles it).
    let ss: u32 = 0;
    let se: u32 = 0;
    if (subj >= 0) {
      const so = <u32>subj << 2;
      const kd = load<u8>(KIND + <u32>subj);
      const vs = <u32>load<i32>(VS + so);
      const ve = <u32>load<i32>(VE + so);
      if (
        load<i32>(SEEN + so) != g ||
        kd == K_NULL ||
        load<u8>(ESC + <u32>subj) != 0 ||
        (kd == K_STRING && ve - vs == 2)
      ) {
        st = R_JS;
        break;
      }
      ss = kd == K_STRING ? vs + 1 : vs;
      se = kd == K_STRING ? ve - 1 : ve;
    }
    if (
      o + (t - p) + extra > OUT_END ||
      newn >= NEW_CAP ||
      npatch + nhash > PATCH_CAP ||
      npend + nhash > PENDING_CAP
    ) {
      st = R_FULL;
      break;
    }
    if (nhash > 0) {
      // A hashed value with escapes goes to the host (its text is not its bytes).
      let esc = false;
      for (let x: i32 = 0; x < nout; x++) {
        const sl = <u32>load<i32>(OUT_SLOTS + (<u32>x << 2));
        if (load<u8>(OUT_OPS + <u32>x) == OP_HASH && load<i32>(SEEN + (sl << 2)) == g && load<u8>(ESC + sl) != 0) {
          esc = true;
          break;
        }
      }
      if (esc) {
        st = R_JS;
        break;
      }
      // The memo starts over only between records and with no digest pending (the gaps point into it).
      if (tFull(T_M, t - p, <u32>nhash)) {
        if (npend > 0) {
          st = R_FULL;
          break;
        }
        tClear(T_M);
        if (tFull(T_M, t - p, <u32>nhash)) {
          st = R_JS;
          break;
        }
      }
      for (let x: i32 = 0; x < nout; x++) {
        if (load<u8>(OUT_OPS + <u32>x) != OP_HASH) continue;
        const sl = <u32>load<i32>(OUT_SLOTS + (<u32>x << 2));
        if (load<i32>(SEEN + (sl << 2)) != g) continue;
        const kd = load<u8>(KIND + sl);
        if (kd == K_NULL) continue;
        let vs = <u32>load<i32>(VS + (sl << 2));
        let ve = <u32>load<i32>(VE + (sl << 2));
        if (kd == K_STRING) {
          if (ve - vs == 2) continue;
          vs++;
          ve--;
        }
        const len = ve - vs;
        const h = hashBytes(vs, len);
        let ent = tFind(T_M, vs, len, h);
        if (ent == 0) {
          ent = tInsert(T_M, vs, len, h);
          // A zero first byte marks a digest still to compute (hex digits are never zero).
          store<u8>(ent + 4 + len, 0);
          store<u32>(PENDING + (<u32>npend << 2), ent);
          npend++;
        }
        store<u32>(HASH_AT + (<u32>x << 2), ent + 4 + len);
      }
    }
    if (subj >= 0) {
      const len = se - ss;
      const h = hashBytes(ss, len);
      if (tFind(T_S, ss, len, h) == 0) {
        if (tInsert(T_S, ss, len, h) == 0) {
          // Longer than the set can hold: the host keeps it (the digests pending here are computed all the same).
          st = R_JS;
          break;
        }
        store<i32>(NEW + (<u32>newn << 3), ss);
        store<i32>(NEW + (<u32>newn << 3) + 4, se);
        newn++;
      }
    }
    // The output record, as `NdjsonTransform.emitFast` writes it.
    store<u8>(o++, 0x7b);
    let first = true;
    for (let x: i32 = 0; x < nout; x++) {
      const sl = <u32>load<i32>(OUT_SLOTS + (<u32>x << 2));
      const so = sl << 2;
      if (load<i32>(SEEN + so) != g) continue;
      if (load<u8>(OUT_OPS + <u32>x) == OP_KEEP) {
        // Kept fields next to each other in the input, in manifest order, are copied as one span.
        const from = <u32>load<i32>(KSTART + so);
        let to = <u32>load<i32>(VE + so);
        while (x + 1 < nout) {
          const nx = <u32>load<i32>(OUT_SLOTS + (<u32>(x + 1) << 2)) << 2;
          if (
            load<i32>(SEEN + nx) != g ||
            load<u8>(OUT_OPS + <u32>(x + 1)) != OP_KEEP ||
            <u32>load<i32>(KSTART + nx) != to + 1
          )
            break;
          to = <u32>load<i32>(VE + nx);
          x++;
        }
        if (!first) store<u8>(o++, 0x2c);
        first = false;
        memory.copy(o, from, to - from);
        o += to - from;
        continue;
      }
      // `,"key":` then `null`, `""` or the quoted hex digest.
      if (!first) store<u8>(o++, 0x2c);
      first = false;
      store<u8>(o++, 0x22);
      const pl = <u32>load<i32>(PAT_LEN + so);
      memory.copy(o, PAT + <u32>load<i32>(PAT_OFF + so), pl);
      o += pl;
      const kd = load<u8>(KIND + sl);
      if (kd == K_NULL) {
        store<u32>(o, 0x6c6c756e);
        o += 4;
        continue;
      }
      store<u8>(o++, 0x22);
      if (!(kd == K_STRING && <u32>load<i32>(VE + so) - <u32>load<i32>(VS + so) == 2)) {
        const v = load<u32>(HASH_AT + (<u32>x << 2));
        if (load<u8>(v) == 0) {
          store<u32>(PATCH + (<u32>npatch << 3), o);
          store<u32>(PATCH + (<u32>npatch << 3) + 4, v);
          npatch++;
        } else memory.copy(o, v, 64);
        o += 64;
      }
      store<u8>(o++, 0x22);
    }
    store<u8>(o++, 0x7d);
    store<u8>(o++, 0x0a);
    records++;
    p = next;
  }
  store<i32>(RUN_P, p);
  store<i32>(RUN_RECORDS, records);
  store<i32>(RUN_OUT, o);
  store<i32>(RUN_NEWN, newn);
  store<i32>(RUN_PEND, npend);
  store<i32>(RUN_PATCH, npatch);
  store<i32>(RUN_GEN, gen);
  return st;
}

/**
 * For a record the host handles: 1 when the subject key `[s, e)` was seen before, else 0 and it is now (2: too
 * long to keep). One set for both, so a subject is reported once whichever side met it.
 */
export function seenSubject(s: u32, e: u32): i32 {
  const len = e - s;
  const h = hashBytes(s, len);
  if (tFind(T_S, s, len, h) != 0) return 1;
  return tInsert(T_S, s, len, h) != 0 ? 0 : 2;
}
