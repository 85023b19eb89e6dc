/** Issue 4: `assess --dataset -` read standard input twice and failed with a misleading `stdin: file is empty`. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

describe('issue 4: --dataset -', () => {
  it('is bad usage that says why', async () => {
    const r = await runCli(
      [
        '--data-dir',
        tempDir(),
        'assess',
        '--list',
        'lingang.icv.after_sales',
        '--dataset',
        '-',
        '--profile',
        join(ROOT, 'test/fixtures/assess/pv-profile.json'),
      ],
      { input: 'vin,name\nLSVAU2180N2183294,张三\n' },
    );
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain('--dataset');
    expect(r.stderr).toContain('standard input can be read only once');
    expect(r.stderr).not.toContain('file is empty');
  });
});
