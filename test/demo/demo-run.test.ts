/**
 * The main flow end to end, as `npm start` runs it: every command for real, on a fresh data directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

describe('datapass demo run', () => {
  it('runs lists → scan → assess → manifest → apply → ledger, and a second batch finds its subjects already counted', async () => {
    const data = tempDir();
    const first = await runCli(['--data-dir', data, 'demo', 'run', '--rows', '300'], { timeoutMs: 120_000 });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('[10/10]');
    const out = join(data, 'demo', 'export-1.ndjson');
    expect(existsSync(out)).toBe(true);
    const records = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.length).toBe(300);
    // Deny by default and the list's decisions: owner identity never leaves; the VIN leaves only hashed.
    const source = readFileSync(join(data, 'demo', 'repair_orders.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const keys = new Set(records.flatMap((r) => Object.keys(r)));
    for (const k of ['车主姓名', '手机号', 'ID Number']) expect(keys.has(k)).toBe(false);
    const vins = new Set(source.map((r) => r.VIN));
    for (const r of records) if (r.VIN !== undefined) expect(vins.has(r.VIN)).toBe(false);

    const second = await runCli(['--data-dir', data, 'demo', 'run', '--rows', '300'], { timeoutMs: 120_000 });
    expect(second.code, second.stderr).toBe(0);
    expect(existsSync(join(data, 'demo', 'export-2.ndjson'))).toBe(true);
    const show = await runCli(['--data-dir', data, 'ledger', 'show', '--json']);
    expect(show.code).toBe(0);
    const verify = await runCli(['--data-dir', data, 'ledger', 'verify']);
    expect(verify.code).toBe(0);
    // Same seed, same vehicles: the second batch adds no new subjects this year.
    const counts = await runCli(['--data-dir', data, 'ledger', 'counts', '--json']);
    expect(counts.stdout).toContain('300');
    expect(counts.stdout).not.toContain('600');
  });

  it('rejects bad options with exit 2', async () => {
    const r = await runCli(['--data-dir', tempDir(), 'demo', 'run', '--rows', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--rows');
  });
});
