import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteLedgerStore } from '../../src/adapters/ledger/sqlite-store.js';
import { tempDir } from '../helpers/cli.js';
import { ledgerStoreContract } from './contract.js';

ledgerStoreContract('SQLite', async () => {
  const dir = tempDir('datapass-ledger-store-');
  return {
    store: new SqliteLedgerStore(join(dir, 'ledger.db')),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('SQLite subject sets: snapshots and restarts', () => {
  const hashes = (n: number): Buffer[] => Array.from({ length: n }, () => randomBytes(32));
  const add = (s: SqliteLedgerStore, hs: Buffer[], kind: 'personal' | 'sensitive' = 'personal') =>
    s.write(async (tx) => tx.addSubjects('acme', 2026, kind, Buffer.concat(hs)));

  it('writes a snapshot on close and counts exactly after a restart from it, with chunks appended after it', async () => {
    const dir = tempDir('datapass-ledger-snap-');
    const file = join(dir, 'ledger.db');
    const a = hashes(3000);
    const s1 = new SqliteLedgerStore(file, { snapshotMinNew: 1000 });
    expect(await add(s1, a.slice(0, 2000))).toEqual({ distinct: 2000, added: 2000 });
    s1.close();
    expect(readdirSync(join(dir, 'ledger.db.subjects'))).toHaveLength(1);
    // Another writer appends without touching the snapshot (below the threshold).
    const s2 = new SqliteLedgerStore(file, { snapshotMinNew: 5000 });
    expect(await add(s2, a.slice(1500, 2500))).toEqual({ distinct: 1000, added: 500 });
    s2.close();
    const s3 = new SqliteLedgerStore(file, { snapshotMinNew: 1000 });
    expect(await add(s3, [...a.slice(0, 10), ...a.slice(2400)])).toEqual({ distinct: 610, added: 500 });
    expect(s3.counts('acme', 2026)).toEqual([{ exporter: 'acme', year: 2026, personal: 3000, sensitive: 0 }]);
    expect(s3.recount('acme', 2026, 'personal')).toBe(3000);
    expect(s3.stats).toEqual({ snapshotLoads: 1, rebuilds: 0 });
    s3.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ignores a damaged, foreign or stale snapshot and rebuilds from the chunks', async () => {
    const dir = tempDir('datapass-ledger-snap-');
    const file = join(dir, 'ledger.db');
    const a = hashes(1500);
    const s1 = new SqliteLedgerStore(file, { snapshotMinNew: 1000 });
    await add(s1, a.slice(0, 1200));
    s1.close();
    const snapDir = join(dir, 'ledger.db.subjects');
    const snap = join(snapDir, readdirSync(snapDir)[0] as string);
    const good = readFileSync(snap);
    const check = async (label: string): Promise<void> => {
      const s = new SqliteLedgerStore(file, { snapshotMinNew: 1000 });
      expect(await add(s, a.slice(1000, 1500)), label).toEqual({ distinct: 500, added: 300 });
      expect(s.stats, label).toEqual({ snapshotLoads: 0, rebuilds: 1 });
      s.close();
      // Undo the extra members so the next case starts from the same state.
      const db = new Database(file);
      db.exec('DELETE FROM ledger_subject_chunks WHERE seq = (SELECT MAX(seq) FROM ledger_subject_chunks)');
      db.exec('UPDATE ledger_scopes SET count = count - 300');
      db.close();
    };
    const intact = new SqliteLedgerStore(file);
    expect(await intact.write(async (tx) => tx.addSubjects('acme', 2026, 'personal', a[0] as Buffer))).toEqual({
      distinct: 1,
      added: 0,
    });
    expect(intact.stats).toEqual({ snapshotLoads: 1, rebuilds: 0 });
    intact.close();
    const flipped = Buffer.from(good);
    flipped[good.length - 100] = (flipped[good.length - 100] as number) ^ 0xff;
    writeFileSync(snap, flipped);
    await check('checksum');
    writeFileSync(snap, good.subarray(0, good.length - 16));
    await check('length');
    const foreign = Buffer.from(good);
    foreign.writeDoubleLE(42, 8);
    writeFileSync(snap, foreign);
    await check('other database');
    // A snapshot that holds members the database no longer has (restored from an older backup).
    writeFileSync(snap, good);
    const db = new Database(file);
    db.exec('DELETE FROM ledger_subject_chunks');
    db.exec('UPDATE ledger_scopes SET count = 0');
    db.close();
    const s = new SqliteLedgerStore(file, { snapshotMinNew: 1_000_000 });
    expect(await add(s, a.slice(1000, 1500))).toEqual({ distinct: 500, added: 500 });
    expect(s.stats).toEqual({ snapshotLoads: 0, rebuilds: 1 });
    s.close();
    expect(existsSync(snap)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('upgrades schema 2 (leaf bytes in a column of ledger_leaves) to leaf blocks', async () => {
    const dir = tempDir('datapass-ledger-v2-');
    const file = join(dir, 'ledger.db');
    new SqliteLedgerStore(file).close();
    const db = new Database(file);
    db.exec('DROP TABLE ledger_leaves; DROP TABLE ledger_leaf_blocks');
    db.exec(`CREATE TABLE ledger_leaves (idx INTEGER PRIMARY KEY, batch_id TEXT NOT NULL UNIQUE, exporter TEXT NOT NULL,
      time INTEGER NOT NULL, leaf BLOB NOT NULL)`);
    db.exec("UPDATE ledger_meta SET value = 2 WHERE key = 'schema'");
    const put = db.prepare('INSERT INTO ledger_leaves (idx, batch_id, exporter, time, leaf) VALUES (?, ?, ?, ?, ?)');
    for (let i = 0; i < 600; i++) put.run(i, `b${i}`, 'acme', i, Buffer.from(`leaf ${i}`));
    db.close();
    const s = new SqliteLedgerStore(file);
    const rows = s.readLeaves(0, 1000);
    expect(rows.map((r) => Buffer.from(r.bytes).toString())).toEqual(
      Array.from({ length: 600 }, (_, i) => `leaf ${i}`),
    );
    expect(rows[599]).toMatchObject({ index: 599, batchId: 'b599', exporter: 'acme', time: 599 });
    expect(Buffer.from(s.leafByBatchId('b300')?.bytes ?? []).toString()).toBe('leaf 300');
    const run = s.readLeafRun(0, 1000);
    expect(run.blocks.map((b) => [b.first, b.count])).toEqual([
      [0, 256],
      [256, 256],
      [512, 88],
    ]);
    expect([run.rows, run.minIndex, run.maxIndex, run.wellFormed]).toEqual([600, 0, 599, 600]);
    expect(run.copies.startsWith('0\tb0\tacme\t0\n1\tb1\tacme\t1\n')).toBe(true);
    s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('upgrades schema 1 chunks (whole 32-byte hashes) to 16-byte members', async () => {
    const dir = tempDir('datapass-ledger-v1-');
    const file = join(dir, 'ledger.db');
    new SqliteLedgerStore(file).close();
    const a = hashes(3);
    const db = new Database(file);
    db.exec("UPDATE ledger_meta SET value = 1 WHERE key = 'schema'");
    db.exec("INSERT INTO ledger_scopes (exporter, year, kind, count) VALUES ('acme', 2026, 'personal', 3)");
    db.prepare('INSERT INTO ledger_subject_chunks (scope_id, hashes) VALUES (1, ?)').run(Buffer.concat(a));
    db.close();
    const s = new SqliteLedgerStore(file);
    expect(s.recount('acme', 2026, 'personal')).toBe(3);
    expect(await add(s, [a[0] as Buffer, randomBytes(32)])).toEqual({ distinct: 2, added: 1 });
    s.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
