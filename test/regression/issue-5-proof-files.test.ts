/** Issue 5: `ledger verify-proof` said `file not found` for a directory and a syntax error for an empty file. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

describe('issue 5: verify-proof input files', () => {
  it('directory, empty, array', async () => {
    const dir = tempDir();
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '');
    const arr = join(dir, 'arr.json');
    writeFileSync(arr, '[1]');
    const cases: [string, string][] = [
      [sub, 'is a directory'],
      [empty, 'file is empty'],
      [arr, 'got an array'],
    ];
    for (const [file, msg] of cases) {
      const r = await runCli(['ledger', 'verify-proof', file]);
      expectCleanFailure(r, 2);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toContain(msg);
    }
  });
});
