/**
 * @module core/ledger/types
 * The export ledger's data model and its storage port. Pure types: no I/O, no clock, no crypto
 * implementation. Hashing and signing come in as functions (`Hash`, `HeadSigner`), storage through
 * {@link LedgerStore}, so a PostgreSQL store can replace the SQLite one and pass the same contract suite.
 */

/** A one-shot SHA-256 that returns a fresh 32-byte array: the adapter passes node:crypto. */
export type Hash = (bytes: Uint8Array) => Uint8Array;

/** Something that can be awaited or is already there (SQLite answers synchronously, PostgreSQL does not). */
export type Awaitable<T> = T | Promise<T>;

/** A list the batch was checked against (general data list or negative list), by id and version. */
export interface ListRef {
  id: string;
  version: string;
}

/** Where the gateway put the bytes. `file`: written to `tempPath`, fsynced, then renamed to `finalPath`. */
export type BatchOutput = { kind: 'file'; tempPath: string; finalPath: string } | { kind: 'stdout' };

/**
 * Subject hashes of one batch: 32-byte keyed hashes from `ledger.subjectHasher()`, never raw values.
 * `sensitive` holds subjects whose sensitive personal information is in the batch, `personal` those whose
 * non-sensitive personal information is (a subject may be in both). Duplicates are allowed; the ledger dedupes.
 * Each side is either an array of 32-byte hashes or one packed array of 32 bytes per hash (what
 * `subjectHasher().hashMany(values)` returns), which saves an allocation per subject.
 */
export interface BatchSubjects {
  sensitive: Uint8Array[] | Uint8Array;
  personal: Uint8Array[] | Uint8Array;
}

/** What the gateway knows before it makes the output visible: the write-ahead intent. */
export interface BatchIntent {
  /** The exporting enterprise (data processor), e.g. its unified social credit code or a stable name. */
  exporter: string;
  manifest: { id: string; version: string };
  /** Lists in force for this batch (at least one). */
  lists: ListRef[];
  recipient: string;
  /** Destination country, ISO 3166-1 alpha-2 (e.g. `DE`). */
  country: string;
  /** Id of the gateway instance that sends the batch. */
  gateway: string;
  /** Field ids that leave the country (the ledger stores them sorted). */
  fields: string[];
  records: number;
  /** Lowercase hex SHA-256 of the exact bytes sent. */
  sha256: string;
  bytes: number;
  output: BatchOutput;
  /**
   * Subject hashes, persisted with the intent (as packed blobs) so that recovery can roll a delivered
   * batch forward and still count its subjects.
   */
  subjects: BatchSubjects;
}

export type IntentState = 'pending' | 'committed' | 'aborted';

/** A stored intent, as `pendingIntents()` and `recover()` hand it back (subject hashes not included). */
export interface StoredIntent extends Omit<BatchIntent, 'subjects'> {
  /** The intent id, which is also the batch id once committed. */
  id: string;
  /** Epoch milliseconds when `prepare` ran. */
  preparedAt: number;
  state: IntentState;
  /** Why it was aborted. */
  reason?: string;
  /** Number of subject hashes stored with the intent. */
  subjectCount: { sensitive: number; personal: number };
}

/** Distinct-subject counts of one batch: new this calendar year for this exporter, or already counted. */
export interface SubjectTally {
  sensitiveNew: number;
  sensitiveSeen: number;
  personalNew: number;
  personalSeen: number;
}

/**
 * One leaf = one export batch. Encoded canonically by `encodeLeaf` (fixed key order JSON, UTF-8); the leaf
 * hash is SHA-256(0x00 || bytes) per RFC 9162.
 */
export interface LedgerLeaf {
  /** Encoding version. */
  v: 1;
  batchId: string;
  exporter: string;
  manifest: { id: string; version: string };
  lists: ListRef[];
  recipient: string;
  country: string;
  /** ISO 8601 UTC time of the commit, millisecond precision. */
  time: string;
  /** Calendar year in Asia/Shanghai that the subjects were counted in. */
  year: number;
  records: number;
  /** Sorted field ids. */
  fields: string[];
  subjects: SubjectTally;
  sha256: string;
  bytes: number;
  gateway: string;
}

