/**
 * @module adapters/gateway/types
 * What a chunk transform hands back, the same whether it ran in the main thread or in a worker, and the pieces the
 * NDJSON and CSV transforms share: operator codes and the per-chunk state their record loops fill.
 */
import { isUtf8 } from 'node:buffer';
import type { FieldRule } from '../../core/enforce/manifest.js';
import type { SubjectDigests } from './subjects.js';

/** What the fast paths do with a field; everything else (`mask`, `tokenize`, …) goes through the operators. */
export const OP_DROP = 0;
export const OP_KEEP = 1;
export const OP_HASH = 2;
export const OP_OTHER = 3;

/** The operator code for a field's rule (no rule: dropped, deny by default). */
export function opCode(rule: FieldRule | undefined): number {
  switch (rule?.operator) {
    case undefined:
    case 'drop':
      return OP_DROP;
    case 'keep':
      return OP_KEEP;
    case 'hash':
      return OP_HASH;
    default:
      return OP_OTHER;
  }
}

/** Per-chunk counters (`ChunkState.n`). */
export const L_LINES = 0;
export const L_IN = 1;
export const L_OUT = 2;
export const L_SUPPRESSED = 3;
export const L_SLOW = 4;

/** Records per call of a transform's record loop (see `startChunk`). */
export const LOOP_BUDGET = 4096;

/** What a transform's `process` hands its record loop for one chunk. */
export interface ChunkState {
  out: OutBuf;
  rejects: Reject[];
  fresh: SubjectDigests;
  /** Counters, indexed by `L_*`. */
  n: Int32Array;
  /** The whole chunk is valid UTF-8 (else each record is checked on its own). */
  utf8ok: boolean;
}

/**
 * The state for transforming `buf[start, end)`. The record loop then runs `LOOP_BUDGET` records per call, in a
 * method that returns only its position: V8 optimises a long-running loop on the stack (OSR) before the code after
 * it has ever run, and a result object built there made every chunk deoptimise once on its way out and restart its
 * loop in unoptimised code (16 deoptimisations per 207 MB, measured with --trace-deopt).
 */
export function startChunk(
  buf: Buffer,
  start: number,
  end: number,
  outBytes: number,
  fresh: SubjectDigests,
  reuse?: Buffer,
): ChunkState {
  return {
    out: new OutBuf(outBytes, reuse),
    rejects: [],
    fresh,
    n: new Int32Array(5),
    utf8ok: isUtf8(buf.subarray(start, end)),
  };
}

/** The chunk's result (the output and subjects arrays are its own: transferable). */
export function chunkResult(c: ChunkState, scanner?: Scanner, repeats = false): ChunkResult {
  const n = c.n;
  return {
    scanner,
    out: c.out.take(),
    lines: n[L_LINES] as number,
    recordsIn: n[L_IN] as number,
    recordsOut: n[L_OUT] as number,
    suppressed: n[L_SUPPRESSED] as number,
    rejects: c.rejects,
    subjects: c.fresh.take(),
    repeats,
    slow: n[L_SLOW] as number,
  };
}

/** A rejected record: `line` is 1-based within the chunk until the collector makes it absolute. */
export interface Reject {
  line: number;
  code: string;
  params: Record<string, string | number>;
}

export interface ChunkResult {
  out: Uint8Array;
  /** Physical lines consumed (for absolute line numbers). */
  lines: number;
  recordsIn: number;
  recordsOut: number;
  suppressed: number;
  rejects: Reject[];
  /**
   * Subjects of output records that this transform had not reported before: their keyed hashes, packed
   * 32 bytes each (see `subjects.ts`).
   */
  subjects: Uint8Array;
  /**
   * The transform's subject set has started over (a size limit) in this chunk or before: it may report subjects
   * it reported in an earlier chunk. Else each subject it reports is new to it.
   */
  repeats: boolean;
  /** Lines that took the strict (slow) parser. */
  slow: number;
  /** Milliseconds a worker spent reading its range and transforming it (set by the worker, for `--json`). */
  busy?: { read: number; transform: number };
  /** Which scanner read the records (see `Scanner`). */
  scanner?: Scanner;
}

/**
 * Which scanner a transform reads records with: `wasm` (the WebAssembly scanners, when built), `js` (their
 * TypeScript reference), `none` (every record goes to the strict parser: a manifest with nested paths).
 */
export type Scanner = 'wasm' | 'js' | 'none';

/** A growable output buffer. */
export class OutBuf {
  buf: Buffer;
  /** A view of `buf` for `copySpan` (replaced with `buf`). */
  view: DataView;
  pos = 0;
  /** `reuse`: a buffer handed back by the writer (see `RunOptions.write`), used when it is large enough. */
  constructor(size: number, reuse?: Buffer) {
    const want = Math.max(1024, size);
    this.buf = reuse && reuse.length >= want ? reuse : Buffer.allocUnsafeSlow(want);
    this.view = viewOf(this.buf);
  }
  ensure(n: number): Buffer {
    if (this.pos + n > this.buf.length) {
      const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + n + 1024));
      this.buf.copy(next, 0, 0, this.pos);
      this.buf = next;
      this.view = viewOf(next);
    }
    return this.buf;
  }
  writeString(s: string): void {
    this.ensure(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }
  /** The bytes written, as an exclusively owned buffer (transferable). */
  take(): Uint8Array {
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.pos);
  }
}

/** A DataView over exactly the bytes of `b`. */
export function viewOf(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * Copies `src[from, to)` to `dst[pos]` (the views are `viewOf` each; `dst` has room); returns the new position.
 * Record spans are short (10–200 bytes), where `Buffer#copy` costs ~55 ns per call whatever the length (argument
 * checks and a C++ call) and a byte loop ~1.4 ns per byte; unaligned 4-byte moves through DataViews (inlined by
 * V8) cost ~0.4 ns per byte: 2–3× faster up to ~200 bytes (measured). Longer spans go to the native copy.
 */
export function copySpan(
  src: Uint8Array,
  sv: DataView,
  from: number,
  to: number,
  dst: Uint8Array,
  dv: DataView,
  pos: number,
): number {
  const len = to - from;
  if (len > 192) {
    dst.set(new Uint8Array(src.buffer, src.byteOffset + from, len), pos);
    return pos + len;
  }
  let j = from;
  let o = pos;
  for (; j + 8 <= to; j += 8, o += 8) {
    dv.setInt32(o, sv.getInt32(j, true), true);
    dv.setInt32(o + 4, sv.getInt32(j + 4, true), true);
  }
  if (j + 4 <= to) {
    dv.setInt32(o, sv.getInt32(j, true), true);
    j += 4;
    o += 4;
  }
  while (j < to) dst[o++] = src[j++] as number;
  return o;
}

/** Escapes a string for a CSV cell (RFC 4180): quoted only when it must be. */
export function csvCell(s: string, delim = ','): string {
  if (s === '') return '';
  if (s.includes('"') || s.includes(delim) || s.includes('\n') || s.includes('\r')) return `"${s.replace(/"/g, '""')}"`;
  return s;
}

declare global {
  interface Buffer {
    /** Node's internal fast decoders (stable since v0.x, not in @types/node): no argument coercion. */
    utf8Slice(start: number, end: number): string;
    latin1Slice(start: number, end: number): string;
  }
}
