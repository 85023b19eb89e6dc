/**
 * @module adapters/gateway/pipeline
 * Streams an input through the chunk transform: the main thread reads, cuts the bytes into chunks at record
 * boundaries, hands them to N worker threads (or transforms them itself when N = 0; beside the workers too when
 * they leave a core free, taking the chunks they have no room for) and passes the results to the sink strictly in
 * input order. At most 3 chunks per transforming thread are in flight (backpressure, never shedding), so memory
 * stays flat whatever the input size.
 *
 * Cutting CSV: a newline ends a record only outside quotes, and a `"` opens quotes only at a cell start, as in the
 * CSV scanners (a stray `"` inside an unquoted cell is text). The reader follows that rule (`csvScan`, native
 * `indexOf` from quote to quote) and cuts at the last newline outside quotes, so a quoted newline never splits a
 * record between workers and a stray quote never joins records.
 * Over-long records: when a record grows past `maxLineBytes` without a boundary, its bytes are discarded up to its
 * end (for CSV, by the same rule) and one reject is reported at its first line; memory stays bounded.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { RangeReader } from './range-reader.js';
import type { ChunkTransform, TransformInit } from './transform.js';
import { createTransform } from './transform.js';
import type { ChunkResult, Reject, Scanner } from './types.js';

/**
 * Chunk size. 1 MiB: a chunk and its output stay in the core's 2 MiB L2 cache from the read through the transform
 * to the SHA-256 of the output (reads into a 4 MiB buffer ran at half the speed of reads into a hot one);
 * measured on 207 MB NDJSON, 0.03–0.04 s faster in the main thread and no slower with workers than 4 MiB.
 */
export const CHUNK_BYTES = 1 << 20;

export type Piece =
  /** `own`: nothing else uses `buf`'s memory, so it may be transferred to a worker. */
  | { kind: 'data'; buf: Buffer; own?: boolean }
  | { kind: 'range'; file: string; start: number; end: number }
  /** A record over the line limit, dropped; `lines`: the physical lines it spanned (default 1). */
  | { kind: 'toolong'; lines?: number };

/**
 * Where the CSV scanner stands after a byte (see `csvScan`): at a cell start, in an unquoted cell, inside a
 * quoted cell, just after a `"` inside one (a closing quote, or the first of `""`), in text after a closing quote,
 * or just after a `\r` that ended such a cell.
 */
const AT_CELL = 0;
const IN_TEXT = 1;
const IN_QUOTES = 2;
const AT_QUOTE = 3;
const AFTER_QUOTE = 4;
const AFTER_CR = 5;

/** Where a CSV scan stands (one of the states above): where it starts, and where it left off. */
interface CsvScanState {
  state: number;
}

/**
 * Follows the CSV scanners' rule over `b` from `at.state` (`AT_CELL` at a record start) and returns the offset just
 * past the last record boundary (`first`: the first one), or 0 when there is none; `at.state` is then the state at
 * the end of `b`. The rule (`records` in csv.ts, `wasm/csv-scan.ts`): a `"` opens a quoted cell only at a cell
 * start (the first byte of a record, or after the delimiter `d`); elsewhere in an unquoted cell it is an ordinary
 * byte. In a quoted cell `""` is an escaped quote and the next single `"` closes it; text after the closing quote
 * runs to the delimiter, `\n` or `\r` (a `\r` there ends the record, with a `\n` right after it). A `\n` outside
 * quotes ends a record; a boundary is the offset after such a `\n` (`first`: also after a record-ending `\r`).
 * Native `indexOf` jumps between quotes and newlines: the loop visits each quote once, each newline at most once.
 */
