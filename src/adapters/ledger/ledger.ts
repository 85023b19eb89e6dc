/**
 * @module adapters/ledger/ledger
 * `openLedger(dataDir)`: wires the pure ledger service to SQLite, node:crypto Ed25519, the fast subject
 * hasher and the evidence store.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeLeaf, toHex } from '../../core/ledger/leaf.js';
import { leafHash } from '../../core/ledger/merkle.js';
import { createLedgerService } from '../../core/ledger/service.js';
import type { StoredIntent } from '../../core/ledger/types.js';
import { DataPassError, problem } from '../../core/problems.js';
import { checkDataDirReadable, ensureDir } from '../paths.js';
import type { DeliveryCheck, Ledger, OpenLedgerOptions, RecoveryReport, ShownBatch } from './api.js';
import { decryptEvidence, evidencePath, sha256Hex, writeEvidence } from './evidence.js';
import { checkEd25519, type LedgerKeys, loadLedgerKeys, readKey32 } from './keys.js';
import { SqliteLedgerStore } from './sqlite-store.js';
import { createSubjectHasher } from './subject-hasher.js';
import { sha256 } from './verifier.js';

async function fileSha256(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Default delivery check for `recover`: a file output counts as delivered when its final path exists with
 * the recorded SHA-256; `stdout` cannot be checked after the fact, so it counts as not delivered.
 */
export const defaultDeliveryCheck: DeliveryCheck = async (intent: StoredIntent) => {
  if (intent.output.kind !== 'file') return false;
  if (!existsSync(intent.output.finalPath)) return false;
  return (await fileSha256(intent.output.finalPath)) === intent.sha256;
};

/** The ledger's database file under a data directory. */
export function ledgerFile(dataDir: string): string {
  return join(dataDir, 'ledger.db');
}

/** True when `dataDir` holds a ledger (its database file exists); creates nothing. */
export function ledgerExists(dataDir: string): boolean {
  return existsSync(ledgerFile(dataDir));
}

/**
 * Opens (creating on first use) the ledger under `dataDir`: `ledger.db` and `keys/`. With `existing: true`
 * (read-only commands) a data directory without a ledger is `ledger.not_found` and nothing is created.
 */
