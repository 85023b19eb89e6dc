/**
 * @module adapters/gateway/pipeline
 * Streams an input through the chunk transform: the main thread reads, cuts the bytes into chunks at record
 * boundaries, hands them to N worker threads (or transforms them itself when N = 0) and passes the results to the
 * sink strictly in input order. At most `3 × N` chunks are in flight (backpressure, never shedding), so memory
 * stays flat whatever the input size.
 *
 * Cutting CSV: a newline ends a record only outside quotes. The reader counts `"` bytes (native `indexOf`) and cuts
 * at the last newline with even quote parity, so a quoted newline never splits a record between workers.
 * Over-long records: when a record grows past `maxLineBytes` without a boundary, its bytes are discarded up to the
 * next newline (for CSV, the parity is reset there) and one reject is reported; memory stays bounded.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ChunkTransform, TransformInit } from './transform.js';
import { createTransform } from './transform.js';
import type { ChunkResult, Reject } from './types.js';

export const CHUNK_BYTES = 1 << 20;

export type Piece =
  | { kind: 'data'; buf: Buffer }
  | { kind: 'range'; file: string; start: number; end: number }
  | { kind: 'toolong' };

/** The offset just past the last record boundary in `b` (0 when there is none). */
function lastBoundary(b: Buffer, csv: boolean): number {
  if (!csv) return b.lastIndexOf(0x0a) + 1;
  // INVARIANT: b starts at a record boundary, so quote parity is even at offset 0.
  let inQuote = false;
  let last = 0;
  let p = 0;
  for (;;) {
    const q = b.indexOf(0x22, p);
    const nl = b.indexOf(0x0a, p);
    if (nl < 0) return last;
    if (q >= 0 && q < nl) {
      inQuote = !inQuote;
      p = q + 1;
      continue;
    }
    if (!inQuote) {
      // Jump: the last newline before the next quote is a boundary.
      const until = q < 0 ? b.length : q;
      last = b.lastIndexOf(0x0a, until - 1) + 1;
      if (q < 0) return last;
      p = q;
      continue;
    }
    p = nl + 1;
  }
}

/** Cuts a byte stream into chunks of whole records, about `target` bytes each. */
export async function* cutRecords(
  src: AsyncIterable<Buffer>,
  csv: boolean,
  maxLineBytes: number,
  target = CHUNK_BYTES,
): AsyncGenerator<Piece> {
  let pending: Buffer[] = [];
  let pendingLen = 0;
  let skipping = false;
  let noBoundary = false;
  for await (const chunk of src) {
    let d = chunk;
    if (skipping) {
      const nl = d.indexOf(0x0a);
      if (nl < 0) continue;
      d = d.subarray(nl + 1);
      skipping = false;
    }
    pending.push(d);
    pendingLen += d.length;
    if (pendingLen < target) continue;
    // A long record without a newline yet: don't re-concatenate until one arrives.
    if (noBoundary && d.indexOf(0x0a) < 0) {
      if (pendingLen > maxLineBytes) {
        pending = [];
        pendingLen = 0;
        skipping = true;
        noBoundary = false;
        yield { kind: 'toolong' };
      }
      continue;
    }
    const b = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending, pendingLen);
    const cut = lastBoundary(b, csv);
    if (cut === 0) {
      if (b.length > maxLineBytes) {
        pending = [];
        pendingLen = 0;
        skipping = true;
        yield { kind: 'toolong' };
      } else {
        pending = [b];
        noBoundary = true;
      }
      continue;
    }
    noBoundary = false;
    yield { kind: 'data', buf: b.subarray(0, cut) };
    const tail = b.subarray(cut);
    pending = tail.length > 0 ? [tail] : [];
    pendingLen = tail.length;
  }
  if (!skipping && pendingLen > 0)
    yield { kind: 'data', buf: pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending) };
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
  /** Offset of the first newline at or after `at`, looking at most `limit` bytes; -1 if none. */
  const nextNewline = (at: number, limit: number): number => {
    let q = at;
    while (q < size && q - at < limit) {
      const n = readSync(fd, win, 0, Math.min(win.length, size - q), q);
      if (n <= 0) return -1;
      const i = win.subarray(0, n).indexOf(0x0a);
      if (i >= 0) return q + i;
      q += n;
    }
    return -1;
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
      if (skipTo < 0) return;
      pos = skipTo + 1;
    }
  } finally {
    closeSync(fd);
  }
}

