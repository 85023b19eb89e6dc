/**
 * The storage-port contract: every `LedgerStore` implementation (SQLite today, PostgreSQL later) runs this
 * suite through `ledgerStoreContract(name, makeStore)`.
 */
import { describe, expect, it } from 'vitest';
import type { LedgerStore, SignedTreeHead, StoredIntent } from '../../src/core/ledger/types.js';
import { h32 } from './helpers.js';

export type StoreFactory = () => Promise<{ store: LedgerStore; cleanup: () => Promise<void> }>;

const head = (treeSize: number): SignedTreeHead => ({
  treeSize,
  rootHash: '00'.repeat(32),
  timestamp: 1,
  logId: '11'.repeat(32),
  alg: 'Ed25519',
  publicKey: 'AA==',
  signature: 'AA==',
});

const storedIntent = (id: string): StoredIntent => ({
  id,
  exporter: 'acme',
  manifest: { id: 'm', version: '1' },
  lists: [{ id: 'l', version: '1' }],
  recipient: 'r',
  country: 'DE',
  gateway: 'g',
  fields: ['f'],
  records: 1,
  sha256: 'ab'.repeat(32),
  bytes: 1,
  output: { kind: 'stdout' },
  preparedAt: 5,
  state: 'pending',
  subjectCount: { sensitive: 1, personal: 2 },
});

const pack = (...xs: string[]): Buffer => Buffer.concat(xs.map(h32));

export function ledgerStoreContract(name: string, make: StoreFactory): void {
  describe(`LedgerStore contract: ${name}`, () => {
    const withStore = async (fn: (s: LedgerStore) => Promise<void>): Promise<void> => {
      const { store, cleanup } = await make();
      try {
        await fn(store);
      } finally {
        await store.close();
        await cleanup();
      }
    };

    it('appends leaves in order and reads them back', () =>
      withStore(async (s) => {
        expect(await s.treeSize()).toBe(0);
        await s.write(async (tx) => {
          await tx.appendLeaf({ index: 0, batchId: 'a', exporter: 'acme', time: 10, bytes: Buffer.from('x') });
          await tx.appendLeaf({ index: 1, batchId: 'b', exporter: 'acme', time: 20, bytes: Buffer.from('y') });
          await tx.putNodes([{ level: 0, index: 0, hash: h32('x') }]);
          await tx.putHead(head(2));
        });
        expect(await s.treeSize()).toBe(2);
        const rows = await s.readLeaves(0, 10);
        expect(rows.map((r) => [r.index, r.batchId, Buffer.from(r.bytes).toString()])).toEqual([
          [0, 'a', 'x'],
          [1, 'b', 'y'],
        ]);
        expect((await s.leafByBatchId('b'))?.index).toBe(1);
        expect(await s.leafByBatchId('zz')).toBeUndefined();
        expect(await s.leafIndicesSince(15, 10)).toEqual([1]);
        expect(Buffer.from((await s.getNode(0, 0)) as Uint8Array)).toEqual(h32('x'));
        expect(await s.getNode(3, 0)).toBeUndefined();
        expect((await s.latestHead())?.treeSize).toBe(2);
        expect((await s.headAt(2))?.treeSize).toBe(2);
        expect(await s.headAt(1)).toBeUndefined();
      }));

    it('refuses a leaf out of sequence', () =>
      withStore(async (s) => {
        await expect(
          s.write(async (tx) => {
            await tx.appendLeaf({ index: 1, batchId: 'a', exporter: 'acme', time: 1, bytes: Buffer.from('x') });
          }),
        ).rejects.toThrow();
        expect(await s.treeSize()).toBe(0);
      }));

    it('rolls back everything, subject sets included, when the function throws', () =>
      withStore(async (s) => {
        await expect(
          s.write(async (tx) => {
            await tx.addSubjects('acme', 2026, 'personal', pack('p1', 'p2'));
            await tx.appendLeaf({ index: 0, batchId: 'a', exporter: 'acme', time: 1, bytes: Buffer.from('x') });
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await s.treeSize()).toBe(0);
        expect(await s.counts()).toEqual([]);
        const r = await s.write(async (tx) => tx.addSubjects('acme', 2026, 'personal', pack('p1', 'p2')));
        expect(r).toEqual({ distinct: 2, added: 2 });
      }));

    it('counts distinct subjects exactly per exporter, year and kind', () =>
      withStore(async (s) => {
        const r1 = await s.write(async (tx) => tx.addSubjects('acme', 2026, 'personal', pack('a', 'b', 'a')));
        expect(r1).toEqual({ distinct: 2, added: 2 });
        const r2 = await s.write(async (tx) => tx.addSubjects('acme', 2026, 'personal', pack('b', 'c', 'c')));
        expect(r2).toEqual({ distinct: 2, added: 1 });
        const r3 = await s.write(async (tx) => tx.addSubjects('acme', 2027, 'personal', pack('a')));
        expect(r3).toEqual({ distinct: 1, added: 1 });
        const r4 = await s.write(async (tx) => tx.addSubjects('acme', 2026, 'sensitive', pack('a')));
        expect(r4).toEqual({ distinct: 1, added: 1 });
        const r5 = await s.write(async (tx) => tx.addSubjects('other', 2026, 'personal', pack('a')));
        expect(r5).toEqual({ distinct: 1, added: 1 });
        expect(await s.counts('acme', 2026)).toEqual([{ exporter: 'acme', year: 2026, personal: 3, sensitive: 1 }]);
        expect((await s.counts()).length).toBe(3);
        expect(await s.recount('acme', 2026, 'personal')).toBe(3);
        expect(await s.recount('nobody', 2026, 'personal')).toBe(0);
      }));

    it('keeps intents with their subject hashes until they are closed', () =>
      withStore(async (s) => {
        await s.write(async (tx) =>
          tx.insertIntent(storedIntent('i1'), { sensitive: pack('s'), personal: pack('p', 'q') }),
        );
        await s.write(async (tx) => tx.insertIntent(storedIntent('i2'), { sensitive: pack(), personal: pack() }));
        expect((await s.intents('pending')).map((i) => i.id)).toEqual(['i1', 'i2']);
        await s.write(async (tx) => {
          const got = await tx.getIntent('i1');
          expect(got).toEqual(storedIntent('i1'));
          const sub = await tx.getIntentSubjects('i1');
          expect(Buffer.from(sub.personal)).toEqual(pack('p', 'q'));
          await tx.closeIntent('i1', 'committed');
          await tx.closeIntent('i2', 'aborted', 'not delivered');
        });
        expect(await s.intents('pending')).toEqual([]);
        const all = await s.intents();
        expect(all.map((i) => [i.id, i.state, i.reason])).toEqual([
          ['i1', 'committed', undefined],
          ['i2', 'aborted', 'not delivered'],
        ]);
      }));

    it('serialises concurrent writers in one process', () =>
      withStore(async (s) => {
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            s.write(async (tx) => {
              const n = await tx.treeSize();
              await new Promise((r) => setTimeout(r, 1));
              await tx.appendLeaf({ index: n, batchId: `b${i}`, exporter: 'acme', time: i, bytes: Buffer.from('z') });
            }),
          ),
        );
        expect(await s.treeSize()).toBe(20);
      }));
  });
}
