import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../src/adapters/ledger/index.js';
import { ROOT, tempDir } from '../helpers/cli.js';

const CHILD = join(ROOT, 'test/ledger/fixtures/ledger-child.ts');

function runChild(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

describe('crash between export and ledger write (kill -9), then recover', () => {
  const cases = [
    { step: 'after-temp', delivered: false, pending: 0, leaves: 0 },
    { step: 'after-prepare', delivered: false, pending: 1, leaves: 0 },
    { step: 'after-rename', delivered: true, pending: 1, leaves: 1 },
    { step: 'after-commit', delivered: true, pending: 0, leaves: 1 },
  ];
  for (const c of cases) {
    it(`killed ${c.step}: no entry without delivery, no delivery without entry`, async () => {
      const data = tempDir('datapass-crash-data-');
      const out = tempDir('datapass-crash-out-');
      const r = runChild(['crash', data, out], { DATAPASS_CRASH_AT: c.step });
      expect(r.signal).toBe('SIGKILL');
      const ledger = openLedger(data);
      try {
        expect((await ledger.pendingIntents()).length).toBe(c.pending);
        const report = await ledger.recover();
        expect(report.committed.length + report.aborted.length).toBe(c.pending);
        expect(await ledger.pendingIntents()).toEqual([]);
        const delivered = existsSync(join(out, 'batch.csv'));
        expect(delivered).toBe(c.delivered);
        const rows = await ledger.show();
        expect(rows.length).toBe(c.leaves);
        // INVARIANT under test: entries exactly match delivered outputs.
        expect(rows.length === 1).toBe(delivered);
        if (delivered) expect(await ledger.counts('acme', rows[0]!.leaf.year)).toEqual({ personal: 1, sensitive: 0 });
        expect((await ledger.verify()).ok).toBe(true);
        // Recovery is idempotent.
        expect(await ledger.recover()).toEqual({ committed: [], aborted: [] });
      } finally {
        await ledger.close();
      }
    });
  }
});

describe('two gateways appending at once', () => {
  it('lose no batch and double-count no subject', async () => {
    const data = tempDir('datapass-concurrent-');
    openLedger(data).close();
    const spawnOne = (gw: string) =>
      new Promise<number>((resolve, reject) => {
        const p = spawn(process.execPath, ['--import', 'tsx', CHILD, 'append', data, gw, '200'], {
          cwd: ROOT,
          stdio: 'inherit',
        });
        p.on('error', reject);
        p.on('close', (code) => resolve(code ?? -1));
      });
    const codes = await Promise.all([spawnOne('gw-a'), spawnOne('gw-b')]);
    expect(codes).toEqual([0, 0]);
    const ledger = openLedger(data);
    try {
      const rows = await ledger.show();
      expect(rows).toHaveLength(400);
      expect(new Set(rows.map((r) => r.leaf.batchId)).size).toBe(400);
      expect(rows.filter((r) => r.leaf.gateway === 'gw-a')).toHaveLength(200);
      // personal: v0..v199 shared (200) + 200 per gateway; sensitive: s0..s49.
      expect(await ledger.counts('acme', 2026)).toEqual({ personal: 600, sensitive: 50 });
      const newSum = rows.reduce((n, r) => n + r.leaf.subjects.personalNew, 0);
      expect(newSum).toBe(600);
      const v = await ledger.verify();
      expect(v).toMatchObject({ ok: true, size: 400, heads: 400 });
    } finally {
      await ledger.close();
    }
  });
});