export interface RunStats {
  recordsIn: number;
  recordsOut: number;
  rejected: number;
  suppressed: number;
  slowLines: number;
  lines: number;
}

export interface RunOptions {
  init: TransformInit;
  pieces: AsyncIterable<Piece>;
  /** Physical lines before the first piece (the CSV header). */
  lineOffset: number;
  workers: number;
  /** Receives output bytes in input order; may wait (backpressure). */
  write(bytes: Uint8Array): void | Promise<void>;
  onReject(r: Reject): void | Promise<void>;
  onSubjects(s: string[]): void;
  onProgress?(stats: RunStats): void;
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
  const collect = async (r: ChunkResult | 'toolong') => {
    if (r === 'toolong') {
      stats.lines++;
      stats.recordsIn++;
      stats.rejected++;
      await opts.onReject({
        line: stats.lines,
        code: 'gateway.record_too_long',
        params: { limit: opts.init.maxLineBytes },
      });
      return;
    }
    if (r.out.length > 0) await opts.write(r.out);
    for (const rej of r.rejects) await opts.onReject({ ...rej, line: rej.line + stats.lines });
    opts.onSubjects(r.subjects);
    stats.lines += r.lines;
    stats.recordsIn += r.recordsIn;
    stats.recordsOut += r.recordsOut;
    stats.rejected += r.rejects.length;
    stats.suppressed += r.suppressed;
    stats.slowLines += r.slow;
    opts.onProgress?.(stats);
  };

  if (opts.workers <= 0) {
    const t: ChunkTransform = await createTransform(opts.init);
    try {
      for await (const p of opts.pieces) {
        if (p.kind === 'toolong') await collect('toolong');
        else if (p.kind === 'data') await collect(t.process(p.buf, 0, p.buf.length));
        else throw new Error('file ranges need workers');
      }
    } finally {
      t.close();
    }
    return stats;
  }

  const pool = Array.from({ length: opts.workers }, () => {
    const w = startWorker();
    w.postMessage({ init: opts.init });
    return w;
  });
  const results = new Map<number, ChunkResult | 'toolong'>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const signal = () => {
    const f = wake;
    wake = undefined;
    f?.();
  };
  for (const w of pool) {
    w.on('message', (m: { seq: number; result?: ChunkResult; error?: string }) => {
      if (m.error !== undefined || !m.result) failure ??= new Error(m.error ?? 'worker failed');
      else {
        const out = m.result.out;
        m.result.out = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
        results.set(m.seq, m.result);
      }
      signal();
    });
    w.on('error', (err) => {
      failure ??= err;
      signal();
    });
  }
  let next = 0;
  let sent = 0;
  const maxInFlight = opts.workers * 3;
  const drain = async (untilInFlight: number) => {
    while (sent - next > untilInFlight) {
      if (failure) throw failure;
      const r = results.get(next);
      if (r === undefined) {
        await new Promise<void>((res) => {
          wake = res;
        });
        continue;
      }
      results.delete(next);
      next++;
      await collect(r);
    }
  };
  try {
    for await (const p of opts.pieces) {
      const w = pool[sent % pool.length] as Worker;
      if (p.kind === 'toolong') results.set(sent, 'toolong');
      else if (p.kind === 'range') w.postMessage({ seq: sent, file: p.file, start: p.start, end: p.end });
      else w.postMessage({ seq: sent, buf: p.buf });
      sent++;
      await drain(maxInFlight - 1);
    }
    await drain(0);
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return stats;
}
