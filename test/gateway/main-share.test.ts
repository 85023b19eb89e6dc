/**
 * The main thread transforming beside a worker (`RunOptions.mainShare`): chunks go to the worker while it has room
 * and to the main thread otherwise, and the sink still gets every chunk in input order. Against the main thread
 * alone: the same output bytes, the same rejects at the same lines, the same counts and the same subjects (each
 * transform reports its own, so their union is compared), for NDJSON chunks, NDJSON file ranges (the main thread
 * reads its own) and CSV.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileRanges, type Piece, readChunks, runPipeline, sharesMain } from '../../src/adapters/gateway/pipeline.js';
import type { TransformInit } from '../../src/adapters/gateway/transform.js';
import { KEY_A, manifestWith, SUBJECT_KEY } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'dp-share-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const manifest = manifestWith([
  { path: 'sid', operator: 'keep' },
  { path: 'a', operator: 'keep' },
  { path: 'b', operator: 'hash' },
]);

/** 6,000 records over 300 subjects, ~100 bytes each, a bad one every 997. */
function data(csv: boolean): Buffer {
  let s = csv ? 'sid,a,b,c\n' : '';
  for (let i = 0; i < 6_000; i++) {
    const sid = `S${(i * 7) % 300}`;
    const a = `订单${i}，"备注"`.repeat(1 + (i % 4));
    if (i % 997 === 500) s += csv ? `${sid},only-two\n` : `{"sid":"${sid}","a":\n`;
    else if (csv) s += `${sid},"${a.replace(/"/g, '""')}",b${i % 50},drop-me\n`;
    else s += `${JSON.stringify({ sid, a, b: `b${i % 50}`, c: 'drop-me' })}\n`;
  }
  return Buffer.from(s);
}

/** The pieces, the first three at once (two fill the worker, the third is the main thread's), then paced. */
async function* paced(pieces: AsyncIterable<Piece>): AsyncGenerator<Piece> {
  let i = 0;
  for await (const p of pieces) {
    if (i++ >= 3) await new Promise((res) => setTimeout(res, 3));
    yield p;
  }
}

function reader(b: Buffer) {
  let at = 0;
  return (buf: Buffer, off: number, len: number) => {
    const n = Math.min(len, b.length - at);
    b.copy(buf, off, at, at + n);
    at += n;
    return n;
  };
}

async function run(
  init: TransformInit,
  pieces: AsyncIterable<Piece>,
  workers: number,
  lineOffset: number,
  inputPool?: Buffer[],
) {
  const out: Buffer[] = [];
  const rejects: string[] = [];
  const subjects = new Set<string>();
  const stats = await runPipeline({
    init,
    pieces,
    lineOffset,
    workers,
    mainShare: workers > 0,
    ...(inputPool ? { inputPool } : {}),
    write: (b, release) => {
      out.push(Buffer.from(b));
      release();
    },
    onReject: (r) => {
      rejects.push(`${r.line} ${r.code}`);
    },
    onSubjects: (d) => {
      for (let i = 0; i < d.length; i += 32) subjects.add(Buffer.from(d.subarray(i, i + 32)).toString('hex'));
    },
  });
  return { out: Buffer.concat(out), rejects, subjects, stats };
}

describe('main thread sharing the chunks with a worker', () => {
  const cases = [
    { label: 'NDJSON chunks', csv: false, ranges: false },
    { label: 'NDJSON file ranges', csv: false, ranges: true },
    { label: 'CSV chunks', csv: true, ranges: false },
    { label: 'CSV chunks read into returned buffers', csv: true, ranges: false, pool: true },
    { label: 'NDJSON chunks read into returned buffers', csv: false, ranges: false, pool: true },
  ];
  for (const c of cases) {
    it(`${c.label}: same bytes, rejects, counts and subjects as the main thread alone`, async () => {
      const input = data(c.csv);
      const file = join(dir, `in-${c.label.replace(/ /g, '-')}`);
      writeFileSync(file, input);
      const headerEnd = c.csv ? input.indexOf(0x0a) + 1 : 0;
      const init: TransformInit = {
        manifest,
        inputFormat: c.csv ? 'csv' : 'ndjson',
        outputFormat: c.csv ? 'csv' : 'ndjson',
        ...(c.csv ? { header: ['sid', 'a', 'b', 'c'] } : {}),
        hashKey: KEY_A,
        subjectKey: SUBJECT_KEY,
        maxLineBytes: 1 << 20,
      };
      const body = input.subarray(headerEnd);
      const pool: Buffer[] | undefined = c.pool ? [] : undefined;
      const chunks = (reuse: boolean, p?: Buffer[]) =>
        readChunks(reader(body), c.csv, 1 << 20, { target: 16 * 1024, reuse, ...(p ? { pool: p } : {}) });
      const ref = await run(init, chunks(true), 0, c.csv ? 1 : 0);
      const pieces = c.ranges ? fileRanges(file, input.length, 0, 1 << 20, 16 * 1024) : chunks(false, pool);
      const shared = await run(init, paced(pieces), 1, c.csv ? 1 : 0, pool);

      expect(ref.stats.recordsIn).toBe(6_000);
      expect(ref.rejects).toHaveLength(6);
      expect(ref.subjects.size).toBe(300);
      expect(shared.out.equals(ref.out)).toBe(true);
      expect(shared.rejects).toEqual(ref.rejects);
      expect(shared.subjects).toEqual(ref.subjects);
      for (const k of ['recordsIn', 'recordsOut', 'rejected', 'lines'] as const)
        expect(shared.stats[k]).toBe(ref.stats[k]);
      // Both did some of the work: the worker its first two chunks at least, the main thread the third.
      expect(shared.stats.mainBusy?.chunks ?? 0).toBeGreaterThan(0);
      expect(shared.stats.workerBusy?.[0]?.transform ?? 0).toBeGreaterThan(0);
      expect(ref.stats.mainBusy).toBeUndefined();
      // Buffers came back (from the worker and from the main thread's own chunks) for the reader to reuse.
      if (pool) expect(pool.length).toBeGreaterThan(0);
    }, 60_000);
  }

  it('shares only when the workers leave a core free', () => {
    expect(sharesMain(0)).toBe(false);
    expect(sharesMain(1024)).toBe(false);
  });
});