export function openLedger(dataDir: string, opts: OpenLedgerOptions = {}): Ledger {
  const dbFile = ledgerFile(dataDir);
  let keys: LedgerKeys | undefined;
  if (opts.existing) {
    checkDataDirReadable(dataDir);
    if (!existsSync(dbFile)) throw new DataPassError(problem('ledger.not_found', { dir: dataDir }));
  } else {
    ensureDir(dataDir);
    keys = loadLedgerKeys(dataDir);
  }
  const storeOpts: { busyTimeoutMs?: number; synchronous?: 'FULL' | 'NORMAL' } = {};
  if (opts.busyTimeoutMs !== undefined) storeOpts.busyTimeoutMs = opts.busyTimeoutMs;
  if (opts.synchronous !== undefined) storeOpts.synchronous = opts.synchronous;
  let store: SqliteLedgerStore;
  try {
    store = new SqliteLedgerStore(dbFile, storeOpts);
  } catch (err) {
    // Not a database, corrupt, a directory in the way, no permission: the user's file, not a bug.
    throw new DataPassError(
      problem('input.database_error', { reason: (err as Error).message }, [], { location: { file: dbFile } }),
      { cause: err },
    );
  }
  if (keys === undefined) {
    // An existing ledger: its database speaks first (a corrupt one is named as such), then its keys.
    try {
      keys = loadLedgerKeys(dataDir, { create: false });
    } catch (err) {
      store.close();
      throw err;
    }
  }
  const signer = keys.signer;
  const hmacKey = keys.hmacKey;
  const clock = opts.now ?? (() => new Date());
  const svc = createLedgerService({
    store,
    hash: sha256,
    signer,
    checkSignature: checkEd25519,
    newId: () => `b-${randomUUID()}`,
    now: () => clock().getTime(),
    base64: (b) => Buffer.from(b).toString('base64'),
    fromBase64: (t) => Buffer.from(t, 'base64'),
  });
  const hasher = createSubjectHasher(hmacKey);

  const recordedSha = (batchId: string): string => {
    const leaf = store.leafByBatchId(batchId);
    if (!leaf) throw new DataPassError(problem('ledger.batch_not_found', { id: batchId }));
    const d = decodeLeaf(leaf.bytes);
    if (!d.ok) throw new DataPassError(problem('ledger.tampered', { index: leaf.index, batchId, reason: d.reason }));
    return d.leaf.sha256;
  };

  const ledger: Ledger = {
    dataDir,
    subjectHasher: () => hasher,
    subjectHashKey: () => new Uint8Array(hmacKey),
    prepare: (intent) => svc.prepare(intent),
    prepareMany: (intents) => svc.prepareMany(intents),
    async commit(intentId, now) {
      const t = (now ?? clock()).getTime();
      const [c] = await svc.commitMany([intentId], () => t);
      return c as NonNullable<typeof c>;
    },
    commitMany(ids, now) {
      const t = (now ?? clock()).getTime();
      return svc.commitMany(ids, () => t);
    },
    abort: (id, reason) => svc.abort(id, reason),
    async pendingIntents() {
      return store.intents('pending');
    },
    async recover(isDelivered = defaultDeliveryCheck): Promise<RecoveryReport> {
      const report: RecoveryReport = { committed: [], aborted: [] };
      for (const intent of store.intents('pending')) {
        if (await isDelivered(intent)) {
          // The bytes went out between prepare and the crash: time the batch at prepare.
          const [c] = await svc.commitMany([intent.id], (i) => i.preparedAt);
          if (c) report.committed.push(c);
        } else {
          const reason =
            intent.output.kind === 'stdout'
              ? 'recovered after a crash: stdout delivery cannot be confirmed'
              : 'recovered after a crash: output not delivered (final file missing or digest differs)';
          await svc.abort(intent.id, reason);
          report.aborted.push({ id: intent.id, reason });
        }
      }
      return report;
    },
    async counts(exporter, year) {
      const [c] = store.counts(exporter, year);
      return { personal: c?.personal ?? 0, sensitive: c?.sensitive ?? 0 };
    },
    async allCounts(filter = {}) {
      return store.counts(filter.exporter, filter.year);
    },
    async show(o = {}) {
      const limit = o.limit ?? Number.MAX_SAFE_INTEGER;
      let from = 0;
      if (o.since) {
        const [first] = store.leafIndicesSince(o.since.getTime(), 1);
        if (first === undefined) return [];
        from = first;
      }
      const out: ShownBatch[] = [];
      const since = o.since?.getTime() ?? Number.NEGATIVE_INFINITY;
      while (out.length < limit) {
        const rows = store.readLeaves(from, Math.min(10_000, limit - out.length));
        if (rows.length === 0) break;
        for (const r of rows) {
          const d = decodeLeaf(r.bytes);
          if (!d.ok)
            throw new DataPassError(
              problem('ledger.tampered', { index: r.index, batchId: r.batchId, reason: d.reason }),
            );
          if (r.time >= since) out.push({ index: r.index, leafHash: toHex(leafHash(sha256, r.bytes)), leaf: d.leaf });
        }
        from = (rows[rows.length - 1]?.index ?? from) + 1;
      }
      return out;
    },
    head: () => svc.head(),
    verify: () => svc.verify(),
    prove: (batchId) => svc.prove(batchId),
    consistency: (a, b) => svc.consistency(a, b),
    async storeEvidence(batchId, data, keyFile) {
      const key = readKey32(keyFile);
      const sha = recordedSha(batchId);
      const bytes = data instanceof Uint8Array ? data : readFileSync(data.path);
      return writeEvidence(evidencePath(dataDir, batchId), batchId, sha, key, bytes);
    },
    async readEvidence(batchId, keyFile) {
      const key = readKey32(keyFile);
      const recorded = recordedSha(batchId);
      const bytes = decryptEvidence(evidencePath(dataDir, batchId), batchId, recorded, key);
      const digest = sha256Hex(bytes);
      return { batchId, bytes, sha256: digest, recorded, matches: digest === recorded };
    },
    async close() {
      store.close();
    },
  };
  return ledger;
}
