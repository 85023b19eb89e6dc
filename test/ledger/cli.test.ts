import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../src/adapters/ledger/index.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { h32, intent } from './helpers.js';

describe('datapass ledger (CLI)', () => {
  let dir: string;
  let ids: string[];
  beforeAll(async () => {
    dir = tempDir('datapass-ledger-cli-');
    const l = openLedger(dir);
    ids = [];
    for (let i = 0; i < 5; i++) {
      const id = await l.prepare(intent({ subjects: { sensitive: [h32(`s${i}`)], personal: [h32('p')] } }));
      await l.commit(id, new Date(`2026-0${i + 1}-10T00:00:00Z`));
      ids.push(id);
    }
    await l.close();
  });
  const cli = (...args: string[]) => runCli(['--data-dir', dir, 'ledger', ...args]);

  it('show, counts, verify', async () => {
    const show = await cli('show', '--since', '2026-03-01', '--json');
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout).batches).toHaveLength(3);
    const table = await cli('show');
    expect(table.stdout).toContain('tree size 5');
    const counts = await cli('counts', '--year', '2026', '--json');
    expect(JSON.parse(counts.stdout)).toEqual([{ exporter: 'acme', year: 2026, personal: 1, sensitive: 5 }]);
    const v = await cli('verify');
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^ok: 5 batches/);
  });

  it('prove and consistency, checked by verify-proof without the database', async () => {
    const head = await cli('consistency', '2', '2', '--json');
    expect(head.code).toBe(0);
    const oldHead = JSON.parse(head.stdout).newHead;
    const headFile = join(dir, 'head-2.json');
    writeFileSync(headFile, JSON.stringify(oldHead));
    const p = await cli('prove', ids[1] as string, '--json');
    expect(p.code).toBe(0);
    const proofFile = join(dir, 'proof.json');
    writeFileSync(proofFile, p.stdout);
    const ok = await runCli(['ledger', 'verify-proof', proofFile, '--public-key', oldHead.publicKey]);
    expect(ok.code).toBe(0);
    const c = await cli('consistency', '2', '5', '--json');
    const cFile = join(dir, 'c.json');
    writeFileSync(cFile, c.stdout);
    const okc = await runCli(['ledger', 'verify-proof', cFile, '--head', headFile]);
    expect(okc.stdout).toContain('ok: consistency proof verifies');
    const forged = { ...oldHead, rootHash: '0'.repeat(64) };
    writeFileSync(headFile, JSON.stringify(forged));
    const bad = await runCli(['ledger', 'verify-proof', cFile, '--head', headFile]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('proof does not verify');
  });

  it('bad arguments exit 2 with a clear message', async () => {
    expect((await cli('consistency', 'x', '3')).code).toBe(2);
    const big = await cli('consistency', '3', '99');
    expect(big.code).toBe(2);
    expect(big.stderr).toContain('the ledger holds only 5 leaves');
    expect((await cli('counts', '--year', '26')).code).toBe(2);
    expect((await cli('prove', 'b-unknown')).code).toBe(2);
    expect((await cli('show', '--since', 'yesterday')).code).toBe(2);
    const help = await cli('verify', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples');
  });

  it('verify exits 1 and names the first bad entry when tampered', async () => {
    const db = new Database(join(dir, 'ledger.db'));
    db.prepare('DELETE FROM ledger_leaves WHERE idx = 4').run();
    db.close();
    const v = await cli('verify');
    expect(v.code).toBe(1);
    expect(v.stderr).toContain('ledger entry 4');
    const j = await cli('verify', '--json');
    expect(JSON.parse(j.stdout).firstBad.index).toBe(4);
  });
});
