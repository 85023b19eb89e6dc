import { createHash, randomBytes } from 'node:crypto';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type Ledger,
  openLedger,
  SqliteLedgerStore,
  verifyConsistencyProof,
  verifyInclusionProof,
  verifySignedTreeHead,
} from '../../src/adapters/ledger/index.js';
import { decodeLeafBlock, encodeLeafBlock } from '../../src/adapters/ledger/sqlite-store.js';
import { tempDir } from '../helpers/cli.js';
import { h32, intent } from './helpers.js';

const open: Ledger[] = [];
afterEach(async () => {
  for (const l of open.splice(0)) await l.close();
});
function fresh(dir = tempDir('datapass-ledger-')): Ledger {
  const l = openLedger(dir);
  open.push(l);
  return l;
}

async function fill(l: Ledger, n: number, t = new Date('2026-03-01T00:00:00Z')): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = await l.prepare(
      intent({ subjects: { sensitive: [h32(`s${i % 3}`)], personal: [h32(`p${i}`), h32('p0')] } }),
    );
    await l.commit(id, t);
    ids.push(id);
  }
  return ids;
}

describe('export ledger', () => {
  it('creates keys with mode 0600 and counts subjects new/seen per year', async () => {
    const l = fresh();
    for (const f of ['ledger-signing.key', 'subject-hmac.key']) {
      expect(statSync(join(l.dataDir, 'keys', f)).mode & 0o777).toBe(0o600);
    }
    const hmac = l.subjectHasher();
    expect(hmac('310101199001011234')).toHaveLength(32);
    const a = await l.prepare(
      intent({ subjects: { sensitive: [hmac('x'), hmac('x')], personal: [hmac('y'), hmac('z')] } }),
    );
    const c1 = await l.commit(a, new Date('2026-12-31T15:59:00Z'));
    expect(c1).toMatchObject({ leafIndex: 0, treeSize: 1, year: 2026 });
    expect(c1.subjects).toEqual({ sensitiveNew: 1, sensitiveSeen: 0, personalNew: 2, personalSeen: 0 });
    const b = await l.prepare(intent({ subjects: { sensitive: [hmac('x')], personal: [hmac('y'), hmac('w')] } }));
    const c2 = await l.commit(b, new Date('2026-12-31T15:59:30Z'));
    expect(c2.subjects).toEqual({ sensitiveNew: 0, sensitiveSeen: 1, personalNew: 1, personalSeen: 1 });
    // 1 January in Shanghai: a fresh year.
    const c = await l.prepare(intent({ subjects: { sensitive: [hmac('x')], personal: [hmac('y')] } }));
    const c3 = await l.commit(c, new Date('2026-12-31T16:00:00Z'));
    expect(c3.year).toBe(2027);
    expect(c3.subjects).toEqual({ sensitiveNew: 1, sensitiveSeen: 0, personalNew: 1, personalSeen: 0 });
    expect(await l.counts('acme', 2026)).toEqual({ personal: 3, sensitive: 1 });
    expect(await l.counts('acme', 2027)).toEqual({ personal: 1, sensitive: 1 });
    expect(await l.counts('nobody', 2026)).toEqual({ personal: 0, sensitive: 0 });
    expect((await l.verify()).ok).toBe(true);
  });

  it('counts survive a restart', async () => {
    const dir = tempDir('datapass-ledger-');
    const l1 = openLedger(dir);
    await fill(l1, 5);
    await l1.close();
    const l2 = fresh(dir);
    expect(await l2.counts('acme', 2026)).toEqual({ personal: 5, sensitive: 3 });
    const id = await l2.prepare(intent({ subjects: { sensitive: [h32('s0')], personal: [h32('p4'), h32('p9')] } }));
    const c = await l2.commit(id, new Date('2026-03-02T00:00:00Z'));
    expect(c.subjects).toEqual({ sensitiveNew: 0, sensitiveSeen: 1, personalNew: 1, personalSeen: 1 });
    expect(c.leafIndex).toBe(5);
  });

  it('rejects bad intents, double commits and unknown ids', async () => {
    const l = fresh();
    await expect(l.prepare(intent({ sha256: 'xyz' }))).rejects.toMatchObject({ code: 'ledger.intent_invalid' });
    await expect(l.prepare(intent({ country: 'Germany' }))).rejects.toMatchObject({ code: 'ledger.intent_invalid' });
    await expect(l.prepare(intent({ subjects: { sensitive: [Buffer.alloc(5)], personal: [] } }))).rejects.toMatchObject(
      { code: 'ledger.intent_invalid' },
    );
    const id = await l.prepare(intent());
    await l.commit(id);
    await expect(l.commit(id)).rejects.toMatchObject({ code: 'ledger.intent_not_pending' });
    await expect(l.abort(id, 'x')).rejects.toMatchObject({ code: 'ledger.intent_not_pending' });
    await expect(l.commit('b-nope')).rejects.toMatchObject({ code: 'ledger.intent_not_found' });
  });

  it('group commit: one head for many batches, same counts as one by one', async () => {
    const l = fresh();
    const ids = [];
    for (let i = 0; i < 10; i++)
      ids.push(await l.prepare(intent({ subjects: { sensitive: [], personal: [h32(`g${i % 4}`)] } })));
    const out = await l.commitMany(ids);
    expect(out.map((c) => c.leafIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(out.filter((c) => c.subjects.personalNew === 1)).toHaveLength(4);
    expect(await l.counts('acme', out[0]!.year)).toEqual({ personal: 4, sensitive: 0 });
    expect((await l.verify()).heads).toBe(1);
  });

  it('proofs check with the third-party verifier, against old heads too', async () => {
    const l = fresh();
    const ids = await fill(l, 7);
    const oldHead = (await l.head())!;
    expect(verifySignedTreeHead(oldHead).ok).toBe(true);
    const more = await fill(l, 6);
    const p = await l.prove(ids[3]!);
    expect(p.leafIndex).toBe(3);
    expect(p.treeSize).toBe(13);
    expect(verifyInclusionProof(p)).toEqual({ ok: true });
    expect(verifyInclusionProof(p, { publicKey: oldHead.publicKey })).toEqual({ ok: true });
    const c = await l.consistency(7, 13);
    expect(verifyConsistencyProof(c, { trustedHead: oldHead })).toEqual({ ok: true });
    // A rewritten history: an old head with another root is caught.
    const forged = { ...oldHead, rootHash: createHash('sha256').update('x').digest('hex') };
    expect(verifyConsistencyProof(c, { trustedHead: forged }).ok).toBe(false);
    // A tampered proof or a head signed by another key fails.
    const bad = { ...p, leaf: { ...p.leaf, records: p.leaf.records + 1 } };
    expect(verifyInclusionProof(bad).ok).toBe(false);
    const otherKey = fresh();
    await fill(otherKey, 1);
    const stranger = (await otherKey.head())!;
    expect(verifyInclusionProof(p, { publicKey: stranger.publicKey }).ok).toBe(false);
    expect(more).toHaveLength(6);
    await expect(l.prove('b-missing')).rejects.toMatchObject({ code: 'ledger.batch_not_found' });
    await expect(l.consistency(0, 3)).rejects.toMatchObject({ code: 'ledger.invalid_size' });
    await expect(l.consistency(3, 99)).rejects.toMatchObject({ code: 'ledger.invalid_size' });
  });

  it('stores encrypted evidence and spot-checks it against the recorded digest', async () => {
    const l = fresh();
    const body = Buffer.from('vin,fault\nLSV1,P0300\n');
    const id = await l.prepare(intent({ sha256: createHash('sha256').update(body).digest('hex'), bytes: body.length }));
    await l.commit(id);
    const keyFile = join(l.dataDir, 'exporter-evidence.key');
    writeFileSync(keyFile, randomBytes(32).toString('hex'));
    const file = await l.storeEvidence(id, body, keyFile);
    expect(existsSync(file)).toBe(true);
    const r = await l.readEvidence(id, keyFile);
    expect(r.matches).toBe(true);
    expect(r.bytes).toEqual(body);
    const wrongKey = join(l.dataDir, 'wrong.key');
    writeFileSync(wrongKey, randomBytes(32));
    await expect(l.readEvidence(id, wrongKey)).rejects.toMatchObject({ code: 'ledger.evidence_unreadable' });
    // Bytes other than the ones recorded are stored: the spot-check says so.
    const id2 = await l.prepare(intent());
    await l.commit(id2);
    await l.storeEvidence(id2, Buffer.from('something else'), keyFile);
    expect((await l.readEvidence(id2, keyFile)).matches).toBe(false);
  });
});

/** Every leaf in the blocks, by index. */
function storedLeaves(db: Database.Database): Array<[number, Buffer]> {
  const out: Array<[number, Buffer]> = [];
  const blocks = db.prepare('SELECT first, data FROM ledger_leaf_blocks ORDER BY first').raw().all() as Array<
    [number, Buffer]
  >;
  for (const [first, data] of blocks) {
    decodeLeafBlock(data).forEach((l, i) => {
      out.push([first + i, Buffer.from(l)]);
    });
  }
  return out;
}

/** Rewrites the leaf blocks as an attacker with the database file would: one block per contiguous run. */
function rewriteLeaves(db: Database.Database, fn: (leaves: Array<[number, Buffer]>) => Array<[number, Buffer]>): void {
  const leaves = fn(storedLeaves(db)).sort((a, b) => a[0] - b[0]);
  db.exec('DELETE FROM ledger_leaf_blocks');
  const put = db.prepare('INSERT INTO ledger_leaf_blocks (first, count, data) VALUES (?, ?, ?)');
  let run: Array<[number, Buffer]> = [];
  const flush = (): void => {
    if (run.length > 0) put.run(run[0]?.[0], run.length, encodeLeafBlock(run.map((r) => r[1])));
    run = [];
  };
  for (const l of leaves) {
    const prev = run[run.length - 1];
    if (prev && prev[0] + 1 !== l[0]) flush();
    run.push(l);
  }
  flush();
}

const leafOf = (db: Database.Database, idx: number): Buffer =>
  (storedLeaves(db).find((l) => l[0] === idx) as [number, Buffer])[1];
const setLeaf = (db: Database.Database, idx: number, bytes: Buffer): void =>
  rewriteLeaves(db, (ls) => ls.map((l) => (l[0] === idx ? [idx, bytes] : l)));

const leafRun = SqliteLedgerStore.prototype.readLeafRun;
// Every case runs with the store's fast path (leaf blocks + one string of row copies per run) and without
// it (`readLeaves` only, as a store that does not implement the optional method).
describe.each(['leaf runs', 'readLeaves only'])('verify detects tampering with the stored ledger (%s)', (mode) => {
  beforeAll(() => {
    if (mode === 'readLeaves only') {
      (SqliteLedgerStore.prototype as { readLeafRun?: unknown }).readLeafRun = undefined;
    }
  });
  afterAll(() => {
    SqliteLedgerStore.prototype.readLeafRun = leafRun;
  });

  async function tampered(
    mutate: (db: Database.Database) => void,
    group = false,
  ): Promise<Awaited<ReturnType<Ledger['verify']>>> {
    const dir = tempDir('datapass-ledger-tamper-');
    const l = openLedger(dir);
    if (group) {
      // Two group commits: blocks of 5 and 7 leaves, heads at 5 and 12.
      for (const n of [5, 7]) {
        const ids = [];
        for (let i = 0; i < n; i++) ids.push(await l.prepare(intent()));
        await l.commitMany(ids);
      }
    } else await fill(l, 12);
    expect((await l.verify()).ok).toBe(true);
    await l.close();
    const db = new Database(join(dir, 'ledger.db'));
    mutate(db);
    db.close();
    const l2 = fresh(dir);
    return l2.verify();
  }

  it('an intact ledger is verified without the row-by-row pass when the store has leaf runs', async () => {
    const l = fresh();
    await fill(l, 3);
    const ids = [];
    for (let i = 0; i < 600; i++) ids.push(await l.prepare(intent()));
    await l.commitMany(ids);
    const rows = vi.spyOn(SqliteLedgerStore.prototype, 'readLeaves');
    try {
      expect(await l.verify()).toEqual({ ok: true, size: 603, heads: 4 });
      expect(rows.mock.calls.length > 0).toBe(mode === 'readLeaves only');
    } finally {
      rows.mockRestore();
    }
  });

  it('a changed leaf (leaf bytes rewritten) is named', async () => {
    const r = await tampered((db) => {
      const changed = Buffer.from(leafOf(db, 5).toString().replace('"records":3', '"records":4'));
      setLeaf(db, 5, changed);
    });
    expect(r.ok).toBe(false);
    expect(r.firstBad?.index).toBe(5);
  });

  it('a changed leaf inside a group-commit block is named', async () => {
    const r = await tampered((db) => {
      const changed = Buffer.from(leafOf(db, 7).toString().replace('"records":3', '"records":5'));
      setLeaf(db, 7, changed);
    }, true);
    expect(r.ok).toBe(false);
    expect(r.firstBad?.index).toBe(7);
    const swapped = await tampered((db) => {
      const [a, b] = [leafOf(db, 6), leafOf(db, 7)];
      rewriteLeaves(db, (ls) => ls.map((l) => (l[0] === 6 ? [6, b] : l[0] === 7 ? [7, a] : l)));
    }, true);
    expect(swapped.firstBad?.index).toBe(6);
    const dropped = await tampered((db) => rewriteLeaves(db, (ls) => ls.filter((l) => l[0] !== 9)), true);
    expect(dropped.firstBad?.index).toBe(9);
    const shortened = await tampered((db) => db.exec('UPDATE ledger_leaf_blocks SET count = 6 WHERE first = 5'), true);
    expect(shortened.firstBad?.index).toBe(11);
  });

  it('a changed leaf whose cached node hash was also rewritten is still caught', async () => {
    const r = await tampered((db) => {
      const changed = Buffer.from(leafOf(db, 4).toString().replace('"country":"DE"', '"country":"FR"'));
      setLeaf(db, 4, changed);
      const lh = createHash('sha256')
        .update(Buffer.concat([Buffer.from([0]), changed]))
        .digest();
      db.prepare('UPDATE ledger_nodes SET hash = ? WHERE level = 0 AND idx = 4').run(lh);
    });
    expect(r.ok).toBe(false);
    expect(r.firstBad?.index).toBe(4);
  });

  it('a changed query column (exporter) is caught', async () => {
    const r = await tampered((db) => db.prepare("UPDATE ledger_leaves SET exporter = 'other' WHERE idx = 2").run());
    expect(r.firstBad).toMatchObject({ index: 2 });
  });

  it('a deleted leaf is caught (middle and tail)', async () => {
    const drop = (db: Database.Database, idx: number): void => {
      db.prepare('DELETE FROM ledger_leaves WHERE idx = ?').run(idx);
      rewriteLeaves(db, (ls) => ls.filter((l) => l[0] !== idx));
    };
    const mid = await tampered((db) => drop(db, 3));
    expect(mid.firstBad?.index).toBe(3);
    const tail = await tampered((db) => drop(db, 11));
    expect(tail.ok).toBe(false);
    expect(tail.firstBad?.index).toBe(11);
    // Only the row, or only the leaf bytes.
    const row = await tampered((db) => db.prepare('DELETE FROM ledger_leaves WHERE idx = 3').run());
    expect(row.firstBad?.index).toBe(3);
    const bytes = await tampered((db) => rewriteLeaves(db, (ls) => ls.filter((l) => l[0] !== 3)));
    expect(bytes.firstBad?.index).toBe(3);
  });

  it('reordered leaves are caught', async () => {
    const r = await tampered((db) => {
      db.exec('UPDATE ledger_leaves SET idx = -1 WHERE idx = 6');
      db.exec('UPDATE ledger_leaves SET idx = 6 WHERE idx = 7');
      db.exec('UPDATE ledger_leaves SET idx = 7 WHERE idx = -1');
      rewriteLeaves(db, (ls) => ls.map((l) => (l[0] === 6 ? [7, l[1]] : l[0] === 7 ? [6, l[1]] : l)));
    });
    expect(r.ok).toBe(false);
    expect(r.firstBad?.index).toBe(6);
  });

  it('an inserted leaf is caught (in the middle, and appended without a head)', async () => {
    const forge = (db: Database.Database, at: number): void => {
      const row = db.prepare('SELECT exporter, time FROM ledger_leaves WHERE idx = 2').get() as Record<string, unknown>;
      const leaf = Buffer.from(
        leafOf(db, 2)
          .toString()
          .replace(/"batchId":"[^"]+"/, '"batchId":"b-forged"'),
      );
      db.prepare('INSERT INTO ledger_leaves (idx, batch_id, exporter, time) VALUES (?, ?, ?, ?)').run(
        at,
        'b-forged',
        row.exporter,
        row.time,
      );
      rewriteLeaves(db, (ls) => [...ls, [at, leaf]]);
    };
    const mid = await tampered((db) => {
      db.exec('UPDATE ledger_leaves SET idx = idx + 1000 WHERE idx >= 8');
      db.exec('UPDATE ledger_leaves SET idx = idx - 999 WHERE idx >= 1000');
      rewriteLeaves(db, (ls) => ls.map((l) => (l[0] >= 8 ? [l[0] + 1, l[1]] : l)));
      forge(db, 8);
    });
    expect(mid.ok).toBe(false);
    expect(mid.firstBad?.index).toBe(8);
    const end = await tampered((db) => forge(db, 12));
    expect(end.firstBad).toMatchObject({ index: 12, batchId: 'b-forged' });
  });

  it('a forged tree head and an edited subject counter are caught', async () => {
    const head = await tampered((db) =>
      db.exec("UPDATE ledger_heads SET root_hash = '" + '0'.repeat(64) + "' WHERE tree_size = 9"),
    );
    expect(head.firstBad?.index).toBe(8);
    const counter = await tampered((db) =>
      db.exec("UPDATE ledger_scopes SET count = count - 1 WHERE kind = 'personal'"),
    );
    expect(counter.ok).toBe(false);
    expect(counter.firstBad?.reason).toMatch(/counter/);
    const chunk = await tampered((db) =>
      db.exec('DELETE FROM ledger_subject_chunks WHERE seq = (SELECT MAX(seq) FROM ledger_subject_chunks)'),
    );
    expect(chunk.ok).toBe(false);
  });
});
