/**
 * The WebAssembly record loops at their limits: a record bigger than the loop's output area, and a batch with
 * more subjects than the loop's subject set holds (it starts over and reports subjects again; the batch must
 * still record each subject once).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../src/adapters/ledger/index.js';
import { setup } from './cli-helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');
const src = (p: string) => JSON.stringify(pathToFileURL(join(ROOT, p)).href);
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/**
 * One transform of a single 5 MB record (under the CLI's default `--max-line-bytes`, 16 MiB; over the loop's
 * 4 MiB output area), in a child process so that a hang fails the test instead of stalling the run.
 */
function bigRecord(format: 'ndjson' | 'csv', scanner: 'wasm' | 'js') {
  const dir = mkdtempSync(join(tmpdir(), 'dp-loop-'));
  dirs.push(dir);
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
const text = '${format}' === 'ndjson' ? '{"sid":"a","v":"' + big + '"}\\n{"sid":"b","v":1}\\n' : 'a,' + big + '\\nb,1\\n';
const b = Buffer.from(text);
const r = t.process(b, 0, b.length);
console.log(JSON.stringify({ out: Buffer.from(r.out).toString(), n: r.recordsOut, subjects: r.subjects.length / 32 }));
`,
  );
  return spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, timeout: 60_000, encoding: 'utf8' });
}

describe('record loops at their limits', () => {
  for (const format of ['ndjson', 'csv'] as const) {
    it(`${format}: a valid record bigger than the loop's output area is transformed (by TypeScript), then the loop goes on`, () => {
      const w = bigRecord(format, 'wasm');
      expect(w.signal).toBeNull();
      expect(w.status).toBe(0);
      expect(JSON.parse(w.stdout)).toEqual({
        out: format === 'ndjson' ? '{"sid":"a"}\n{"sid":"b"}\n' : 'a\nb\n',
        n: 2,
        subjects: 2,
      });
      expect(w.stdout).toBe(bigRecord(format, 'js').stdout);
    }, 120_000);
  }

  it('a batch records each subject once, past the size of the loop subject set (300 K subjects, in-thread)', async () => {
    const env = setup();
    dirs.push(env.dir);
    const n = 300_000;
    let text = '';
    for (let i = 0; i < n; i++) text += `{"order_id":"R${i}","vin":"LSV${String(i).padStart(14, '0')}"}\n`;
    // The first 1,000 again: the loop forgot them when its set started over at 256 K.
    for (let i = 0; i < 1000; i++) text += `{"order_id":"S${i}","vin":"LSV${String(i).padStart(14, '0')}"}\n`;
    const input = join(env.dir, 'in.ndjson');
    writeFileSync(input, text);
    const r = await env.apply(input, join(env.dir, 'out.ndjson'), '--workers', '0', '--json', '--no-progress');
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stderr.split('\n').find((l) => l.startsWith('{')) ?? '{}');
    expect(summary.scanner).toBe('wasm');
    expect(summary.subjects).toEqual({ new: n, seen: 0 });
    const l = openLedger(env.dataDir);
    try {
      const [batch] = await l.show();
      expect(batch?.leaf.subjects).toEqual({ sensitiveNew: 0, sensitiveSeen: 0, personalNew: n, personalSeen: 0 });
    } finally {
      await l.close();
    }
    // The batch's own record of how many subjects it carried: distinct ones, not the loop's reports.
    const db = new Database(join(env.dataDir, 'ledger.db'), { readonly: true });
    try {
      const bodies = db.prepare('SELECT body FROM ledger_intents').all() as { body: string }[];
      expect(bodies.map((b) => JSON.parse(b.body).subjectCount)).toEqual([{ sensitive: 0, personal: n }]);
    } finally {
      db.close();
    }
  }, 120_000);
});
