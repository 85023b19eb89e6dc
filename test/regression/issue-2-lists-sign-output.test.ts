/**
 * Issue 2: `lists sign --out DIR` failed at the rename and left `DIR.tmp-PID` behind; the signed file
 * replaced the original before it was checked.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

describe('issue 2: lists sign never leaves a temporary file', () => {
  it('--out naming a directory', async () => {
    const parent = tempDir();
    const outDir = join(parent, 'out');
    mkdirSync(outDir);
    const r = await runCli([
      '--data-dir',
      tempDir(),
      'lists',
      'sign',
      join(ROOT, 'lists/vehicles/lingang.icv.after_sales@1.1.0.yaml'),
      '--key',
      join(ROOT, 'lists/keys/lingang-admin-illustrative-2024.key'),
      '--out',
      outDir,
    ]);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain(`cannot write \`${outDir}\``);
    expect(readdirSync(dirname(outDir)).filter((n) => n.startsWith(`${basename(outDir)}.tmp`))).toEqual([]);
  });
});
