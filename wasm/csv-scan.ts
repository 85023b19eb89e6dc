/**
 * The CSV record scanner, in AssemblyScript (compiled to WebAssembly with SIMD by `scripts/build-wasm.mjs`).
 * It does exactly what the record loop of `CsvTransform.records` in `src/adapters/gateway/csv.ts` does, byte for
 * byte, and that TypeScript loop stays the reference (a differential test compares the two on random CSV text):
 * one pass over a record that splits it into cells (RFC 4180 quotes, `""` escapes, quoted newlines, CRLF), records
 * each cell's span and quoting, counts the newlines inside quotes and flags an unclosed quote or text after a
 * closing quote. A record without quotes (most of them) is split block by block: each 16-byte block's delimiters
 * and `\n` come as one bit mask, taken a stop at a time. Any other record is scanned cell by cell: unquoted cells
 * searched for the delimiter or `\n`, quoted ones for `"` (their `\n` counted on the way), 16 bytes at a time.
 * No allocation: everything lives at fixed offsets of the memory the host gives (layout below, mirrored in
 * `src/adapters/gateway/csv-wasm.ts`).
 *
 * The host puts a `\n` at the chunk's end (`end`): every unquoted search stops there at the latest, and where the
 * TypeScript loop reads the byte at `end` (a cell starting there, a quote just before it) that byte is no quote.
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
  RUN_LINES,
  RUN_OUT,
  RUN_P,
  RUN_RECORDS,
  startLoop,
  writeDigest,
} from './lib/loop';

export { seenSubject, settle } from './lib/loop';

// Memory layout (byte offsets).
const R_COL: u32 = 0; // i32: cells in the record (also those past the tables)
const R_NL: u32 = 4; // i32: `\n` bytes inside quoted cells
const R_REASON: u32 = 8; // i32: why the record is malformed (0: it is not; reasons below)
const CS: u32 = 16384; // i32[MAX_COLS]: where each cell starts (its opening quote, if quoted)
const CE: u32 = 32768; // i32[MAX_COLS]: where it ends (after its closing quote; before a `\r` ending the record)
const CQ: u32 = 49152; // u8[MAX_COLS]: 0 unquoted, 1 quoted, 2 quoted with `""` inside

// Reasons, as in csv-wasm.ts; the last one found wins, as in the TypeScript loop.
const UNCLOSED_QUOTE: i32 = 1;
const TEXT_AFTER_QUOTE: i32 = 2;

/**
 * The version of the memory layout above, which the host checks before use (raise it here and in the host's
 * CONTRACT whenever an offset or a table changes, or which records `run` leaves to the host: a stale module must
 * not take a record the host would now reject).
 */
export function layout(): i32 {
  return 4;
}

let delim: u32 = 0x2c;
let cap: i32 = 0;
/** The delimiter is none of `\n`, `\r`, `"`: records without quotes can take `plainRecord`. */
let plain = true;

/** Sets the delimiter (a byte) and the number of cells the tables record (`cap` ≤ MAX_COLS). */
export function init(d: u32, c: i32): void {
  delim = d;
  cap = c;
  plain = d != 0x0a && d != 0x0d && d != 0x22;
}

@inline function cell(col: i32, fs: u32, fe: u32, q: u8): void {
  if (col < cap) {
    const o = <u32>col << 2;
    store<i32>(CS + o, fs);
    store<i32>(CE + o, fe);
    store<u8>(CQ + <u32>col, q);
  }
}

/**
 * The record at `p` when no `"` comes before its `\n` (the one at `end` at the latest): every delimiter ends a
 * cell, the `\n` ends the last one (a `\r` before it is not the cell's). The stops of each 16-byte block are
 * taken one after the other from its mask. Returns where the next record starts, or 0 when the record has a
 * quote (then `record` scans it from the start).
 */
@inline function plainRecord(p: u32, end: u32): u32 {
  const dv = i8x16.splat(<i8>delim);
  const nlv = i8x16.splat(0x0a);
  const qv = i8x16.splat(0x22);
  let col: i32 = 0;
  let fs = p;
  let b = p;
  while (true) {
    const v = v128.load(b);
    const mn = i8x16.bitmask(i8x16.eq(v, nlv));
    let m = i8x16.bitmask(i8x16.eq(v, dv)) | mn;
    let mq = i8x16.bitmask(i8x16.eq(v, qv));
    if (mn != 0) {
      // The record ends at this block's first `\n`: the bytes after it are not its.
      const lim = (2 << ctz(mn)) - 1;
      m &= lim;
      mq &= lim;
    }
    if (mq != 0) return 0;
    while (m != 0) {
      const pos = b + <u32>ctz(m);
      m &= m - 1;
      if (m == 0 && mn != 0) {
        let fe = pos;
        if (fe > fs && load<u8>(fe - 1) == 0x0d) fe--;
        cell(col, fs, fe, 0);
        store<i32>(R_COL, col + 1);
        store<i32>(R_NL, 0);
        store<i32>(R_REASON, 0);
        return pos < end ? pos + 1 : end;
      }
      cell(col, fs, pos, 0);
      col++;
      fs = pos + 1;
    }
    b += 16;
  }
}

