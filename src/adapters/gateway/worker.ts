/**
 * @module adapters/gateway/worker
 * A transform worker: receives `{ init }` once, then `{ seq, buf }` chunks; answers `{ seq, result }` with the
 * output buffer transferred, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { type ChunkTransform, createTransform, type TransformInit } from './transform.js';

let t: ChunkTransform | undefined;
let ready: Promise<ChunkTransform> | undefined;
parentPort?.on('message', async (msg: { init?: TransformInit; seq?: number; buf?: Uint8Array; close?: boolean }) => {
  if (msg.init) {
    ready = createTransform(msg.init);
    t = await ready;
    return;
  }
  // INVARIANT: messages are delivered in order, so a chunk after init waits for the transform, never skips it.
  if (!t && ready) t = await ready;
  if (msg.close) {
    t?.close();
    parentPort?.close();
    return;
  }
  if (!t || msg.buf === undefined) return;
  const b = Buffer.from(msg.buf.buffer, msg.buf.byteOffset, msg.buf.byteLength);
  try {
    const result = t.process(b, 0, b.length);
    parentPort?.postMessage({ seq: msg.seq, result }, [result.out.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort?.postMessage({ seq: msg.seq, error: (err as Error).message });
  }
});
