/** Issue 2: a corrupt `datapass.db` was an internal error (exit 3, `file is not a database`). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

describe('issue 2: corrupt datapass.db', () => {
  it('exits 2 naming the database file', async () => {
    const data = tempDir();
    writeFileSync(join(data, 'datapass.db'), Buffer.alloc(4096, 0x5a));
    for (const args of [['lists'], ['lists', 'show', 'lingang.icv.after_sales']]) {
      const r = await runCli(['--data-dir', data, ...args]);
      expectCleanFailure(r, 2);
      expect(r.stderr).toContain('datapass.db');
      expect(r.stderr).toContain('database error');
    }
  });
});
