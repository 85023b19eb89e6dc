/**
 * Review of the WebAssembly record loops: defects found (each test fails on the reviewed change).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KEY_A, manifestWith, ndjson, run } from './helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');
const src = (p: string) => JSON.stringify(pathToFileURL(join(ROOT, p)).href);

/**
 * Runs one transform of a single 5 MB record (CLI default `--max-line-bytes` 16 MiB) in a child process, so a hang
 * cannot stall the test runner.
 */
function bigRecord(format: 'ndjson' | 'csv', scanner: 'wasm' | 'js') {
  const dir = mkdtempSync(join(tmpdir(), 'review-loop-'));
  const file = join(dir, 'child.ts');
  writeFileSync(
    file,
    `
import { NdjsonTransform } from ${src('src/adapters/gateway/ndjson.ts')};
import { CsvTransform } from ${src('src/adapters/gateway/csv.ts')};
import { compileManifest } from ${src('src/core/enforce/compile.ts')};
import { subjectDigester } from ${src('src/adapters/gateway/subjects.ts')};
import { ctxFor, KEY_A, manifestWith, SUBJECT_KEY } from ${src('test/gateway/helpers.ts')};
const m = manifestWith([{ path: 'sid', operator: 'keep' }, { path: 'v', operator: 'drop' }]);
const { hmac, ctx } = ctxFor(KEY_A);
const common = { scanner: '${scanner}', compiled: compileManifest(m), hmac, subjects: subjectDigester(SUBJECT_KEY), ctx,
  maxLineBytes: 16 * 1024 * 1024 } as const;
const big = 'x'.repeat(5 * 1024 * 1024);
const t = '${format}' === 'ndjson'
  ? new NdjsonTransform({ ...common, output: 'ndjson' })
  : new CsvTransform({ ...common, header: ['sid', 'v'], delimiter: 44, output: 'csv' });
const b = Buffer.from('${format}' === 'ndjson' ? '{"sid":"a","v":"' + big + '"}\\n' : 'a,' + big + '\\n');
const r = t.process(b, 0, b.length);
console.log(JSON.stringify({ out: Buffer.from(r.out).toString(), n: r.recordsOut }));
`,
  );
  return spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, timeout: 30_000, encoding: 'utf8' });
}

describe('review: WebAssembly record loops', () => {
  // loop.ts `room`: a record with bytes + extra > OUT_END - OUT (~4 MB) gets R_FULL at o == OUT with no record
  // done; WasmLoop.transform retries forever (p unchanged, st RUN_FULL). maxLineBytes defaults to 16 MiB.
  for (const format of ['ndjson', 'csv'] as const) {
    it(`${format}: a valid 5 MB record (under --max-line-bytes) is transformed, not an endless loop`, () => {
      const js = bigRecord(format, 'js');
      expect(js.status).toBe(0);
      const w = bigRecord(format, 'wasm');
      expect(w.signal).toBeNull(); // SIGTERM after 30 s: the process hung
      expect(w.status).toBe(0);
      expect(w.stdout).toBe(js.stdout);
    }, 120_000);
  }

  // loop.ts startLoop: the subject set starts over at 1 Mi subjects (or 32 MiB of key bytes); the TypeScript path
  // keeps 4 M (ByteTable default) with no byte limit. With one worker the repeats reach the ledger intent's
  // subjectCount unfiltered (apply.ts: DigestSet only for workers > 1).
  it('reports each subject once per transform past 1 Mi distinct subjects, as the TypeScript path does', () => {
    const m = manifestWith([{ path: 'sid', operator: 'keep' }]);
    const N = 1_048_577;
    const parts: string[] = [];
    for (let i = 0; i < N; i++) parts.push(`{"sid":"S${i}"}`);
    for (let i = 0; i < 1000; i++) parts.push(`{"sid":"S${i}"}`);
    const text = `${parts.join('\n')}\n`;
    const w = run(ndjson(m, KEY_A, { scanner: 'wasm' }), text);
    const j = run(ndjson(m, KEY_A, { scanner: 'js' }), text);
    expect(j.subjects.length / 32).toBe(N);
    expect(w.text).toBe(j.text);
    expect(w.subjects.length / 32).toBe(N);
  }, 60_000);

  it('reports each subject once when long subject keys fill the 32 MiB subject arena', () => {
    const m = manifestWith([{ path: 'sid', operator: 'keep' }]);
    const key = (i: number) => `${i}`.padStart(8, '0') + 'k'.repeat(1_000_000);
    const lines: string[] = [];
    for (let i = 0; i < 34; i++) lines.push(`{"sid":"${key(i)}"}`);
    lines.push(`{"sid":"${key(0)}"}`);
    const text = `${lines.join('\n')}\n`;
    const w = run(ndjson(m, KEY_A, { scanner: 'wasm' }), text);
    const j = run(ndjson(m, KEY_A, { scanner: 'js' }), text);
    expect(j.subjects.length / 32).toBe(34);
    expect(Buffer.from(w.subjects)).toEqual(Buffer.from(j.subjects));
  }, 60_000);
});