/**
 * Scans the record at `p` of the chunk ending at `end` (a `\n` there): writes the first `cap` cells' spans and
 * quoting, the cell count, the quoted newlines and the reason in the header; returns where the next record starts.
 */
export function record(p: u32, end: u32): u32 {
  if (plain) {
    const next = plainRecord(p, end);
    if (next != 0) return next;
  }
  const d = delim;
  const dv = i8x16.splat(<i8>d);
  const nlv = i8x16.splat(0x0a);
  const qv = i8x16.splat(0x22);
  let col: i32 = 0;
  let nl: i32 = 0;
  let reason: i32 = 0;
  let i = p;
  while (true) {
    const fs = i;
    let fe: u32;
    let q: u8 = 0;
    if (load<u8>(i) == 0x22) {
      // A quoted cell: the next `"` before `end` (counting the `\n` before it); `""` is an escaped quote.
      let j = i + 1;
      q = 1;
      let closed = false;
      while (true) {
        while (true) {
          const v = v128.load(j);
          let qm = i8x16.bitmask(i8x16.eq(v, qv));
          let nm = i8x16.bitmask(i8x16.eq(v, nlv));
          if (j + 16 > end) {
            // The last block: bytes from `end` on are not the chunk's.
            const lim: i32 = (1 << (end - j)) - 1;
            qm &= lim;
            nm &= lim;
            if (qm == 0) {
              nl += popcnt(nm);
              j = end;
              break;
            }
          }
          if (qm != 0) {
            const k = ctz(qm);
            nl += popcnt(nm & ((1 << k) - 1));
            j += <u32>k;
            break;
          }
          nl += popcnt(nm);
          j += 16;
        }
        if (j >= end) break;
        if (load<u8>(j + 1) == 0x22) {
          q = 2;
          j += 2;
          continue;
        }
        closed = true;
        break;
      }
      if (!closed) {
        // The quote runs to the end of the chunk (the host cuts chunks where quotes are balanced).
        reason = UNCLOSED_QUOTE;
        i = end;
        break;
      }
      fe = j + 1;
      i = fe;
      // Anything between the closing quote and the delimiter is malformed; it stays in the span.
      let b: u32 = load<u8>(i);
      while (i < end && b != d && b != 0x0a && b != 0x0d) {
        i++;
        b = load<u8>(i);
      }
      if (i != fe) reason = TEXT_AFTER_QUOTE;
    } else {
      // An unquoted cell: up to the first delimiter or `\n` (the one at `end` at the latest).
      let v = v128.load(i);
      let m = i8x16.bitmask(v128.or(i8x16.eq(v, dv), i8x16.eq(v, nlv)));
      while (m == 0) {
        i += 16;
        v = v128.load(i);
        m = i8x16.bitmask(v128.or(i8x16.eq(v, dv), i8x16.eq(v, nlv)));
      }
      i += <u32>ctz(m);
      fe = i;
      if (fe > fs && load<u8>(fe - 1) == 0x0d && (i >= end || load<u8>(i) == 0x0a)) fe--;
    }
    cell(col, fs, fe, q);
    col++;
    if (i < end && load<u8>(i) == d) {
      i++;
      continue;
    }
    // End of record: skip `\r` and `\n`.
    if (i < end && load<u8>(i) == 0x0d) i++;
    if (i < end && load<u8>(i) == 0x0a) i++;
    break;
  }
  store<i32>(R_COL, col);
  store<i32>(R_NL, nl);
  store<i32>(R_REASON, reason);
  return i;
}

// The record loop (see lib/loop.ts): for manifests whose output columns are all `keep` or `hash`, with at most
// one subject column and no suppress rule, CSV in and out, `run` does per record what `CsvTransform` does in
// TypeScript for the common record (split, cell count, subject, output: byte for byte the same).
const C_NCOLS: u32 = 100; // i32: the header's columns
const C_NRUNS: u32 = 104; // i32: output runs (adjacent kept columns form one run; every other column is one)
const C_NHASH: u32 = 108; // i32: hashed output columns
const RUN_FIRST: u32 = 6 * 1024 * 1024; // i32[MAX_COLS]: a run's first column
const RUN_LAST: u32 = RUN_FIRST + 16384; // i32[MAX_COLS]: its last column
const RUN_OP: u32 = RUN_LAST + 16384; // u8[MAX_COLS]: OP_KEEP or OP_HASH

