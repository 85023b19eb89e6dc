/**
 * An export that sends no record did not happen: exit 2, no output file, and no ledger entry —
 * whether every record was rejected or the input was empty.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

describe('issue 6: nothing sent, nothing recorded', () => {
  let data: string;
  let manifest: string;
  let work: string;
  beforeAll(async () => {
    data = tempDir();
    work = tempDir();
    const ds = join(work, 'in.ndjson');
    writeFileSync(ds, `${JSON.stringify({ VIN: 'LSVAU2180N2183294', 里程: '1200' })}\n`);
    const g = await runCli([
      '--data-dir',
      data,
      'keys',
      'generate',
      '--id',
      't',
      '--issuer',
      'acme',
      '--trust',
      '--json',
    ]);
    expect(g.code).toBe(0);
    manifest = join(work, 'm.yaml');
    const init = await runCli([
      '--data-dir',
      data,
      'manifest',
      'init',
      '--list',
      'lingang.icv.after_sales',
      '--dataset',
      ds,
      '--exporter',
      'acme',
      '--issuer',
      'acme',
      '--recipient',
      'acme-gmbh',
      '--country',
      'DE',
      '--out',
      manifest,
    ]);
    expect(init.code, init.stderr).toBe(0);
    const s = await runCli(['--data-dir', data, 'manifest', 'sign', manifest, '--key', JSON.parse(g.stdout).keyFile]);
    expect(s.code, s.stderr).toBe(0);
  });

  async function ledgerSize(): Promise<number> {
    const r = await runCli(['--data-dir', data, 'ledger', 'show', '--json']);
    // No ledger yet (nothing was ever sent): `ledger show` says so and creates none.
    if (r.code === 2 && r.stderr.includes('no ledger in data directory')) return 0;
    return (JSON.parse(r.stdout).batches ?? []).length;
  }

  it('every record rejected: exit 2, no output, no ledger entry', async () => {
    const input = join(work, 'bad.ndjson');
    writeFileSync(input, '{"VIN": "LSVAU2180N2183294", "oops"\n{not json}\n');
    const out = join(work, 'out.ndjson');
    const before = await ledgerSize();
    const r = await runCli([
      '--data-dir',
      data,
      'apply',
      '--manifest',
      manifest,
      '--in',
      input,
      '--out',
      out,
      '--to',
      'acme-gmbh',
    ]);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain('2 rejected');
    expect(existsSync(out)).toBe(false);
    expect(await ledgerSize()).toBe(before);
  });

  it('empty standard input: exit 2, nothing recorded', async () => {
    const before = await ledgerSize();
    const r = await runCli(
      ['--data-dir', data, 'apply', '--manifest', manifest, '--to', 'acme-gmbh', '--input-format', 'ndjson'],
      {
        input: '',
      },
    );
    expectCleanFailure(r, 2);
    expect(r.stdout).toBe('');
    expect(await ledgerSize()).toBe(before);
  });
});