function csvScan(b: Buffer, d: number, at: CsvScanState, first: boolean): number {
  const n = b.length;
  let last = 0;
  let p = 0;
  let st = at.state;
  /** The first `\n` at or after `p` (`n`: none; below `p`: not looked for yet). */
  let nl = -1;
  for (;;) {
    if (st === AT_CELL || st === IN_TEXT) {
      // Outside quotes from `p` (a cell start unless `IN_TEXT`): find the next quote that opens a cell.
      let q = b.indexOf(0x22, p);
      while (q >= 0) {
        const c = q === p ? (st === AT_CELL ? d : -1) : b[q - 1];
        if (c === d || c === 0x0a) break;
        q = b.indexOf(0x22, q + 1);
      }
      const until = q < 0 ? n : q;
      if (nl < p) {
        nl = b.indexOf(0x0a, p);
        if (nl < 0) nl = n;
      }
      // Every `\n` before the opening quote ends a record.
      if (nl < until) {
        if (first) return nl + 1;
        last = (until === n ? b.lastIndexOf(0x0a) : b.lastIndexOf(0x0a, until - 1)) + 1;
      }
      if (q < 0) {
        const c = n > p ? b[n - 1] : st === AT_CELL ? d : -1;
        at.state = c === d || c === 0x0a ? AT_CELL : IN_TEXT;
        return last;
      }
      p = q + 1;
      st = IN_QUOTES;
    } else if (st === IN_QUOTES) {
      const j = b.indexOf(0x22, p);
      if (j < 0) {
        at.state = IN_QUOTES;
        return last;
      }
      p = j + 1;
      st = AT_QUOTE;
    } else if (st === AT_QUOTE) {
      if (p >= n) {
        at.state = AT_QUOTE;
        return last;
      }
      if (b[p] === 0x22) {
        // `""`: an escaped quote.
        p++;
        st = IN_QUOTES;
      } else st = AFTER_QUOTE;
    } else if (st === AFTER_QUOTE) {
      // Text after a closing quote (malformed, rare): byte by byte up to the delimiter, `\n` or `\r`.
      let c = -1;
      while (p < n && (c = b[p] as number) !== d && c !== 0x0a && c !== 0x0d) p++;
      if (p >= n) {
        at.state = AFTER_QUOTE;
        return last;
      }
      p++;
      if (c === 0x0d) st = AFTER_CR;
      else {
        st = AT_CELL;
        if (c === 0x0a) {
          if (first) return p;
          last = p;
        }
      }
    } else {
      // After a `\r` that ended a quoted cell: the record has ended, with the `\n` that follows if there is one.
      if (p >= n) {
        at.state = AFTER_CR;
        return last;
      }
      if (b[p] === 0x0a) {
        p++;
        if (first) return p;
        last = p;
      } else if (first) return p;
      st = AT_CELL;
    }
  }
}

/** The offset just past the last record boundary in `b` (0 when there is none); `d`: the CSV delimiter, or -1 for NDJSON. */
function lastBoundary(b: Buffer, d: number, at: CsvScanState): number {
  if (d < 0) return b.lastIndexOf(0x0a) + 1;
  // INVARIANT: b starts at a record boundary.
  at.state = AT_CELL;
  return csvScan(b, d, at, false);
}

/**
 * Where the first CSV record of `b` ends (the offset after its newline), or -1 when it does not end in `b`; by the
 * scanners' rule (see `csvScan`), so a stray quote in an unquoted cell does not hide the end. For the header.
 */
export function csvRecordEnd(b: Buffer, delimiter = 0x2c): number {
  const end = csvScan(b, delimiter, { state: AT_CELL }, true);
  return end > 0 ? end : -1;
}

