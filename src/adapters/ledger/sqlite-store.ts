/**
 * @module adapters/ledger/sqlite-store
 * The ledger storage port on SQLite (better-sqlite3): WAL, `synchronous=FULL`, one `BEGIN IMMEDIATE`
 * transaction per `write` (serialised across processes by SQLite's write lock and a busy timeout).
 *
 * Subject sets: each commit appends the members that were new to `ledger_subject_chunks`, as one blob of
 * 16-byte members (the first 128 bits of the keyed hash, see `subject-set.ts`) per exporter-year-kind per
 * commit. The process keeps an in-memory {@link SubjectHashSet} per set, sized from the stored counter, and
 * inside each write transaction first reads the chunks other gateways appended since it last looked.
 * A B-tree row per subject would cost about 4 µs per insert at 10 million rows; this costs well under 1 µs.
 *
 * Restart: `close()` writes each set that grew by at least {@link SNAPSHOT_MIN_NEW} members since it was
 * loaded to `<db>.subjects/<scope>.snap` (the hash table as it is, plus the chunk sequence it covers and a
 * checksum). Loading reads that file and the chunks after it. A snapshot is only a cache: it is ignored when
 * its header, length or checksum is off, when it belongs to another database, or when the set it gives
 * does not add up to the stored counter; then the set is rebuilt from the chunks.
 */
import { randomInt } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import type {
  IntentState,
  LeafBlock,
  LeafRun,
  LedgerStore,
  LedgerWriteTx,
  SignedTreeHead,
  StoredIntent,
  StoredLeaf,
  SubjectKind,
  YearCounts,
} from '../../core/ledger/types.js';
import { MEMBER_BYTES, SubjectHashSet } from './subject-set.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ledger_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS ledger_leaves (
  idx INTEGER PRIMARY KEY, batch_id TEXT NOT NULL UNIQUE, exporter TEXT NOT NULL, time INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS ledger_leaves_time ON ledger_leaves(time);
