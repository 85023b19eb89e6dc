/**
 * The NDJSON record scanner, in AssemblyScript (compiled to WebAssembly with SIMD by `scripts/build-wasm.mjs`).
 * It does exactly what `NdjsonTransform.scan` in `src/adapters/gateway/ndjson.ts` does, byte for byte, and that
 * TypeScript scanner stays the reference (a differential test compares the two on random records): one pass over
 * a flat JSON object that validates its grammar, finds its top-level keys (the key predicted from the previous
 * record first, 16 bytes per compare), detects duplicate and `__proto__` keys and records each known key's value
 * span. String content is skipped 16 bytes at a time. No allocation: everything lives at fixed offsets of the
 * memory the host gives (layout below, mirrored in `src/adapters/gateway/ndjson-wasm.ts`).
 */

import {
  blankKey,
  C_MAXLINE,
  C_SUBJ,
  memoValue,
  noteSubject,
  OP_HASH,
  OP_KEEP,
  OUT,
  R_DONE,
  R_JS,
  room,
  RUN_GEN,
  RUN_LINES,
  RUN_OUT,
  RUN_P,
  RUN_RECORDS,
  sameBytes,
  startLoop,
  writeDigest,
} from './lib/loop';

export { seenSubject, settle } from './lib/loop';

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
 * CONTRACT whenever an offset or a table changes, or which records `run` leaves to the host: a stale module must
 * not take a record the host would now reject).
 */
export function layout(): i32 {
  return 5;
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


// The record loop (see lib/loop.ts): for manifests whose output fields are all `keep` or `hash`, with at most one
// top-level subject key and no suppress rule, `run` does per record what `NdjsonTransform` does in TypeScript for
// the common record (scan, line end, subject, output: byte for byte the same).
const C_NOUT: u32 = 100; // i32: output fields
const C_EXTRA: u32 = 104; // i32: output bytes a record may need beyond its own length
const C_NHASH: u32 = 108; // i32: hashed output fields
const OUT_SLOTS: u32 = 9728; // i32[MAX_SLOTS]: the slot of each output field, in manifest order
const OUT_OPS: u32 = 10752; // u8[MAX_SLOTS]: OP_KEEP or OP_HASH

/** Sets up the record loop (after `init`): output fields and operators are in OUT_SLOTS/OUT_OPS. */
export function initRun(nout: i32, subj: i32, maxLine: i32, extra: i32): void {
  let nhash: i32 = 0;
  for (let x: i32 = 0; x < nout; x++) if (load<u8>(OUT_OPS + <u32>x) == OP_HASH) nhash++;
  store<i32>(C_NOUT, nout);
  store<i32>(C_NHASH, nhash);
  store<i32>(C_SUBJ, subj);
  store<i32>(C_MAXLINE, maxLine);
  store<i32>(C_EXTRA, extra);
  startLoop();
}

/** A hashed value of the record of generation `g` has escapes (its text is not its bytes: the host hashes it). */
function hashedEscaped(nout: i32, g: i32): bool {
  for (let x: i32 = 0; x < nout; x++) {
    const sl = <u32>load<i32>(OUT_SLOTS + (<u32>x << 2));
    if (load<u8>(OUT_OPS + <u32>x) == OP_HASH && load<i32>(SEEN + (sl << 2)) == g && load<u8>(ESC + sl) != 0)
      return true;
  }
  return false;
}

/**
 * Transforms the records from `p` on (the chunk ends at `end`, where the host put a `\n`; generations after
 * `gen`). Returns R_DONE at the end, or stops at a record it leaves to the host (R_JS) or when one of its lists or
 * OUT is full (R_FULL); the RUN_* words say where and what it did. The host then settles (lib/loop.ts) before
 * anything else.
 */
export function run(p: u32, end: u32, gen: i32): i32 {
  const maxLine = <u32>load<i32>(C_MAXLINE);
  const subj = load<i32>(C_SUBJ);
  const nout = load<i32>(C_NOUT);
  const nhash = load<i32>(C_NHASH);
  const extra = <u32>load<i32>(C_EXTRA);
  let o = OUT;
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
    // The subject key: present, not null, no escapes, not empty or blank (else the host rejects or handles it; an
    // object or array never gets here: the scan left the record to the host).
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
        (kd == K_STRING && blankKey(vs + 1, ve - 1))
      ) {
        st = R_JS;
        break;
      }
      ss = kd == K_STRING ? vs + 1 : vs;
      se = kd == K_STRING ? ve - 1 : ve;
    }
    st = nhash > 0 && hashedEscaped(nout, g) ? R_JS : room(o, t - p, extra, nhash);
    if (st != R_DONE) break;
    if (subj >= 0 && !noteSubject(ss, se)) {
      // Longer than the set can hold: the host keeps it.
      st = R_JS;
      break;
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
      const vs = <u32>load<i32>(VS + so);
      const ve = <u32>load<i32>(VE + so);
      if (kd == K_STRING) {
        if (ve - vs > 2) o = writeDigest(o, memoValue(vs + 1, ve - vs - 2));
      } else o = writeDigest(o, memoValue(vs, ve - vs));
      store<u8>(o++, 0x22);
    }
    store<u8>(o++, 0x7d);
    store<u8>(o++, 0x0a);
    records++;
    p = next;
  }
  store<i32>(RUN_P, p);
  store<i32>(RUN_RECORDS, records);
  store<i32>(RUN_LINES, records);
  store<i32>(RUN_OUT, o);
  store<i32>(RUN_GEN, gen);
  return st;
}