/** Sets up the record loop (after `init`): the output runs are in RUN_FIRST/RUN_LAST/RUN_OP. */
export function initRun(ncols: i32, nruns: i32, subj: i32, maxLine: i32): void {
  let nhash: i32 = 0;
  for (let x: i32 = 0; x < nruns; x++) if (load<u8>(RUN_OP + <u32>x) == OP_HASH) nhash++;
  store<i32>(C_NCOLS, ncols);
  store<i32>(C_NRUNS, nruns);
  store<i32>(C_NHASH, nhash);
  store<i32>(C_SUBJ, subj);
  store<i32>(C_MAXLINE, maxLine);
  startLoop();
}

/** Start, end and quoting of cell `col` of the last record scanned. */
@inline function cs(col: u32): u32 {
  return load<u32>(CS + (col << 2));
}
@inline function ce(col: u32): u32 {
  return load<u32>(CE + (col << 2));
}
@inline function cq(col: u32): u32 {
  return load<u8>(CQ + col);
}

/** A hashed cell of the last record has `""` in it (its text is not its bytes: the host hashes it). */
function hashedQuoteEscaped(nruns: i32): bool {
  for (let x: i32 = 0; x < nruns; x++)
    if (load<u8>(RUN_OP + <u32>x) == OP_HASH && cq(load<u32>(RUN_FIRST + (<u32>x << 2))) == 2) return true;
  return false;
}

/**
 * Transforms the records from `p` on (the chunk ends at `end`, where the host put a `\n`). Returns R_DONE at the
 * end, or stops at a record it leaves to the host (R_JS: malformed, blank, too long, ragged, no subject, a hashed
 * cell with `""`) or when one of its lists or OUT is full (R_FULL); the RUN_* words say where and what it did.
 */
export function run(p: u32, end: u32): i32 {
  const maxLine = <u32>load<i32>(C_MAXLINE);
  const subj = load<i32>(C_SUBJ);
  const ncols = load<i32>(C_NCOLS);
  const nruns = load<i32>(C_NRUNS);
  const nhash = load<i32>(C_NHASH);
  const extra = <u32>(2 + nruns + 64 * nhash);
  const d = <u8>delim;
  let o = OUT;
  let records: i32 = 0;
  let lines: i32 = 0;
  let st = R_DONE;
  while (p < end) {
    const next = record(p, end);
    if (load<i32>(R_REASON) != 0 || load<i32>(R_COL) != ncols || next - p > maxLine) {
      st = R_JS;
      break;
    }
    // A blank line (one empty unquoted cell) is no record: the host counts it.
    if (ncols == 1 && ce(0) == cs(0) && cq(0) == 0) {
      st = R_JS;
      break;
    }
    // The subject cell: not empty or blank (the host rejects it), no `""` (its text is not its bytes).
    let ss: u32 = 0;
    let se: u32 = 0;
    if (subj >= 0) {
      const q = cq(<u32>subj);
      ss = cs(<u32>subj) + q;
      se = ce(<u32>subj) - q;
      if (q == 2 || blankKey(ss, se)) {
        st = R_JS;
        break;
      }
    }
    st = nhash > 0 && hashedQuoteEscaped(nruns) ? R_JS : room(o, next - p, extra, nhash);
    if (st != R_DONE) break;
    if (subj >= 0 && !noteSubject(ss, se)) {
      st = R_JS;
      break;
    }
    // The output record, as `CsvTransform.emitCsv` writes it.
    for (let x: i32 = 0; x < nruns; x++) {
      if (x > 0) store<u8>(o++, d);
      const first = load<u32>(RUN_FIRST + (<u32>x << 2));
      if (load<u8>(RUN_OP + <u32>x) == OP_KEEP) {
        // A run of adjacent kept columns, copied with their delimiters as one span.
        const from = cs(first);
        const to = ce(load<u32>(RUN_LAST + (<u32>x << 2)));
        memory.copy(o, from, to - from);
        o += to - from;
        continue;
      }
      const q = cq(first);
      const vs = cs(first) + q;
      const ve = ce(first) - q;
      if (ve > vs) o = writeDigest(o, memoValue(vs, ve - vs));
    }
    store<u8>(o++, 0x0a);
    records++;
    lines += 1 + load<i32>(R_NL);
    p = next;
  }
  store<i32>(RUN_P, p);
  store<i32>(RUN_RECORDS, records);
  store<i32>(RUN_LINES, lines);
  store<i32>(RUN_OUT, o);
  return st;
}
