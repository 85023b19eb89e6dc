/**
 * @module adapters/gateway/types
 * What a chunk transform hands back, the same whether it ran in the main thread or in a worker.
 */

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
  /** Lines that took the strict (slow) parser. */
  slow: number;
  /** Milliseconds a worker spent reading its range and transforming it (set by the worker, for `--json`). */
  busy?: { read: number; transform: number };
}

/** A growable output buffer. */
export class OutBuf {
  buf: Buffer;
  pos = 0;
  /** `reuse`: a buffer handed back by the writer (see `RunOptions.write`), used when it is large enough. */
  constructor(size: number, reuse?: Buffer) {
    const want = Math.max(1024, size);
    this.buf = reuse && reuse.length >= want ? reuse : Buffer.allocUnsafeSlow(want);
  }
  ensure(n: number): Buffer {
    if (this.pos + n > this.buf.length) {
      const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + n + 1024));
      this.buf.copy(next, 0, 0, this.pos);
      this.buf = next;
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
