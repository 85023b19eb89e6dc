/** Issue 3: Parquet or XLSX on standard input (`scan -`) said `-: file not found`. */
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

describe('issue 3: scan - with a binary format', () => {
  it('--format parquet from stdin is input.invalid_source', async () => {
    const r = await runCli(['--data-dir', tempDir(), 'scan', '-', '--format', 'parquet'], { input: 'a,b\n1,2\n' });
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain('invalid source `-`');
    expect(r.stderr).not.toContain('file not found');
  });

  it('Parquet bytes sniffed on stdin', async () => {
    const r = await runCli(['--data-dir', tempDir(), 'scan', '-'], { input: Buffer.from('PAR1xxxxPAR1') });
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain('invalid source `-`');
    expect(r.stderr).toContain('Parquet');
  });

  it('stdin closed at once is input.file_empty', async () => {
    const r = await runCli(['--data-dir', tempDir(), 'scan', '-']);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain('stdin: file is empty');
  });
});
