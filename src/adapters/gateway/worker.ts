/**
 * @module adapters/gateway/worker
 * A transform worker: receives `{ init }` once, then `{ seq, buf }` chunks; answers `{ seq, result }` with the
 * output buffer transferred, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { type ChunkTransform, createTransform, type TransformInit } from './transform.js';

let t: ChunkTransform | undefined;
parentPort?.on('message', (msg: { init?: TransformInit; seq?: number; buf?: Uint8Array; close?: boolean }) => {
  if (msg.init) {
    t = createTransform(msg.init);
    return;
  }
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