/** Newlines in `b`. */
function newlines(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(0x0a); i >= 0; i = b.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** Reads up to `len` bytes into `buf` at `off`; 0 at the end of the input. */
export type ByteReader = (buf: Buffer, off: number, len: number) => number | Promise<number>;

/** Reads a file from `start` on, positionally, with no stream and no intermediate buffers. */
export function fileReader(fd: number, start: number): ByteReader {
  let pos = start;
  return (buf, off, len) => {
    const n = readSync(fd, buf, off, len, pos);
    pos += n;
    return n;
  };
}

/** Reads from an async iterator of buffers (standard input), copying into the caller's buffer. */
export function iteratorReader(it: AsyncIterator<Buffer>, first?: Buffer): ByteReader {
  let cur = first ?? Buffer.alloc(0);
  let at = 0;
  let done = false;
  return async (buf, off, len) => {
    while (at >= cur.length) {
      if (done) return 0;
      const r = await it.next();
      if (r.done) {
        done = true;
        return 0;
      }
      cur = r.value as Buffer;
      at = 0;
    }
    const n = Math.min(len, cur.length - at);
    cur.copy(buf, off, at, at + n);
    at += n;
    return n;
  };
}

/**
 * Cuts an input into chunks of whole records, about `target` bytes each, reading straight into the chunk's
 * buffer (no concatenation: only the incomplete record at the end of a chunk is copied, into the next one).
 * `reuse`: the consumer is done with a chunk before it asks for the next (in-thread transform), so one buffer
 * serves the whole input; otherwise every chunk has a buffer of its own that the consumer may transfer to a
 * worker (the carried-over tail is copied out before the chunk is handed over), taken from `pool` when the
 * consumer has put one back there (`RunOptions.inputPool`: no fresh pages to fault in and clear per chunk). `delimiter`: the CSV delimiter's
 * character code (default `,`), which decides where a quote opens a cell.
 * A record longer than `maxLineBytes` is dropped up to its end (for CSV: the next record boundary by the
 * scanners' rule, so a quoted newline does not end it) and reported as one `toolong` piece, with the physical
 * lines it spanned, once its end is found.
 */
export async function* readChunks(
  read: ByteReader,
  csv: boolean,
  maxLineBytes: number,
  opts: { target?: number; reuse?: boolean; delimiter?: number; pool?: Buffer[] } = {},
): AsyncGenerator<Piece> {
  const target = opts.target ?? CHUNK_BYTES;
  const d = csv ? (opts.delimiter ?? 0x2c) : -1;
  let buf: Buffer = Buffer.allocUnsafeSlow(target);
  let len = 0;
  let eof = false;
  /** Dropping an over-long record: the scanner's state, the newlines dropped and the last byte dropped. */
  let skipping = false;
  /** The CSV scan's state: where the last cut's scan left off, then where dropping a record has got to. */
  const scan: CsvScanState = { state: AT_CELL };
  let skipLines = 0;
  let skipLast = 0;
  /** The `toolong` piece of the record just dropped (a record ends with its `\n`, or it is one more line). */
  const dropped = (): Piece => ({ kind: 'toolong', lines: skipLines + (skipLast === 0x0a ? 0 : 1) });
  while (!eof) {
    if (len === buf.length) {
      // A record longer than the buffer: grow (bounded: past maxLineBytes it is dropped below).
      const next = Buffer.allocUnsafeSlow(buf.length * 2);
      buf.copy(next, 0, 0, len);
      buf = next;
    }
    const n = await read(buf, len, buf.length - len);
    if (n === 0) {
      eof = true;
      if (skipping) {
        skipping = false;
        yield dropped();
      }
    } else if (skipping) {
      // INVARIANT: len is 0 while skipping.
      const fresh = buf.subarray(0, n);
      const end = d < 0 ? fresh.indexOf(0x0a) + 1 : csvScan(fresh, d, scan, true);
      if (end === 0) {
        skipLines += newlines(fresh);
        skipLast = fresh[n - 1] as number;
        continue;
      }
      skipLines += newlines(fresh.subarray(0, end));
      skipLast = fresh[end - 1] as number;
      skipping = false;
      yield dropped();
      buf.copy(buf, 0, end, n);
      len = n - end;
    } else len += n;
    if (len === 0 || (!eof && len < buf.length)) continue;
    const cut = eof ? len : lastBoundary(buf.subarray(0, len), d, scan);
    if (cut === 0) {
      if (len > maxLineBytes) {
        // No boundary in the buffer: it is all one record, which the skip goes on scanning from where the cut's
        // scan left off.
        skipping = true;
        skipLines = newlines(buf.subarray(0, len));
        skipLast = buf[len - 1] as number;
        len = 0;
      }
      continue;
    }
    if (opts.reuse) {
      yield { kind: 'data', buf: buf.subarray(0, cut) };
      buf.copy(buf, 0, cut, len);
      len -= cut;
      if (buf.length > target && len < target) {
        // Back to the normal size after a long record.
        const small = Buffer.allocUnsafeSlow(target);
        buf.copy(small, 0, 0, len);
        buf = small;
      }
      continue;
    }
    const chunk = buf;
    const want = Math.max(target, (len - cut) * 2);
    // A pooled buffer no larger than needed: one that grew for a long record would make every later chunk read
    // into it as long (the reader fills its buffer before cutting).
    const spare = opts.pool?.pop();
    buf =
      spare && spare.length >= want && spare.length <= Math.max(want, target) ? spare : Buffer.allocUnsafeSlow(want);
    chunk.copy(buf, 0, cut, len);
    len -= cut;
    yield { kind: 'data', buf: chunk.subarray(0, cut), own: true };
  }
}

/**
 * NDJSON files with workers: cuts the file into ranges of whole lines without reading it (only a small window
 * around each cut), so each worker reads its own range and the main thread never copies input bytes. A line
 * longer than `maxLineBytes` across a cut is skipped with one `toolong` piece; memory stays bounded.
 */
export async function* fileRanges(
  file: string,
  size: number,
  from: number,
  maxLineBytes: number,
  target = CHUNK_BYTES,
): AsyncGenerator<Piece> {
  const fd = openSync(file, 'r');
  const win = Buffer.allocUnsafe(64 * 1024);
  /**
   * Offset of the first newline at or after `at`, looking at most `limit` bytes; `size` when the file ends
   * first (its last line has no newline); -1 if neither. The first read is 4 KiB (records are usually shorter:
   * the main thread reads ~0.4 % of the input, not 6 %), then 64 KiB.
   */
  const nextNewline = (at: number, limit: number): number => {
    let q = at;
    while (q < size && q - at < limit) {
      const n = readSync(fd, win, 0, Math.min(q === at ? 4096 : win.length, size - q), q);
      if (n <= 0) return size;
      const i = win.subarray(0, n).indexOf(0x0a);
      if (i >= 0) return q + i;
      q += n;
    }
    return q >= size ? size : -1;
  };
  /** Offset just after the last newline before `at` (not before `floor`), or `floor`. */
  const lineStart = (at: number, floor: number): number => {
    let q = at;
    while (q > floor) {
      const len = Math.min(win.length, q - floor);
      const n = readSync(fd, win, 0, len, q - len);
      const i = win.subarray(0, n).lastIndexOf(0x0a);
      if (i >= 0) return q - len + i + 1;
      q -= len;
    }
    return floor;
  };
  try {
    let pos = from;
    while (pos < size) {
      const end = pos + target;
      if (end >= size) {
        yield { kind: 'range', file, start: pos, end: size };
        return;
      }
      const nl = nextNewline(end, maxLineBytes + 1);
      if (nl >= size) {
        // The last line, without a newline, crosses the cut: it ends the last range.
        yield { kind: 'range', file, start: pos, end: size };
        return;
      }
      if (nl >= 0) {
        yield { kind: 'range', file, start: pos, end: nl + 1 };
        pos = nl + 1;
        continue;
      }
      // No newline within maxLineBytes: the line that crosses `end` is too long.
      const ls = lineStart(end, pos);
      if (ls > pos) yield { kind: 'range', file, start: pos, end: ls };
      const skipTo = nextNewline(end, Number.POSITIVE_INFINITY);
      yield { kind: 'toolong' };
      if (skipTo < 0 || skipTo >= size) return;
      pos = skipTo + 1;
    }
  } finally {
    closeSync(fd);
  }
}

export interface RunStats {
  /** Per worker: seconds spent reading ranges and transforming (diagnostics; empty in the main thread). */
  workerBusy?: { read: number; transform: number }[];
  /** The main thread's own share beside workers (`RunOptions.mainShare`): chunks, seconds reading and transforming. */
  mainBusy?: { chunks: number; read: number; transform: number };
  recordsIn: number;
  recordsOut: number;
  rejected: number;
  suppressed: number;
  slowLines: number;
  lines: number;
  /** The scanner the transforms used (from the first chunk; undefined when no chunk was read). */
  scanner?: Scanner;
}

export interface RunOptions {
  init: TransformInit;
  pieces: AsyncIterable<Piece>;
  /** Physical lines before the first piece (the CSV header). */
  lineOffset: number;
  workers: number;
  /**
   * With workers: the main thread transforms a chunk itself whenever every worker already has `WORKER_DEPTH`
   * chunks (see `sharesMain`), so N workers and the main thread keep N + 1 cores busy.
   */
  mainShare?: boolean;
  /** Where chunk buffers go back once transformed, for `readChunks` to read into again (its `pool`). */
  inputPool?: Buffer[];
  /**
   * Receives output bytes in input order; may wait (backpressure). Calls `release` once it no longer needs the
   * bytes (written, hashed): their buffer is then reused for a later chunk's output, so output memory is
   * recycled instead of allocated (and page-faulted, and collected) per chunk.
   */
  write(bytes: Uint8Array, release: () => void): void | Promise<void>;
  onReject(r: Reject): void | Promise<void>;
  /** Subject digests (packed, 32 bytes each) that a transform reported as new to it. */
  /** `repeats`: the digests may repeat ones an earlier chunk reported (`ChunkResult.repeats`). */
  onSubjects(digests: Uint8Array, repeats: boolean): void;
  onProgress?(stats: RunStats): void;
}

/** Input bytes per default worker (see `workersFor`). */
const BYTES_PER_WORKER = 256 * 1024 * 1024;

/** Chunk buffers kept for reading into again (`RunOptions.inputPool`). */
const POOLED_INPUTS = 8;

/** Chunks a worker holds (one in work, one waiting) before the main thread, when it shares, takes the next itself. */
const WORKER_DEPTH = 2;

/**
 * How many workers a batch gets: as asked; else, for an input file over 64 MiB, one per 256 MiB, at most
 * min(4, cores − 1) and at least one (the main thread transforms alongside them, `sharesMain`); below 64 MiB, from
 * standard input, or on one core, none (the main thread transforms alone).
 * Each worker is a V8 isolate that loads the transform (~40 ms, started early: `prestartWorkers`); the main
 * thread also hashes (SHA-256) and writes all output, so it takes only the chunks the workers have no room for.
 */
export function workersFor(totalBytes: number | undefined, requested?: number): number {
  if (requested !== undefined) return requested;
  const cores = availableParallelism();
  if (totalBytes === undefined || totalBytes <= 64 * 1024 * 1024 || cores < 2) return 0;
  return Math.max(1, Math.min(4, cores - 1, Math.ceil(totalBytes / BYTES_PER_WORKER)));
}

/**
 * Whether the main thread transforms chunks beside `workers` workers: when they leave a core free. With as many
 * workers as cores the main thread only orders, hashes and writes (it would otherwise take a core from a worker).
 */
export function sharesMain(workers: number): boolean {
  return workers > 0 && workers < availableParallelism();
}

/** Workers started ahead of the batch (`prestartWorkers`), not yet taken. */
const warm: Worker[] = [];

/**
 * Starts the batch's workers before the manifest is checked and the ledger opened: a worker spends ~40 ms
 * creating its isolate and loading the transform, which then overlaps the main thread's own start instead of
 * delaying the first chunk. They are unreferenced until taken, so a batch that fails before streaming still
 * exits at once.
 */
export function prestartWorkers(input: string | undefined, requested?: number): void {
  let total: number | undefined;
  if (input !== undefined && input !== '-') {
    try {
      total = statSync(input).size;
    } catch {
      return;
    }
  }
  const n = workersFor(total, requested);
  while (warm.length < n) {
    const w = startWorker();
    w.unref();
    warm.push(w);
  }
}

/** Starts a worker: `worker.js` from dist; under tsx (tests, dev) a bootstrap registers tsx first. */
function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./worker.js', here));
  const target = new URL('./worker.ts', here).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(boot, { eval: true });
}