/** An unsigned tree head. `rootHash` is lowercase hex; `timestamp` epoch milliseconds. */
export interface TreeHead {
  treeSize: number;
  rootHash: string;
  timestamp: number;
  /** Lowercase hex SHA-256 of the raw 32-byte Ed25519 public key that signs this log. */
  logId: string;
}

/** A tree head signed with Ed25519 over `treeHeadSigningBytes(head)`. */
export interface SignedTreeHead extends TreeHead {
  alg: 'Ed25519';
  /** Base64 of the raw 32-byte public key (pin it out of band; `logId` must equal its SHA-256). */
  publicKey: string;
  /** Base64 of the 64-byte signature. */
  signature: string;
}

/** Signs tree-head bytes; the adapter passes an Ed25519 key. */
export interface HeadSigner {
  /** Raw 32-byte public key. */
  publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

/** Checks an Ed25519 signature: `(message, signature, rawPublicKey) → valid`. */
export type SignatureCheck = (message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array) => boolean;

/** Everything a third party needs to check that a batch is in the log, without the database. */
export interface InclusionProof {
  batchId: string;
  leafIndex: number;
  treeSize: number;
  /** Hex leaf hash. */
  leafHash: string;
  /** Hex audit path, leaf to root (RFC 9162 §2.1.3). */
  path: string[];
  /** The leaf itself (so a checker can recompute `leafHash` and read what was recorded). */
  leaf: LedgerLeaf;
  /** The signed head of size `treeSize` the path leads to. */
  head: SignedTreeHead;
}

/** Proof that the tree of `oldSize` is a prefix of the tree of `newSize` (RFC 9162 §2.1.4). */
export interface ConsistencyProof {
  oldSize: number;
  newSize: number;
  path: string[];
  /** Signed head at `oldSize`, when the ledger issued one at that size. */
  oldHead?: SignedTreeHead;
  newHead: SignedTreeHead;
}

/** A committed batch, as `commit` returns it. */
export interface CommittedBatch {
  batchId: string;
  leafIndex: number;
  treeSize: number;
  rootHash: string;
  leafHash: string;
  year: number;
  subjects: SubjectTally;
}

/** Result of `verify`: the first bad entry is named when something does not add up. */
export interface VerifyReport {
  ok: boolean;
  /** Number of leaves read. */
  size: number;
  /** Number of signed tree heads checked. */
  heads: number;
  firstBad?: { index: number; batchId?: string; reason: string };
}

/** Exact distinct subjects counted for an exporter in a calendar year. */
export interface YearCounts {
  exporter: string;
  year: number;
  personal: number;
  sensitive: number;
}

/** Which subject set a hash belongs to. */
export type SubjectKind = 'sensitive' | 'personal';

/** A leaf row as stored. */
export interface StoredLeaf {
  index: number;
  batchId: string;
  /** Copies of leaf fields kept for queries; `verify` checks them against the leaf. */
  exporter: string;
  /** Epoch ms of the leaf's `time`. */
  time: number;
  /** Canonical leaf bytes (`encodeLeaf`). */
  bytes: Uint8Array;
}

/**
 * Leaves `first..first+count-1` stored together (one block per group commit, at most a few hundred leaves):
 * `data` holds, per leaf, a 4-byte big-endian length `n` and then `n` bytes `0x00 ‖ leaf`, i.e. exactly the
 * RFC 9162 leaf-hash input. `verify` hashes and scans leaves in place, without a row or a buffer per leaf.
 */
export interface LeafBlock {
  first: number;
  count: number;
  data: Uint8Array;
}

/**
 * What `readLeafRun` returns: the blocks starting in `[from, from + limit)` in order, and a summary of the
 * leaf rows (the query copies) with indices in `[from, end)`, where `end` is one past the last leaf of the
 * blocks (or unbounded when there are none). `verify` checks that the blocks are contiguous from `from`,
 * that the rows are exactly those indices, and that `copies` equals what the leaves say.
 */
export interface LeafRun {
  blocks: LeafBlock[];
  /** Number of rows with an index in the range, their smallest and largest index (-1 when none). */
  rows: number;
  minIndex: number;
  maxIndex: number;
  /** Rows whose `batchId` and `exporter` are stored as text (not as blobs with the same bytes). */
  wellFormed: number;
  /**
   * Per row, in any order: decimal index TAB `batchId` TAB `exporter` TAB decimal `time` LF. `verify` expects
   * the rows in index order and equal to the leaves (a leaf's strings never hold a tab or a newline, so the
   * string matching means every row matches); anything else sends it to the exact row-by-row pass.
   */
  copies: string;
}

/**
 * The write side of the storage port, valid only inside `LedgerStore.write`. Every method may answer
 * synchronously (SQLite) or asynchronously (PostgreSQL); callers always `await`.
 */
export interface LedgerWriteTx {
  /** Current number of leaves. */
  treeSize(): Awaitable<number>;
  /** Hash of the perfect subtree covering leaves `[index·2^level, (index+1)·2^level)`. */
  getNode(level: number, index: number): Awaitable<Uint8Array | undefined>;
  putNodes(nodes: Array<{ level: number; index: number; hash: Uint8Array }>): Awaitable<void>;
  /** Appends the leaf at `leaf.index`, which must equal `treeSize()`, and bumps the size. */
  appendLeaf(leaf: StoredLeaf): Awaitable<void>;
  putHead(head: SignedTreeHead): Awaitable<void>;
  insertIntent(intent: StoredIntent, subjects: { sensitive: Uint8Array; personal: Uint8Array }): Awaitable<void>;
  getIntent(id: string): Awaitable<StoredIntent | undefined>;
  /** Packed 32-byte subject hashes stored with the intent. */
  getIntentSubjects(id: string): Awaitable<{ sensitive: Uint8Array; personal: Uint8Array }>;
  /** Marks the intent committed or aborted and drops its stored subject hashes. */
  closeIntent(id: string, state: 'committed' | 'aborted', reason?: string): Awaitable<void>;
  /**
   * Adds packed 32-byte hashes (duplicates allowed) to the exact set of `(exporter, year, kind)`, keeps the
   * set's counter in step, and returns how many distinct hashes the input held and how many of those were new.
   */
  addSubjects(
    exporter: string,
    year: number,
    kind: SubjectKind,
    packed: Uint8Array,
  ): Awaitable<{ distinct: number; added: number }>;
}

/**
 * The storage port. `write` runs its function in one transaction that is serialised against every other
 * writer, in this process and in others (SQLite: `BEGIN IMMEDIATE` + busy timeout; PostgreSQL: an
 * advisory transaction lock). Everything else is a read.
 */
export interface LedgerStore {
  write<T>(fn: (tx: LedgerWriteTx) => Promise<T>): Promise<T>;
  treeSize(): Awaitable<number>;
  getNode(level: number, index: number): Awaitable<Uint8Array | undefined>;
  /** Leaves with `index >= from`, in index order, at most `limit`. */
  readLeaves(from: number, limit: number): Awaitable<StoredLeaf[]>;
  /**
   * Optional fast path for `verify`: whole leaf blocks plus one string of row copies per call, instead of a
   * row and a buffer per leaf (see {@link LeafRun}). `limit` bounds the index range of the blocks' first
   * leaves. A store without it is verified through `readLeaves` (PostgreSQL: `string_agg` gives `copies`).
   */
  readLeafRun?(from: number, limit: number): Awaitable<LeafRun>;
  /** Leaf indices of committed leaves with `time >= since`, for `show`. */
  leafIndicesSince(since: number, limit: number): Awaitable<number[]>;
  leafByBatchId(batchId: string): Awaitable<StoredLeaf | undefined>;
  /** Every signed tree head, by increasing size. */
  heads(): Awaitable<SignedTreeHead[]>;
  headAt(size: number): Awaitable<SignedTreeHead | undefined>;
  latestHead(): Awaitable<SignedTreeHead | undefined>;
  intents(state?: IntentState): Awaitable<StoredIntent[]>;
  /** The stored per-set counters (kept in step by `addSubjects`). */
  counts(exporter?: string, year?: number): Awaitable<YearCounts[]>;
  /** Recounts the distinct members of the exact set from storage (not from the counter), for `verify`. */
  recount(exporter: string, year: number, kind: SubjectKind): Awaitable<number>;
  close(): Awaitable<void>;
}
