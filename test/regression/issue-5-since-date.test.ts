/** Issue 5: `ledger show --since` accepted 2025-02-30 (read as 2 March), 99999-01-01 and `-1`. */
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../src/adapters/ledger/index.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

describe('issue 5: --since must be a real date or instant', () => {
  it.each(['2025-02-30', '99999-01-01', '-1', '2026-01-01T25:00:00Z'])('%s is bad usage', async (v) => {
    const r = await runCli(['--data-dir', tempDir(), 'ledger', 'show', '--since', v]);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain(`\`${v}\` for --since`);
  });

  it.each(['2026-01-01', '2026-01-01T08:00:00Z', '2026-01-01T08:00:00+08:00'])('%s is fine', async (v) => {
    // `ledger show` only reads: it needs a ledger to exist (an empty one will do).
    const data = tempDir();
    await openLedger(data).close();
    const r = await runCli(['--data-dir', data, 'ledger', 'show', '--since', v]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a consistency size beyond 2^53 is bad usage, not `1e+23`', async () => {
    const r = await runCli(['--data-dir', tempDir(), 'ledger', 'consistency', '1', '99999999999999999999999']);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain('NEW_SIZE');
  });
});