CREATE TABLE IF NOT EXISTS ledger_leaf_blocks (first INTEGER PRIMARY KEY, count INTEGER NOT NULL, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS ledger_nodes (
  level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ledger_heads (
  tree_size INTEGER PRIMARY KEY, root_hash TEXT NOT NULL, timestamp INTEGER NOT NULL, log_id TEXT NOT NULL,
  alg TEXT NOT NULL, public_key TEXT NOT NULL, signature TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ledger_intents (
  id TEXT PRIMARY KEY, state TEXT NOT NULL, prepared_at INTEGER NOT NULL, body TEXT NOT NULL, reason TEXT,
  sensitive BLOB, personal BLOB);
CREATE INDEX IF NOT EXISTS ledger_intents_state ON ledger_intents(state);
CREATE TABLE IF NOT EXISTS ledger_scopes (
  scope_id INTEGER PRIMARY KEY, exporter TEXT NOT NULL, year INTEGER NOT NULL, kind TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 0, UNIQUE (exporter, year, kind));
CREATE TABLE IF NOT EXISTS ledger_subject_chunks (
  seq INTEGER PRIMARY KEY, scope_id INTEGER NOT NULL, hashes BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS ledger_subject_chunks_scope ON ledger_subject_chunks(scope_id, seq);
INSERT OR IGNORE INTO ledger_meta (key, value) VALUES ('schema', 3), ('tree_size', 0);
`;

export interface SqliteLedgerStoreOptions {
  busyTimeoutMs?: number;
  synchronous?: 'FULL' | 'NORMAL';
  /** Write a set's snapshot on `close()` once it gained this many members (default {@link SNAPSHOT_MIN_NEW}). */
  snapshotMinNew?: number;
}

interface CachedSet {
  set: SubjectHashSet;
  loadedSeq: number;
  /** Members at load time (what a snapshot on disk already holds). */
  loadedSize: number;
}

/** A set that gained this many members since it was loaded is written as a snapshot on `close()`. */
export const SNAPSHOT_MIN_NEW = 100_000;
const SNAP_MAGIC = 0x44505353; // "DPSS", host byte order (a foreign-endian file fails the magic check)
const SNAP_VERSION = 1;
const SNAP_HEADER = 64;

/** Fletcher-style checksum over 32-bit words (catches torn or zeroed pages in a snapshot). */
function checksum(w: Int32Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < w.length; i++) {
    a = (a + (w[i] as number)) | 0;
    b = (b + a) | 0;
  }
  return (a ^ Math.imul(b, 0x9e3779b1)) >>> 0;
}

type Row = Record<string, unknown>;

function intentFromRow(r: Row): StoredIntent {
  const body = JSON.parse(r.body as string) as StoredIntent;
  const out: StoredIntent = { ...body, state: r.state as IntentState };
  if (r.reason != null) out.reason = r.reason as string;
  return out;
}

function headFromRow(r: Row): SignedTreeHead {
  return {
    treeSize: r.tree_size as number,
    rootHash: r.root_hash as string,
    timestamp: r.timestamp as number,
    logId: r.log_id as string,
    alg: r.alg as 'Ed25519',
    publicKey: r.public_key as string,
    signature: r.signature as string,
  };
}

const EMPTY = new Uint8Array(0);

/** A group commit stores its leaves in blocks of at most this many (a `prove` reads one block: ~128 KiB). */
export const BLOCK_LEAVES = 256;

/** Packs leaves as a {@link LeafBlock}'s data: per leaf a u32 big-endian length n, then n bytes `0x00 ‖ leaf`. */
export function encodeLeafBlock(leaves: readonly Uint8Array[]): Buffer {
  let total = 0;
  for (const l of leaves) total += 5 + l.length;
  const out = Buffer.allocUnsafe(total);
  let p = 0;
  for (const l of leaves) {
    out.writeUInt32BE(l.length + 1, p);
    out[p + 4] = 0;
    out.set(l, p + 5);
    p += 5 + l.length;
  }
  return out;
}

/** The leaves of a block's data (views, without the 0x00 prefix); stops at a malformed entry. */
export function decodeLeafBlock(data: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let p = 0;
  while (p + 5 <= data.length) {
    const n = view.getUint32(p);
    if (n < 1 || p + 4 + n > data.length || data[p + 4] !== 0) break;
    out.push(data.subarray(p + 5, p + 4 + n));
    p += 4 + n;
  }
  return out;
}

/** SQLite implementation of {@link LedgerStore}. */
export class SqliteLedgerStore implements LedgerStore {
  readonly db: Database.Database;
  private readonly sets = new Map<number, CachedSet>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly s;

  private readonly snapDir: string | undefined;
  private readonly instance: number;
  private readonly snapshotMinNew: number;
  /** How subject sets were loaded: from a snapshot (plus later chunks), or rebuilt from all chunks. */
  readonly stats = { snapshotLoads: 0, rebuilds: 0 };

  constructor(file: string, opts: SqliteLedgerStoreOptions = {}) {
    this.db = new Database(file, { timeout: opts.busyTimeoutMs ?? 30_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
    this.db.pragma('foreign_keys = ON');
    // Reads through a memory map instead of a read() call per page: verify streams every leaf page.
    this.db.pragma('mmap_size = 4294967296');
    // Checkpoint every 64 MiB of WAL rather than every 4 MiB: a 100k-subject commit writes several MiB.
    this.db.pragma('wal_autocheckpoint = 16384');
    const db = this.db;
    db.exec(`BEGIN IMMEDIATE; ${SCHEMA}`);
    try {
      db.prepare("INSERT OR IGNORE INTO ledger_meta (key, value) VALUES ('instance', ?)").run(randomInt(1, 2 ** 47));
      migrate(db);
      db.exec('COMMIT');
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
    this.instance = db.prepare("SELECT value FROM ledger_meta WHERE key = 'instance'").pluck().get() as number;
    this.snapDir = file === ':memory:' || file === '' ? undefined : `${file}.subjects`;
    this.snapshotMinNew = opts.snapshotMinNew ?? SNAPSHOT_MIN_NEW;
    this.s = {
      size: db.prepare("SELECT value FROM ledger_meta WHERE key = 'tree_size'").pluck(),
      setSize: db.prepare("UPDATE ledger_meta SET value = ? WHERE key = 'tree_size'"),
      getNode: db.prepare('SELECT hash FROM ledger_nodes WHERE level = ? AND idx = ?').pluck(),
      putNode: db.prepare('INSERT INTO ledger_nodes (level, idx, hash) VALUES (?, ?, ?)'),
      putLeaf: db.prepare('INSERT INTO ledger_leaves (idx, batch_id, exporter, time) VALUES (?, ?, ?, ?)'),
      putBlock: db.prepare('INSERT INTO ledger_leaf_blocks (first, count, data) VALUES (?, ?, ?)'),
      readLeavesRaw: db
        .prepare('SELECT idx, batch_id, exporter, time FROM ledger_leaves WHERE idx >= ? ORDER BY idx LIMIT ?')
        .raw(),
      // The blocks holding leaves first..last: the one that starts at or before `first`, and any after it.
      blocksFor: db
        .prepare(
          `SELECT first, count, data FROM ledger_leaf_blocks
           WHERE first >= coalesce((SELECT max(first) FROM ledger_leaf_blocks WHERE first <= ?), 0) AND first <= ?
           ORDER BY first`,
        )
        .raw(),
      runBlocks: db
        .prepare('SELECT first, count, data FROM ledger_leaf_blocks WHERE first >= ? AND first < ? ORDER BY first')
        .raw(),
      // No ORDER BY: every token carries its index, so verify checks the order itself (and the sort costs).
      // `time` needs no typeof check: INTEGER affinity stores every integer-looking value as an integer, and
      // anything else prints differently from the leaf's time.
      runRows: db
        .prepare(
          `SELECT count(*), coalesce(min(idx), -1), coalesce(max(idx), -1),
             coalesce(sum(typeof(batch_id) = 'text' AND typeof(exporter) = 'text'), 0),
             coalesce(group_concat(idx || char(9) || batch_id || char(9) || exporter || char(9) || time || char(10), ''), '')
           FROM ledger_leaves WHERE idx >= ? AND idx < ?`,
        )
        .raw(),
      leafByBatch: db.prepare('SELECT idx, batch_id, exporter, time FROM ledger_leaves WHERE batch_id = ?'),
      since: db.prepare('SELECT idx FROM ledger_leaves WHERE time >= ? ORDER BY idx LIMIT ?').pluck(),
      putHead: db.prepare(
        'INSERT INTO ledger_heads (tree_size, root_hash, timestamp, log_id, alg, public_key, signature) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      heads: db.prepare('SELECT * FROM ledger_heads ORDER BY tree_size'),
      headAt: db.prepare('SELECT * FROM ledger_heads WHERE tree_size = ?'),
      latestHead: db.prepare('SELECT * FROM ledger_heads ORDER BY tree_size DESC LIMIT 1'),
      putIntent: db.prepare(
        'INSERT INTO ledger_intents (id, state, prepared_at, body, sensitive, personal) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      getIntent: db.prepare('SELECT id, state, body, reason FROM ledger_intents WHERE id = ?'),
      intentSubjects: db.prepare('SELECT sensitive, personal FROM ledger_intents WHERE id = ?'),
      closeIntent: db.prepare(
        'UPDATE ledger_intents SET state = ?, reason = ?, sensitive = NULL, personal = NULL WHERE id = ?',
      ),
      intents: db.prepare('SELECT id, state, body, reason FROM ledger_intents ORDER BY prepared_at, id'),
      intentsByState: db.prepare(
        'SELECT id, state, body, reason FROM ledger_intents WHERE state = ? ORDER BY prepared_at, id',
      ),
      scopeInsert: db.prepare('INSERT OR IGNORE INTO ledger_scopes (exporter, year, kind) VALUES (?, ?, ?)'),
      scopeId: db.prepare('SELECT scope_id FROM ledger_scopes WHERE exporter = ? AND year = ? AND kind = ?').pluck(),
      scopeBump: db.prepare('UPDATE ledger_scopes SET count = count + ? WHERE scope_id = ?'),
      scopeCount: db.prepare('SELECT count FROM ledger_scopes WHERE scope_id = ?').pluck(),
      chunksAfter: db
        .prepare('SELECT seq, hashes FROM ledger_subject_chunks WHERE scope_id = ? AND seq > ? ORDER BY seq')
        .raw(),
      putChunk: db.prepare('INSERT INTO ledger_subject_chunks (scope_id, hashes) VALUES (?, ?)'),
      scopes: db.prepare('SELECT exporter, year, kind, count FROM ledger_scopes ORDER BY exporter, year, kind'),
    };
  }

  async write<T>(fn: (tx: LedgerWriteTx) => Promise<T>): Promise<T> {
    // One writer at a time in this process (the transaction spans awaits), SQLite's lock across processes.
    const run = this.queue.then(() => this.runWrite(fn));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runWrite<T>(fn: (tx: LedgerWriteTx) => Promise<T>): Promise<T> {
    const touched = new Set<number>();
    const appended: StoredLeaf[] = [];
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn(this.tx(touched, appended));
      // The transaction's leaves go in as blocks of up to BLOCK_LEAVES.
      for (let i = 0; i < appended.length; i += BLOCK_LEAVES) {
        const part = appended.slice(i, i + BLOCK_LEAVES);
        this.s.putBlock.run((part[0] as StoredLeaf).index, part.length, encodeLeafBlock(part.map((l) => l.bytes)));
      }
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      // The in-memory sets may hold members of the rolled-back transaction: reload them when next used.
      for (const id of touched) this.sets.delete(id);
      throw err;
    }
  }

  private tx(touched: Set<number>, appended: StoredLeaf[]): LedgerWriteTx {
    const s = this.s;
    return {
      treeSize: () => s.size.get() as number,
      getNode: (level, index) => this.getNode(level, index),
      putNodes: (nodes) => {
        for (const n of nodes) s.putNode.run(n.level, n.index, n.hash);
      },
      appendLeaf: (leaf: StoredLeaf) => {
        const size = s.size.get() as number;
        if (leaf.index !== size) throw new Error(`appendLeaf at ${leaf.index}, tree size is ${size}`);
        s.putLeaf.run(leaf.index, leaf.batchId, leaf.exporter, leaf.time);
        appended.push(leaf);
        s.setSize.run(size + 1);
      },
      putHead: (h) => {
        s.putHead.run(h.treeSize, h.rootHash, h.timestamp, h.logId, h.alg, h.publicKey, h.signature);
      },
      insertIntent: (intent, subjects) => {
        const { state: _s, reason: _r, ...body } = intent;
        s.putIntent.run(
          intent.id,
          intent.state,
          intent.preparedAt,
          JSON.stringify(body),
          subjects.sensitive,
          subjects.personal,
        );
      },
      getIntent: (id) => {
        const r = s.getIntent.get(id) as Row | undefined;
        return r ? intentFromRow(r) : undefined;
      },
      getIntentSubjects: (id) => {
        const r = s.intentSubjects.get(id) as Row | undefined;
        return { sensitive: (r?.sensitive as Uint8Array) ?? EMPTY, personal: (r?.personal as Uint8Array) ?? EMPTY };
      },
      closeIntent: (id, state, reason) => {
        s.closeIntent.run(state, reason ?? null, id);
      },
      addSubjects: (exporter, year, kind, packed) => {
        if (packed.length === 0) return { distinct: 0, added: 0 };
        s.scopeInsert.run(exporter, year, kind);
        const scopeId = s.scopeId.get(exporter, year, kind) as number;
        touched.add(scopeId);
        const cached = this.catchUp(scopeId);
        const r = cached.set.addPacked(packed, 32);
        if (r.added > 0) {
          const info = s.putChunk.run(scopeId, cached.set.lastAdded());
          cached.loadedSeq = Number(info.lastInsertRowid);
          s.scopeBump.run(r.added, scopeId);
        }
        return r;
      },
    };
  }

  /** Brings the in-memory set of a scope up to date with chunks appended by anyone (call under the lock). */
  private catchUp(scopeId: number): CachedSet {
    let c = this.sets.get(scopeId);
    if (c) {
      this.replay(c, scopeId);
      return c;
    }
    const count = (this.s.scopeCount.get(scopeId) as number | undefined) ?? 0;
    c = this.readSnapshot(scopeId, count);
    if (c) {
      this.replay(c, scopeId);
      if (c.set.size !== count) c = undefined;
      else this.stats.snapshotLoads++;
    }
    if (!c) {
      this.stats.rebuilds++;
      // Pre-sized from the counter (plus room to grow) so loading does not rehash.
      c = { set: new SubjectHashSet(Math.ceil(count * 1.25)), loadedSeq: 0, loadedSize: 0 };
      this.replay(c, scopeId);
    }
    c.loadedSize = c.set.size;
    this.sets.set(scopeId, c);
    return c;
  }

  /** Adds the chunks after `c.loadedSeq`. */
  private replay(c: CachedSet, scopeId: number): void {
    for (const row of this.s.chunksAfter.iterate(scopeId, c.loadedSeq) as Iterable<[number, Uint8Array]>) {
      c.set.addPacked(row[1], MEMBER_BYTES, false);
      c.loadedSeq = row[0];
    }
  }

  private snapPath(scopeId: number): string {
    return `${this.snapDir}/${scopeId}.snap`;
  }

  private readSnapshot(scopeId: number, count: number): CachedSet | undefined {
    if (!this.snapDir || count === 0) return undefined;
    const path = this.snapPath(scopeId);
    if (!existsSync(path)) return undefined;
    try {
      const buf = readFileSync(path);
      if (buf.length < SNAP_HEADER) return undefined;
      const head = new DataView(buf.buffer, buf.byteOffset, SNAP_HEADER);
      const le = true;
      if (head.getUint32(0, le) !== SNAP_MAGIC || head.getUint32(4, le) !== SNAP_VERSION) return undefined;
      if (head.getFloat64(8, le) !== this.instance || head.getFloat64(16, le) !== scopeId) return undefined;
      const seq = head.getFloat64(24, le);
      const size = head.getFloat64(32, le);
      const capacity = head.getFloat64(40, le);
      const hasZero = head.getUint32(48, le) === 1;
      const sum = head.getUint32(52, le);
      if (buf.length !== SNAP_HEADER + capacity * MEMBER_BYTES || size > count) return undefined;
      const off = buf.byteOffset + SNAP_HEADER;
      const table =
        off % 4 === 0
          ? new Int32Array(buf.buffer, off, capacity * 4)
          : new Int32Array(buf.subarray(SNAP_HEADER).slice().buffer);
      if (checksum(table) !== sum) return undefined;
      const set = SubjectHashSet.fromSnapshot(table, size, hasZero);
      return set ? { set, loadedSeq: seq, loadedSize: size } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Writes the snapshot of a loaded set (temp file + rename; a torn file fails its checksum). */
  private writeSnapshot(scopeId: number, c: CachedSet): void {
    if (!this.snapDir) return;
    mkdirSync(this.snapDir, { recursive: true });
    const { table, size, hasZero } = c.set.snapshot();
    const head = new DataView(new ArrayBuffer(SNAP_HEADER));
    const le = true;
    head.setUint32(0, SNAP_MAGIC, le);
    head.setUint32(4, SNAP_VERSION, le);
    head.setFloat64(8, this.instance, le);
    head.setFloat64(16, scopeId, le);
    head.setFloat64(24, c.loadedSeq, le);
    head.setFloat64(32, size, le);
    head.setFloat64(40, table.length / 4, le);
    head.setUint32(48, hasZero ? 1 : 0, le);
    head.setUint32(52, checksum(table), le);
    const path = this.snapPath(scopeId);
    const tmp = `${path}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, new Uint8Array(head.buffer));
      const bytes = new Uint8Array(table.buffer, table.byteOffset, table.byteLength);
      for (let off = 0; off < bytes.length; off += 1 << 26) writeSync(fd, bytes.subarray(off, off + (1 << 26)));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  }

  /** Writes snapshots of the sets that grew enough since they were loaded (called by `close`). */
  saveSnapshots(): void {
    for (const [scopeId, c] of this.sets) {
      if (c.set.size - c.loadedSize < this.snapshotMinNew) continue;
      try {
        this.writeSnapshot(scopeId, c);
        c.loadedSize = c.set.size;
      } catch {
        // A snapshot is only a cache: without it the next start replays the chunks.
      }
    }
  }

  treeSize(): number {
    return this.s.size.get() as number;
  }

  getNode(level: number, index: number): Uint8Array | undefined {
    return (this.s.getNode.get(level, index) as Uint8Array | undefined) ?? undefined;
  }

  /** The leaf rows with their bytes taken from the blocks (a leaf missing from the blocks reads as empty). */
  readLeaves(from: number, limit: number): StoredLeaf[] {
    const rows = this.s.readLeavesRaw.all(from, limit) as Array<[number, string, string, number]>;
    if (rows.length === 0) return [];
    const first = (rows[0] as [number, string, string, number])[0];
    const last = (rows[rows.length - 1] as [number, string, string, number])[0];
    const bytes = this.leafBytes(first, last);
    const out = new Array<StoredLeaf>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] as [number, string, string, number];
      out[i] = { index: r[0], batchId: r[1], exporter: r[2], time: r[3], bytes: bytes.get(r[0]) ?? EMPTY };
    }
    return out;
  }

  /** Leaf bytes by index for `first..last`, from the blocks that hold them (a block holds `count` leaves). */
  private leafBytes(first: number, last: number): Map<number, Uint8Array> {
    const out = new Map<number, Uint8Array>();
    for (const [start, count, data] of this.s.blocksFor.all(first, last) as Array<[number, number, Uint8Array]>) {
      const leaves = decodeLeafBlock(data);
      for (let i = 0; i < Math.min(count, leaves.length); i++) {
        const idx = start + i;
        if (idx >= first && idx <= last && !out.has(idx)) out.set(idx, leaves[i] as Uint8Array);
      }
    }
    return out;
  }

  readLeafRun(from: number, limit: number): LeafRun {
    const blocks: LeafBlock[] = [];
    for (const r of this.s.runBlocks.all(from, from + limit) as Array<[number, number, Uint8Array]>) {
      blocks.push({ first: r[0], count: r[1], data: r[2] });
    }
    const lastBlock = blocks[blocks.length - 1];
    const end = lastBlock ? lastBlock.first + lastBlock.count : Number.MAX_SAFE_INTEGER;
    const r = this.s.runRows.get(from, end) as [number, number, number, number, string];
    return { blocks, rows: r[0], minIndex: r[1], maxIndex: r[2], wellFormed: r[3], copies: r[4] };
  }

  leafIndicesSince(since: number, limit: number): number[] {
    return this.s.since.all(since, limit) as number[];
  }

  leafByBatchId(batchId: string): StoredLeaf | undefined {
    const r = this.s.leafByBatch.get(batchId) as Row | undefined;
    if (!r) return undefined;
    const idx = r.idx as number;
    return leafFromRow(r, this.leafBytes(idx, idx).get(idx) ?? EMPTY);
  }

  heads(): SignedTreeHead[] {
    return (this.s.heads.all() as Row[]).map(headFromRow);
  }

  headAt(size: number): SignedTreeHead | undefined {
    const r = this.s.headAt.get(size) as Row | undefined;
    return r ? headFromRow(r) : undefined;
  }

  latestHead(): SignedTreeHead | undefined {
    const r = this.s.latestHead.get() as Row | undefined;
    return r ? headFromRow(r) : undefined;
  }

  intents(state?: IntentState): StoredIntent[] {
    const rows = (state ? this.s.intentsByState.all(state) : this.s.intents.all()) as Row[];
    return rows.map(intentFromRow);
  }

  counts(exporter?: string, year?: number): YearCounts[] {
    const by = new Map<string, YearCounts>();
    for (const r of this.s.scopes.all() as Row[]) {
      const e = r.exporter as string;
      const y = r.year as number;
      if (exporter !== undefined && e !== exporter) continue;
      if (year !== undefined && y !== year) continue;
      const key = `${e}\u0000${y}`;
      const c = by.get(key) ?? { exporter: e, year: y, personal: 0, sensitive: 0 };
      c[r.kind as SubjectKind] = r.count as number;
      by.set(key, c);
    }
    return [...by.values()];
  }

  recount(exporter: string, year: number, kind: SubjectKind): number {
    const scopeId = this.s.scopeId.get(exporter, year, kind) as number | undefined;
    if (scopeId === undefined) return 0;
    const count = (this.s.scopeCount.get(scopeId) as number | undefined) ?? 0;
    const c: CachedSet = { set: new SubjectHashSet(Math.ceil(count * 1.05)), loadedSeq: 0, loadedSize: 0 };
    this.replay(c, scopeId);
    return c.set.size;
  }

  close(): void {
    if (!this.db.open) return;
    this.saveSnapshots();
    this.db.close();
  }
}

