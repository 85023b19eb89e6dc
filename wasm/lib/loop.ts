/**
 * What both record loops (`run` in ndjson-scan.ts and csv-scan.ts) share: the memory regions before the chunk,
 * the words through which host and loop talk, the subject set and the digest memo (hash tables of byte strings in
 * the module's memory), and the lists the host settles after each call (new subjects, digests to compute, output
 * gaps to fill). A loop transforms the records it can; it stops, untouched, at any other record, which the host
 * handles itself (R_JS) before calling it again. Output goes to the OUT region; a digest not memoised yet is
 * written as a gap, and the host calls `settle` after each call: it computes the digests of the memo entries the
 * call added and of the new subjects (lib/hmac.ts) and fills the gaps (PATCH), before the host copies the output
 * and the subjects' digests out.
 *
 * Mirrored in `src/adapters/gateway/loop-wasm.ts`; both modules' `layout()` covers this file too.
 */

import { digestHex, digestRaw, hmac, KEY_HASH, KEY_SUBJECT } from './hmac';

/** True when the `len` bytes at `a` equal those at `b` (both readable 16 bytes past their ends). */
@inline export function sameBytes(a: u32, b: u32, len: u32): bool {
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

// Run configuration (written by the host) and results.
export const RUN_P: u32 = 64; // i32: where the loop stopped (the start of the record it could not handle, or the end)
export const RUN_RECORDS: u32 = 68; // i32: records it transformed in this call (each one line, one record in, one out)
export const RUN_OUT: u32 = 72; // i32: end of the output in OUT
export const RUN_NEWN: u32 = 76; // i32: pairs in NEW (the host drains them and sets 0)
export const RUN_GEN: u32 = 80; // i32: the last generation used
export const RUN_PEND: u32 = 84; // i32: memo entries in PENDING (their digests to compute)
export const RUN_PATCH: u32 = 88; // i32: pairs in PATCH (output gap, memo value)
export const C_MAXLINE: u32 = 92; // i32: longest record in bytes
export const C_SUBJ: u32 = 96; // i32: the subject key's slot (column), or -1
// 100..111: the format's own configuration.
export const RUN_LINES: u32 = 112; // i32: lines the records of this call took
export const RUN_RESTARTS: u32 = 116; // i32: times the subject set started over while holding subjects
export const T_S: u32 = 128; // the subject set's descriptor (T_* words)
export const T_M: u32 = 192; // the hash memo's descriptor

export const OP_KEEP: u8 = 1;
export const OP_HASH: u8 = 2;

// Regions (byte offsets), then the chunk.
export const MIB: u32 = 1 << 20;
export const OUT: u32 = 65536;
export const OUT_END: u32 = 4 * MIB;
export const NEW: u32 = 4 * MIB; // i32 pairs: spans of subject keys not seen before
export const NEW_CAP: i32 = 32768;
export const NEW_DIGESTS: u32 = 6 * MIB + 512 * 1024; // their digests (32 bytes each), after `settle`
export const PATCH: u32 = 4 * MIB + 512 * 1024; // i32 pairs: output position of a gap, memo value to fill it with
export const PATCH_CAP: i32 = 65536;
export const PENDING: u32 = 5 * MIB; // i32: memo entries whose digest the host computes
export const PENDING_CAP: i32 = 65536;
// The tables' regions: slot arrays up to 4 MiB (subjects) and 2 MiB (digests), arenas of 8 and 16 MiB. The whole
// memory stays under 64 MiB with a 1 MiB chunk: more counts as "external memory pressure" to V8, which then
// collects garbage at start-up (~15 ms per thread, measured).
export const S_SLOTS: u32 = 8 * MIB;
export const S_ARENA: u32 = 16 * MIB;
export const M_SLOTS: u32 = 24 * MIB;
export const M_ARENA: u32 = 28 * MIB;
export const INPUT: u32 = 44 * MIB;

// A table descriptor's words: an open-addressing hash table of byte strings (slots: entry address + 1 or 0, hash;
// entries in an arena: length, key bytes, value bytes). Slot arrays double inside their region (each new array
// after the last: the sizes sum to less than the region); when `max` entries are in or the arena is full, the
// table starts over (the host treats a forgotten subject as new again, which the ledger dedupes; a forgotten
// digest is computed again).
export const T_SLOTS: u32 = 0;
export const T_MASK: u32 = 4;
export const T_COUNT: u32 = 8;
export const T_USED: u32 = 12;
export const T_SREG: u32 = 16;
export const T_SEND: u32 = 20;
export const T_AREG: u32 = 24;
export const T_AEND: u32 = 28;
export const T_MAX: u32 = 32;
export const T_VLEN: u32 = 36;
export const T_INIT: u32 = 4096; // initial slots

export const R_DONE: i32 = 0;
export const R_JS: i32 = 1;
export const R_FULL: i32 = 3;

export function tClear(t: u32): void {
  if (t == T_S && load<u32>(t + T_COUNT) > 0) store<i32>(RUN_RESTARTS, load<i32>(RUN_RESTARTS) + 1);
  const sreg = load<u32>(t + T_SREG);
  store<u32>(t + T_SLOTS, sreg);
  store<u32>(t + T_MASK, T_INIT - 1);
  store<u32>(t + T_COUNT, 0);
  store<u32>(t + T_USED, load<u32>(t + T_AREG));
  memory.fill(sreg, 0, T_INIT * 8);
}

export function tSetup(t: u32, sreg: u32, send: u32, areg: u32, aend: u32, max: u32, vlen: u32): void {
  store<u32>(t + T_SREG, sreg);
  store<u32>(t + T_SEND, send);
  store<u32>(t + T_AREG, areg);
  store<u32>(t + T_AEND, aend);
  store<u32>(t + T_MAX, max);
  store<u32>(t + T_VLEN, vlen);
  tClear(t);
}

/** True when `n` more entries with `keyBytes` key bytes in all might not fit without starting the table over. */
@inline export function tFull(t: u32, keyBytes: u32, n: u32): bool {
  return (
    load<u32>(t + T_COUNT) + n > load<u32>(t + T_MAX) ||
    <u64>load<u32>(t + T_USED) + keyBytes + <u64>n * (4 + load<u32>(t + T_VLEN)) > <u64>load<u32>(t + T_AEND)
  );
}

@inline export function hashBytes(s: u32, len: u32): u32 {
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
export function tFind(t: u32, s: u32, len: u32, h: u32): u32 {
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

export function tPlace(slots: u32, mask: u32, ent1: u32, h: u32): void {
  let i = h & mask;
  while (load<u32>(slots + (i << 3)) != 0) i = (i + 1) & mask;
  store<u32>(slots + (i << 3), ent1);
  store<u32>(slots + (i << 3) + 4, h);
}

/** Inserts the absent key `[s, s + len)`; returns its entry, or 0 when it cannot fit even in an empty table. */
export function tInsert(t: u32, s: u32, len: u32, h: u32): u32 {
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

/**
 * After a call: computes the digests of the memo entries the call added (hex, with the `hash` key) and fills the
 * output's gaps with them, then the digests of the new subjects (raw, with the ledger's subject key) into
 * NEW_DIGESTS, for the host to take (it then empties NEW).
 */
export function settle(): void {
  const np = load<i32>(RUN_PEND);
  for (let i: i32 = 0; i < np; i++) {
    const ent = load<u32>(PENDING + (<u32>i << 2));
    const len = load<u32>(ent);
    hmac(KEY_HASH, ent + 4, len);
    digestHex(ent + 4 + len);
  }
  const n = load<i32>(RUN_PATCH);
  for (let i: i32 = 0; i < n; i++) {
    const at = PATCH + (<u32>i << 3);
    memory.copy(load<u32>(at), load<u32>(at + 4), 64);
  }
  store<i32>(RUN_PATCH, 0);
  store<i32>(RUN_PEND, 0);
  const nn = load<i32>(RUN_NEWN);
  for (let i: i32 = 0; i < nn; i++) {
    const s = load<u32>(NEW + (<u32>i << 3));
    hmac(KEY_SUBJECT, s, load<u32>(NEW + (<u32>i << 3) + 4) - s);
    digestRaw(NEW_DIGESTS + (<u32>i << 5));
  }
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

/** Sets up the subject set and the digest memo, and empties the lists. */
export function startLoop(): void {
  store<i32>(RUN_NEWN, 0);
  store<i32>(RUN_RESTARTS, 0);
  store<i32>(RUN_PEND, 0);
  store<i32>(RUN_PATCH, 0);
  tSetup(T_S, S_SLOTS, S_ARENA, S_ARENA, M_SLOTS, 1 << 18, 0);
  tSetup(T_M, M_SLOTS, M_ARENA, M_ARENA, INPUT, 1 << 17, 64);
}

/**
 * Room for one more record of `bytes` bytes written at `o` with `extra` bytes more at most and `nhash` digests;
 * else the caller stops with R_FULL. The memo starts over here when it might not take the record's values (only
 * between records and with no digest pending: the gaps and this record's values point into it); false then when
 * even an empty memo could not.
 */
@inline export function room(o: u32, bytes: u32, extra: u32, nhash: i32): i32 {
  // A record that does not fit even an empty output area (a few MB: below the longest record allowed) is the
  // host's; else the host empties the area and calls again.
  if (o + bytes + extra > OUT_END) return o == OUT ? R_JS : R_FULL;
  if (
    load<i32>(RUN_NEWN) >= NEW_CAP ||
    load<i32>(RUN_PATCH) + nhash > PATCH_CAP ||
    load<i32>(RUN_PEND) + nhash > PENDING_CAP
  )
    return R_FULL;
  if (nhash > 0 && tFull(T_M, bytes, <u32>nhash)) {
    if (load<i32>(RUN_PEND) > 0) return R_FULL;
    tClear(T_M);
    if (tFull(T_M, bytes, <u32>nhash)) return R_JS;
  }
  return R_DONE;
}

/** The memo value (64 hex digits, or a zero first byte while pending) of the value bytes `[s, s + len)`. */
@inline export function memoValue(s: u32, len: u32): u32 {
  const h = hashBytes(s, len);
  let ent = tFind(T_M, s, len, h);
  if (ent == 0) {
    // `room` made sure it fits.
    ent = tInsert(T_M, s, len, h);
    store<u8>(ent + 4 + len, 0);
    const n = load<i32>(RUN_PEND);
    store<u32>(PENDING + (<u32>n << 2), ent);
    store<i32>(RUN_PEND, n + 1);
  }
  return ent + 4 + len;
}

/** Writes the digest of memo value `v` at `o` (or leaves a gap that `settle` fills); returns the end. */
@inline export function writeDigest(o: u32, v: u32): u32 {
  if (load<u8>(v) == 0) {
    const n = load<i32>(RUN_PATCH);
    store<u32>(PATCH + (<u32>n << 3), o);
    store<u32>(PATCH + (<u32>n << 3) + 4, v);
    store<i32>(RUN_PATCH, n + 1);
  } else memory.copy(o, v, 64);
  return o + 64;
}

/** A code point `String.prototype.trim` removes (as `isTrimmed` in src/adapters/gateway/subjects.ts). */
@inline function isTrimmed(cp: u32): bool {
  return (
    (cp >= 0x09 && cp <= 0x0d) ||
    cp == 0x20 ||
    cp == 0xa0 ||
    cp == 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp == 0x2028 ||
    cp == 0x2029 ||
    cp == 0x202f ||
    cp == 0x205f ||
    cp == 0x3000 ||
    cp == 0xfeff
  );
}

/**
 * True when the subject key `[s, e)` (valid UTF-8) is empty or only whitespace: it names no one, and the host
 * rejects the record. Returns at the first other character (a VIN's or an id number's first byte). As `blankUtf8`
 * in src/adapters/gateway/subjects.ts.
 */
@inline export function blankKey(s: u32, e: u32): bool {
  let i = s;
  while (i < e) {
    const c: u32 = load<u8>(i);
    let cp: u32;
    if (c < 0x80) {
      cp = c;
      i++;
    } else if (c < 0xe0) {
      cp = ((c & 0x1f) << 6) | (<u32>load<u8>(i + 1) & 0x3f);
      i += 2;
    } else if (c < 0xf0) {
      cp = ((c & 0x0f) << 12) | ((<u32>load<u8>(i + 1) & 0x3f) << 6) | (<u32>load<u8>(i + 2) & 0x3f);
      i += 3;
    } else return false;
    if (!isTrimmed(cp)) return false;
  }
  return true;
}

/** Adds the subject key `[s, e)` to the set, listing it in NEW when new; false when it is too long to keep. */
@inline export function noteSubject(s: u32, e: u32): bool {
  const len = e - s;
  const h = hashBytes(s, len);
  if (tFind(T_S, s, len, h) != 0) return true;
  if (tInsert(T_S, s, len, h) == 0) return false;
  const n = load<i32>(RUN_NEWN);
  store<i32>(NEW + (<u32>n << 3), s);
  store<i32>(NEW + (<u32>n << 3) + 4, e);
  store<i32>(RUN_NEWN, n + 1);
  return true;
}
