/**
 * @module adapters/gateway/worker
 * A transform worker: receives `{ init }` once, then chunks, either as bytes (`{ seq, buf }`) or as a byte range
 * of the input file that it reads itself (`{ seq, file, start, end }`, NDJSON files: the main thread then never
 * touches the input bytes; the worker reads them into one reused buffer). Answers `{ seq, result }` with the output buffer transferred, not copied.
 */
import { openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { type ChunkTransform, createTransform, type TransformInit } from './transform.js';

interface Msg {
  init?: TransformInit;
  /** An output buffer the main thread has written and hands back for reuse. */
  recycle?: ArrayBuffer;
  seq?: number;
  buf?: Uint8Array;
  file?: string;
  start?: number;
  end?: number;
}

let t: ChunkTransform | undefined;
let ready: Promise<ChunkTransform> | undefined;
const fds = new Map<string, number>();
/** One input buffer for every range: the transform is done with a chunk before the next is read. */
let rangeBuf = Buffer.allocUnsafeSlow(0);

function readRange(file: string, start: number, end: number): Buffer {
  let fd = fds.get(file);
  if (fd === undefined) {
    fd = openSync(file, 'r');
    fds.set(file, fd);
  }
  if (rangeBuf.length < end - start) rangeBuf = Buffer.allocUnsafeSlow(Math.max(end - start, 2 << 20));
  const b = rangeBuf.subarray(0, end - start);
  let off = 0;
  while (off < b.length) {
    const n = readSync(fd, b, off, b.length - off, start + off);
    if (n === 0) throw new Error(`input shrank while reading (${file})`);
    off += n;
  }
  return b;
}

/** Output buffers handed back by the main thread. */
const spare: ArrayBuffer[] = [];

parentPort?.on('message', async (msg: Msg) => {
  if (msg.recycle) {
    if (spare.length < 4) spare.push(msg.recycle);
    return;
  }
  if (msg.init) {
    ready = createTransform(msg.init);
    t = await ready;
    return;
  }
  // INVARIANT: messages are delivered in order, so a chunk after init waits for the transform, never skips it.
  if (!t && ready) t = await ready;
  if (!t) return;
  try {
    const t0 = performance.now();
    const b =
      msg.file !== undefined
        ? readRange(msg.file, msg.start as number, msg.end as number)
        : Buffer.from(
            (msg.buf as Uint8Array).buffer,
            (msg.buf as Uint8Array).byteOffset,
            (msg.buf as Uint8Array).byteLength,
          );
    const reuse = spare.pop();
    const t1 = performance.now();
    const result = t.process(b, 0, b.length, reuse ? Buffer.from(reuse) : undefined);
    result.busy = { read: t1 - t0, transform: performance.now() - t1 };
    parentPort?.postMessage({ seq: msg.seq, result }, [
      result.out.buffer as ArrayBuffer,
      result.subjects.buffer as ArrayBuffer,
    ]);
  } catch (err) {
    parentPort?.postMessage({ seq: msg.seq, error: (err as Error).message });
  }
});
