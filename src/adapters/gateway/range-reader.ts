/**
 * @module adapters/gateway/range-reader
 * Reads byte ranges of input files positionally (`pread`) into one reused buffer: the transform is done with a
 * range before the next is read. Used by each worker, and by the main thread when it transforms chunks itself.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export class RangeReader {
  private readonly fds = new Map<string, number>();
  private buf = Buffer.allocUnsafeSlow(0);

  read(file: string, start: number, end: number): Buffer {
    let fd = this.fds.get(file);
    if (fd === undefined) {
      fd = openSync(file, 'r');
      this.fds.set(file, fd);
    }
    if (this.buf.length < end - start) this.buf = Buffer.allocUnsafeSlow(Math.max(end - start, 2 << 20));
    const b = this.buf.subarray(0, end - start);
    let off = 0;
    while (off < b.length) {
      const n = readSync(fd, b, off, b.length - off, start + off);
      if (n === 0) throw new Error(`input shrank while reading (${file})`);
      off += n;
    }
    return b;
  }

  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
  }
}