function leafFromRow(r: Row, bytes: Uint8Array): StoredLeaf {
  return {
    index: r.idx as number,
    batchId: r.batch_id as string,
    exporter: r.exporter as string,
    time: r.time as number,
    bytes,
  };
}

/**
 * Schema 1 kept whole 32-byte hashes in `ledger_subject_chunks`; schema 2 keeps their first 16 bytes.
 * Schema 3 moves the leaf bytes from a column of `ledger_leaves` into `ledger_leaf_blocks`.
 * (Pre-release: no released ledger has schema 1 or 2, this only upgrades development databases.)
 */
function migrate(db: Database.Database): void {
  const version = db.prepare("SELECT value FROM ledger_meta WHERE key = 'schema'").pluck().get() as number;
  if (version === 3) return;
  if (version !== 1 && version !== 2)
    throw new Error(`ledger schema ${version} is newer than this DataPass understands`);
  if (version === 1) {
    const update = db.prepare('UPDATE ledger_subject_chunks SET hashes = ? WHERE seq = ?');
    const rows = db.prepare('SELECT seq, hashes FROM ledger_subject_chunks').raw().all() as Array<[number, Buffer]>;
    for (const [seq, hashes] of rows) {
      const out = Buffer.alloc((hashes.length / 32) * MEMBER_BYTES);
      for (let i = 0; i < hashes.length / 32; i++) hashes.copy(out, i * MEMBER_BYTES, i * 32, i * 32 + MEMBER_BYTES);
      update.run(out, seq);
    }
  }
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('ledger_leaves') as string[];
  if (columns.includes('leaf')) {
    const put = db.prepare('INSERT INTO ledger_leaf_blocks (first, count, data) VALUES (?, ?, ?)');
    let part: Array<[number, Uint8Array]> = [];
    const flush = (): void => {
      if (part.length > 0) put.run(part[0]?.[0], part.length, encodeLeafBlock(part.map((p) => p[1])));
      part = [];
    };
    const rows = db.prepare('SELECT idx, leaf FROM ledger_leaves ORDER BY idx').raw().all() as Array<
      [number, Uint8Array]
    >;
    for (const r of rows) {
      const prev = part[part.length - 1];
      if (prev && (prev[0] + 1 !== r[0] || part.length === BLOCK_LEAVES)) flush();
      part.push(r);
    }
    flush();
    db.exec('ALTER TABLE ledger_leaves DROP COLUMN leaf');
  }
  db.prepare("UPDATE ledger_meta SET value = 3 WHERE key = 'schema'").run();
}