export async function runPipeline(opts: RunOptions): Promise<RunStats> {
  const stats: RunStats = {
    recordsIn: 0,
    recordsOut: 0,
    rejected: 0,
    suppressed: 0,
    slowLines: 0,
    lines: opts.lineOffset,
  };
  /** Hands an output buffer back to whoever produced it (set below). */
  let recycle: (b: ArrayBuffer, from: number) => void = () => {};
  /** A result, or a dropped over-long record as the number of physical lines it spanned. */
  const collect = async (r: ChunkResult | number, from = 0) => {
    if (typeof r === 'number') {
      const line = stats.lines + 1;
      stats.lines += r;
      stats.recordsIn++;
      stats.rejected++;
      await opts.onReject({ line, code: 'gateway.record_too_long', params: { limit: opts.init.maxLineBytes } });
      return;
    }
    const ab = r.out.buffer as ArrayBuffer;
    if (r.out.length > 0) await opts.write(r.out, () => recycle(ab, from));
    else recycle(ab, from);
    for (const rej of r.rejects) await opts.onReject({ ...rej, line: rej.line + stats.lines });
    opts.onSubjects(r.subjects, r.repeats);
    stats.lines += r.lines;
    stats.recordsIn += r.recordsIn;
    stats.recordsOut += r.recordsOut;
    stats.rejected += r.rejects.length;
    stats.suppressed += r.suppressed;
    stats.slowLines += r.slow;
    // The batch's scanner: WebAssembly only if every chunk was scanned by it.
    if (stats.scanner === undefined || r.scanner !== 'wasm') stats.scanner = r.scanner;
    opts.onProgress?.(stats);
  };

  if (opts.workers <= 0) {
    const t: ChunkTransform = await createTransform(opts.init);
    const spare: Buffer[] = [];
    recycle = (ab) => {
      if (spare.length < 4) spare.push(Buffer.from(ab));
    };
    try {
      for await (const p of opts.pieces) {
        if (p.kind === 'toolong') await collect(p.lines ?? 1);
        else if (p.kind === 'data') await collect(t.process(p.buf, 0, p.buf.length, spare.pop()));
        else throw new Error('file ranges need workers');
      }
    } finally {
      t.close();
    }
    return stats;
  }

  const pool = Array.from({ length: opts.workers }, () => {
    const w = warm.pop() ?? startWorker();
    w.ref();
    w.postMessage({ init: opts.init });
    return w;
  });
  /** Output buffers of the main thread's own chunks, written and handed back. */
  const localSpare: Buffer[] = [];
  /** Chunks sent to each worker and not answered yet. */
  const busy = new Int32Array(pool.length);
  const results = new Map<number, ChunkResult | number>();
  /** Which worker produced each result (its output buffer goes back there); -1: the main thread. */
  const origin = new Map<number, number>();
  let closed = false;
  recycle = (ab, from) => {
    if (from < 0) {
      if (localSpare.length < 4) localSpare.push(Buffer.from(ab));
    } else if (!closed && ab.byteLength >= 64 * 1024) pool[from]?.postMessage({ recycle: ab }, [ab]);
  };
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const signal = () => {
    const f = wake;
    wake = undefined;
    f?.();
  };
  pool.forEach((w, wi) => {
    w.on('message', (m: { seq: number; result?: ChunkResult; error?: string; input?: ArrayBuffer }) => {
      busy[wi] = (busy[wi] as number) - 1;
      if (m.input) giveBack(m.input);
      if (m.error !== undefined || !m.result) failure ??= new Error(m.error ?? 'worker failed');
      else {
        const wb = (stats.workerBusy ??= pool.map(() => ({ read: 0, transform: 0 })))[wi] as {
          read: number;
          transform: number;
        };
        wb.read += (m.result.busy?.read ?? 0) / 1000;
        wb.transform += (m.result.busy?.transform ?? 0) / 1000;
        const out = m.result.out;
        m.result.out = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
        results.set(m.seq, m.result);
        origin.set(m.seq, wi);
      }
      signal();
    });
    w.on('error', (err) => {
      failure ??= err;
      signal();
    });
    // A worker that ends without an error event (killed, out of memory) must not leave the writer waiting.
    w.on('exit', (code) => {
      if (closed) return;
      failure ??= new Error(`worker ${wi} exited (code ${code}) in the middle of the batch`);
      signal();
    });
  });
  /** The main thread's own transform when it shares the work, and its reader of ranges. */
  let local: ChunkTransform | undefined;
  let localRanges: RangeReader | undefined;
  /** Hands a chunk's buffer back to the reader (`RunOptions.inputPool`), up to a few. */
  const giveBack = (ab: ArrayBuffer) => {
    if (opts.inputPool && opts.inputPool.length < POOLED_INPUTS) opts.inputPool.push(Buffer.from(ab));
  };
  const leastBusy = (): number => {
    let wi = 0;
    for (let k = 1; k < pool.length; k++) if ((busy[k] as number) < (busy[wi] as number)) wi = k;
    return wi;
  };
  let next = 0;
  let sent = 0;
  // With the main thread sharing, its own finished chunks wait here for their turn too.
  const maxInFlight = (opts.workers + (opts.mainShare ? 1 : 0)) * 3;
  /** Hands results to the sink in order while more than `untilInFlight` chunks are out; `wait`: block for them. */
  const drain = async (untilInFlight: number, wait = true) => {
    while (sent - next > untilInFlight) {
      if (failure) throw failure;
      const r = results.get(next);
      if (r === undefined) {
        if (!wait) return;
        await new Promise<void>((res) => {
          wake = res;
        });
        continue;
      }
      results.delete(next);
      const from = origin.get(next) ?? 0;
      origin.delete(next);
      next++;
      await collect(r, from);
    }
  };
  try {
    // Made while the workers load theirs, after their listeners are on: an error a worker raises meanwhile is a
    // failure of the batch, and a failure here ends the workers (finally).
    if (opts.mainShare) {
      local = await createTransform(opts.init);
      localRanges = new RangeReader();
    }
    for await (const p of opts.pieces) {
      if (p.kind === 'toolong') results.set(sent, p.lines ?? 1);
      else {
        // The least busy worker gets the chunk (not round-robin): a worker the OS descheduled, or one with
        // slower chunks, does not stall the in-order writer while the others idle.
        let wi = leastBusy();
        if (local && (busy[wi] as number) >= WORKER_DEPTH) {
          // Answers are delivered between turns of the event loop, which the reads here do not give up
          // (synchronous): take one, so that a worker that has finished a chunk gets the next.
          await new Promise<void>((res) => setImmediate(res));
          wi = leastBusy();
        }
        if (local && (busy[wi] as number) >= WORKER_DEPTH) {
          // Every worker has its fill: the main thread transforms this one (it reads a range itself).
          const t0 = performance.now();
          const b = p.kind === 'range' ? (localRanges as RangeReader).read(p.file, p.start, p.end) : p.buf;
          const t1 = performance.now();
          results.set(sent, local.process(b, 0, b.length, localSpare.pop()));
          if (p.kind === 'data' && p.own) giveBack(p.buf.buffer as ArrayBuffer);
          origin.set(sent, -1);
          const mb = (stats.mainBusy ??= { chunks: 0, read: 0, transform: 0 });
          mb.chunks++;
          mb.read += (t1 - t0) / 1000;
          mb.transform += (performance.now() - t1) / 1000;
        } else {
          busy[wi] = (busy[wi] as number) + 1;
          const w = pool[wi] as Worker;
          if (p.kind === 'range') w.postMessage({ seq: sent, file: p.file, start: p.start, end: p.end });
          else {
            // Handed over, not copied, when the chunk owns its memory (readChunks without `reuse`).
            w.postMessage({ seq: sent, buf: p.buf }, p.own ? [p.buf.buffer as ArrayBuffer] : []);
          }
        }
      }
      sent++;
      // Whatever is ready goes out now (the main thread's chunks often are); block only when too many are out.
      await drain(0, false);
      await drain(maxInFlight - 1);
    }
    await drain(0);
  } finally {
    closed = true;
    localRanges?.close();
    await Promise.all(pool.map((w) => w.terminate()));
    local?.close();
  }
  return stats;
}
