/**
 * Issue 3: `demo data --rows 99999999999` ran until killed and left a huge `hr.csv` that looked complete;
 * a seed above 2^32 silently aliased a smaller one; a directory in the way of the output file crashed.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

describe('issue 3: demo data limits and output', () => {
  it('rejects absurd --rows and --seed at once, writing nothing', async () => {
    const out = join(tempDir(), 'demo');
    for (const args of [
      ['--rows', '99999999999'],
      ['--rows', '0'],
      ['--seed', '4294967296'],
    ]) {
      const r = await runCli(['demo', 'data', '--kind', 'hr', '--out', out, ...args], { timeoutMs: 20_000 });
      expectCleanFailure(r, 2);
      expect(r.stderr).toContain(args[0] as string);
    }
    const run = await runCli(['--data-dir', tempDir(), 'demo', 'run', '--rows', '99999999999']);
    expectCleanFailure(run, 2);
  });

  it('a directory where the data file goes: output.write_failed, no temporary file left', async () => {
    const out = tempDir();
    mkdirSync(join(out, 'hr.csv'));
    const r = await runCli(['demo', 'data', '--kind', 'hr', '--rows', '5', '--out', out]);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain(`cannot write \`${join(out, 'hr.csv')}\``);
    expect(readdirSync(out).sort()).toEqual(['hr.csv']);
  });
});
