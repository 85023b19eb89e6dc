import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeDatasetFile, writeLabelsFile } from '../../src/adapters/scan/write-dataset.js';
import { generateDataset } from '../../src/core/synth/datasets.js';
import { Rng } from '../../src/core/synth/prng.js';
import { V } from '../../src/core/synth/values.js';

const rng = new Rng(5);

import { runCli, tempDir } from '../helpers/cli.js';

const ENV = { DATAPASS_NOW: '2025-06-30T04:00:00Z' };

async function dataset(rows = 400, seed = 7, format: 'csv' | 'ndjson' = 'csv') {
  const dir = tempDir('datapass-scan-');
  const ds = generateDataset('repair_orders', { rows, seed, headers: 'mixed' });
  const file = join(dir, `repair_orders.${format}`);
  await writeDatasetFile(ds, format, file);
  await writeLabelsFile(ds, join(dir, 'repair_orders.labels.json'));
  return { dir, file, labels: join(dir, 'repair_orders.labels.json'), ds };
}

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('datapass scan', () => {
  it('--json prints exactly the documented keys', async () => {
    const { file } = await dataset();
    const r = await runCli(['scan', file, '--json'], { env: ENV });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(Object.keys(rep)).toEqual([
      'source',
      'format',
      'rowsScanned',
      'rowsRead',
      'sampled',
      'columns',
      'warnings',
      'encoding',
    ]);
    expect(rep).toMatchObject({
      source: file,
      format: 'csv',
      rowsScanned: 400,
      rowsRead: 400,
      sampled: false,
      warnings: 0,
    });
    expect(rep.columns).toHaveLength(14);
    for (const c of rep.columns) {
      expect(Object.keys(c)).toEqual([
        'name',
        'evidence',
        'nonEmpty',
        'infoType',
        'piClass',
        'confidence',
        'findings',
        'kind',
        'freeText',
      ]);
      expect(['none', 'personal', 'sensitive']).toContain(c.piClass);
      expect(c.confidence).toBeGreaterThanOrEqual(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
      expect(c).not.toHaveProperty('listField');
    }
    const byName = Object.fromEntries(rep.columns.map((c: { name: string }) => [c.name, c]));
    expect(Object.values(byName).filter((c) => (c as { infoType: string }).infoType === 'CN_RESIDENT_ID')).toHaveLength(
      1,
    );
  });

  it('--list maps every column to a field or `unlisted` and reports unmatched fields', async () => {
    const { file } = await dataset();
    const data = tempDir();
    const r = await runCli(['--data-dir', data, 'scan', file, '--list', 'lingang.icv.after_sales', '--json'], {
      env: ENV,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.list.id).toBe('lingang.icv.after_sales');
    expect(Array.isArray(rep.unmatchedListFields)).toBe(true);
    for (const c of rep.columns) expect(typeof c.listField).toBe('string');
    const vin = rep.columns.find((c: { infoType: string }) => c.infoType === 'VIN');
    expect(vin.listField).toBe('vin');
    const id = rep.columns.find((c: { infoType: string }) => c.infoType === 'CN_RESIDENT_ID');
    expect(id.listField).toBe('unlisted');
    expect(rep.unmatchedListFields).not.toContain('vin');
  });

  it('samples by default and reads every row with --full', async () => {
    const { file } = await dataset(1200);
    const s = JSON.parse((await runCli(['scan', file, '--json', '--sample', '100'], { env: ENV })).stdout);
    expect(s).toMatchObject({ rowsScanned: 100, rowsRead: 1200, sampled: true });
    const f = JSON.parse((await runCli(['scan', file, '--json', '--full'], { env: ENV })).stdout);
    expect(f).toMatchObject({ rowsScanned: 1200, rowsRead: 1200, sampled: false });
    const vin = f.columns.find((c: { infoType: string }) => c.infoType === 'VIN');
    expect(vin.findings.VIN).toBe(1200);
  });

  it('reads NDJSON from stdin, flattening nested objects', async () => {
    const lines = Array.from({ length: 60 }, (_, i) =>
      JSON.stringify({
        order: `RO${i}`,
        owner: { name: ['张伟', '王芳', '李娜', '刘洋'][i % 4], mobile: V.mobile(rng, true) },
      }),
    ).join('\n');
    const r = await runCli(['scan', '-', '--json'], { env: ENV, input: lines });
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.format).toBe('ndjson');
    expect(rep.columns.map((c: { name: string; infoType: string }) => [c.name, c.infoType])).toEqual([
      ['order', null],
      ['owner.name', 'PERSON_NAME'],
      ['owner.mobile', 'CN_MOBILE'],
    ]);
  });

  it('prints a readable table without --json', async () => {
    const { file } = await dataset(100);
    const r = await runCli(['scan', file], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/infoType\s+PI\s+conf\s+findings/);
    expect(r.stdout).toMatch(/VIN\s+personal/);
  });

  it('bad input: exit 2 with a clear message and no stack trace', async () => {
    const dir = tempDir();
    const missing = await runCli(['scan', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^datapass: /);
    noStack(missing.stderr);
    const both = await runCli(['scan', join(dir, 'nope.csv'), '--full', '--sample', '10']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--sample/);
    const bin = join(dir, 'bin.csv');
    writeFileSync(bin, Buffer.from([0x50, 0x4b, 0, 0, 1, 2, 0, 0, 0]));
    const b = await runCli(['scan', bin]);
    expect(b.code).toBe(2);
    noStack(b.stderr);
  });

  it('--sheet on a source that is not an XLSX workbook is a usage error', async () => {
    const { file, dir } = await dataset(50);
    const csv = await runCli(['scan', file, '--sheet', 'orders']);
    expect(csv.code).toBe(2);
    expect(csv.stdout).toBe('');
    expect(csv.stderr).toMatch(/^datapass: .*--sheet applies to \.xlsx workbooks only/);
    noStack(csv.stderr);
    // Sniffed (no extension) and standard input: still not a workbook.
    const bare = join(dir, 'orders');
    writeFileSync(bare, readFileSync(file));
    expect((await runCli(['scan', bare, '--sheet', 'orders'])).stderr).toContain('--sheet applies to .xlsx');
    const stdin = await runCli(['scan', '-', '--sheet', 'orders'], { input: '{"a":1}\n' });
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toContain('--sheet applies to .xlsx workbooks only');
    // An XLSX workbook takes it.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('first').addRow(['x']);
    const people = wb.addWorksheet('people');
    people.addRow(['phone']);
    people.addRow(['13800138000']);
    const xlsx = join(dir, 'book.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const ok = await runCli(['scan', xlsx, '--sheet', 'people', '--json'], { env: ENV });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).columns.map((c: { name: string }) => c.name)).toEqual(['phone']);
  });

  it('surfaces reader warnings (ragged rows) in the report', async () => {
    const dir = tempDir();
    const f = join(dir, 'ragged.csv');
    writeFileSync(f, 'name,mobile\n张伟,13812345678\n王芳,13912345678,extra\n李娜,13712345678\n');
    const r = await runCli(['scan', f, '--json'], { env: ENV });
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.warnings).toBe(1);
    expect(rep.warningDetails[0].code).toBe('input.csv_ragged_row');
  });
});

describe('datapass demo data + evaluate', () => {
  it('writes datasets with labels, and the evaluation scores a scan of them', async () => {
    const out = join(tempDir(), 'demo');
    mkdirSync(out, { recursive: true });
    const d = await runCli([
      'demo',
      'data',
      '--kind',
      'shipping',
      '--rows',
      '300',
      '--seed',
      '5',
      '--out',
      out,
      '--json',
    ]);
    expect(d.code).toBe(0);
    expect(JSON.parse(d.stdout).files[0].data).toBe(join(out, 'shipping.csv'));
    const labels = JSON.parse(readFileSync(join(out, 'shipping.labels.json'), 'utf8'));
    expect(labels.columns.length).toBeGreaterThan(10);
    const scan = await runCli(['scan', join(out, 'shipping.csv'), '--json'], { env: ENV });
    const report = join(out, 'report.json');
    writeFileSync(report, scan.stdout);
    const e = await runCli(['evaluate', report, '--labels', join(out, 'shipping.labels.json'), '--json']);
    expect(e.code).toBe(0);
    const res = JSON.parse(e.stdout);
    expect(res.columnAccuracy).toBeGreaterThanOrEqual(0.97);
    expect(res.decoysFlagged).toBe(0);
    const human = await runCli(['evaluate', report, '--labels', join(out, 'shipping.labels.json')]);
    expect(human.stdout).toMatch(/column accuracy: /);
    const bad = await runCli(['evaluate', join(out, 'shipping.labels.json'), '--labels', report]);
    expect(bad.code).toBe(2);
    noStack(bad.stderr);
  });
});
