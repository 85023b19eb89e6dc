/**
 * Differential: worker threads change nothing but speed. On a generated file of a few MB (repair orders with
 * Chinese text, repeating VINs; CSV with quoted newlines and quotes), every worker count gives byte-identical
 * output to the main-thread transform, in input order, with the same rejects, and reports every subject to the
 * ledger (the first run counts them all new, every later run counts them all seen: none lost, none invented).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setup } from './cli-helpers.js';

const FLEET = 3000;
const TEXT = ['发动机故障灯亮，怠速抖动', '空调不制冷', '高压电池包SOC显示异常，快充中断', '中控屏黑屏'];

function record(i: number): Record<string, unknown> {
  return {
    order_id: `RO${i}`,
    vin: `LSVAB12345C${String((i * 7919) % FLEET).padStart(6, '0')}`,
    brand: i % 3 === 0 ? '上汽大众' : 'Tesla "Model 3"',
    owner_name: `王${i}明`,
    note: TEXT[i % TEXT.length]?.repeat(1 + (i % 5)),
  };
}

const csvCell = (v: unknown) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

describe('apply with workers = apply in the main thread', () => {
  it('NDJSON and CSV, files and standard input, 0 to 3 workers: same bytes, same rejects, same subjects', async () => {
    const env = setup();
    const n = 30_000;
    let nd = '';
    let csv = 'order_id,vin,brand,owner_name,note\n';
    for (let i = 0; i < n; i++) {
      const r = record(i);
      // A few bad records, so rejects (and their line numbers) are compared too.
      nd += i % 9_999 === 5 ? '{"order_id":"bad",\n' : `${JSON.stringify(r)}\n`;
      const cells = [r.order_id, r.vin, r.brand, r.owner_name, i % 4 === 0 ? `${r.note}\n第二行` : r.note];
      csv += `${(i % 9_999 === 5 ? cells.slice(0, 3) : cells).map(csvCell).join(',')}\n`;
    }
    const files = { ndjson: join(env.dir, 'orders.ndjson'), csv: join(env.dir, 'orders.csv') };
    writeFileSync(files.ndjson, nd);
    writeFileSync(files.csv, csv);
    expect(nd.length + csv.length).toBeGreaterThan(4_000_000);

    for (const fmt of ['ndjson', 'csv'] as const) {
      const runs: Array<{ label: string; out: string; rejects: string; stderr: string }> = [];
      for (const w of ['0', '1', '2', '3', 'stdin-2']) {
        const out = join(env.dir, `out-${fmt}-${w}.${fmt}`);
        const stdin = w.startsWith('stdin');
        const args = ['apply', '--manifest', env.manifest, '--to', 'acme-gmbh', '--workers', stdin ? '2' : w];
        const rejects = join(env.dir, `rej-${fmt}-${w}.ndjson`);
        const r = stdin
          ? await env.cli([...args, '--input-format', fmt, '--rejects', rejects], { input: readFileSync(files[fmt]) })
          : await env.cli([...args, '--in', files[fmt], '--out', out, '--rejects', rejects]);
        expect(r.code, r.stderr).toBe(0);
        runs.push({
          label: w,
          out: stdin ? r.stdout : readFileSync(out, 'utf8'),
          rejects: readFileSync(rejects, 'utf8'),
          stderr: r.stderr,
        });
      }
      const [ref, ...others] = runs;
      if (!ref) throw new Error('no reference run');
      expect(ref.stderr).toMatch(new RegExp(`${n} in, ${n - 3} out, 3 rejected`));
      expect(ref.out.trimEnd().split('\n').at(-1)).toContain(fmt === 'csv' ? 'RO29999' : '"RO29999"');
      for (const o of others) {
        expect(o.out === ref.out, `output with workers ${o.label}`).toBe(true);
        expect(o.rejects).toBe(ref.rejects);
        expect(o.stderr).toMatch(
          new RegExp(`${n} in, ${n - 3} out, 3 rejected, 0 suppressed; subjects 0 new, ${FLEET} seen`),
        );
      }
      // The first run of this data directory counted every vehicle once (NDJSON), the CSV runs saw them all.
      expect(ref.stderr).toMatch(fmt === 'ndjson' ? new RegExp(`subjects ${FLEET} new, 0 seen`) : /subjects 0 new/);
    }
  }, 240_000);
});
