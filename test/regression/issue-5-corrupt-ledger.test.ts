/** Issue 5: a corrupt `ledger.db` was an internal error (exit 3) for show, verify, counts and assess. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

describe('issue 5: corrupt ledger.db', () => {
  it('exits 2 naming the ledger file', async () => {
    const data = tempDir();
    writeFileSync(join(data, 'ledger.db'), Buffer.alloc(8192, 0x41));
    for (const args of [
      ['ledger', 'show'],
      ['ledger', 'verify'],
      ['ledger', 'counts'],
    ]) {
      const r = await runCli(['--data-dir', data, ...args]);
      expectCleanFailure(r, 2);
      expect(r.stderr).toContain(`${join(data, 'ledger.db')}: database error`);
    }
    const demo = join(tempDir(), 'demo');
    expect((await runCli(['demo', 'data', '--kind', 'repair_orders', '--rows', '20', '--out', demo])).code).toBe(0);
    const r = await runCli([
      '--data-dir',
      data,
      'assess',
      '--list',
      'lingang.icv.after_sales',
      '--dataset',
      join(demo, 'repair_orders.csv'),
      '--profile',
      join(ROOT, 'test/fixtures/assess/pv-profile.json'),
    ]);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain('ledger.db');
  });
});
