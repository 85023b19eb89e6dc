/**
 * @module adapters/gateway/worker
 * A transform worker: receives `{ init }` once, then chunks, either as bytes (`{ seq, buf }`) or as a byte range
 * of the input file that it reads itself (`{ seq, file, start, end }`, NDJSON files: the main thread then never
 * touches the input bytes; the worker reads them into one reused buffer). Answers `{ seq, result }` with the output buffer transferred, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { RangeReader } from './range-reader.js';
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
const ranges = new RangeReader();

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
        ? ranges.read(msg.file, msg.start as number, msg.end as number)
        : Buffer.from(
            (msg.buf as Uint8Array).buffer,
            (msg.buf as Uint8Array).byteOffset,
            (msg.buf as Uint8Array).byteLength,
          );
    const reuse = spare.pop();
    const t1 = performance.now();
    const result = t.process(b, 0, b.length, reuse ? Buffer.from(reuse) : undefined);
    result.busy = { read: t1 - t0, transform: performance.now() - t1 };
    // The chunk's bytes go back too (when they came as bytes), for the main thread to read the next chunk into.
    const input = msg.buf?.buffer as ArrayBuffer | undefined;
    parentPort?.postMessage({ seq: msg.seq, result, input }, [
      result.out.buffer as ArrayBuffer,
      result.subjects.buffer as ArrayBuffer,
      ...(input ? [input] : []),
    ]);
  } catch (err) {
    parentPort?.postMessage({ seq: msg.seq, error: (err as Error).message });
  }
});
