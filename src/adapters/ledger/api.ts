/**
 * @module adapters/ledger/api
 * The export ledger as the gateway and the CLI see it. `openLedger(dataDir)` returns a {@link Ledger}.
 *
 * Gateway ordering (crash-safe, see docs/ledger.md):
 * 1. write the output to a temp file and fsync it;
 * 2. `id = await ledger.prepare(intent)` (write-ahead intent, with the subject hashes);
 * 3. rename temp → final (fsync the directory);
 * 4. `await ledger.commit(id)`.
 * At startup call `await ledger.recover()`: a pending intent whose final file exists with the recorded
 * SHA-256 is committed (rolled forward), anything else is aborted.
 *
 * @example
 * const ledger = openLedger('data');
 * const hmac = ledger.subjectHasher();
 * const id = await ledger.prepare({ ...batch, subjects: { sensitive: [], personal: rows.map((r) => hmac(r.vin)) } });
 * renameSync(tmp, final);
 * const done = await ledger.commit(id);
 */
import type {
  BatchIntent,
  CommittedBatch,
  ConsistencyProof,
  InclusionProof,
  LedgerLeaf,
  SignedTreeHead,
  StoredIntent,
  VerifyReport,
  YearCounts,
} from '../../core/ledger/types.js';
import type { SubjectHasher } from './subject-hasher.js';

/** Options of `openLedger`. */
export interface OpenLedgerOptions {
  /** Clock for commits and heads (default: `() => new Date()`). */
  now?: () => Date;
  /** SQLite busy timeout in ms while another gateway holds the write lock (default 30 000). */
  busyTimeoutMs?: number;
  /** `FULL` (default: durable against power loss) or `NORMAL` (durable against process crashes only). */
  synchronous?: 'FULL' | 'NORMAL';
  /**
   * Open only a ledger that exists (read-only commands): without `<dataDir>/ledger.db` throw `ledger.not_found`
   * and create nothing (no data directory, no keys, no database). Default `false`: create on first use.
   */
  existing?: boolean;
}

/** A leaf with its position, for `show`. */
export interface ShownBatch {
  index: number;
  leafHash: string;
  leaf: LedgerLeaf;
}

/** Decides whether a pending intent's output reached its destination (used by `recover`). */
export type DeliveryCheck = (intent: StoredIntent) => boolean | Promise<boolean>;

/** What `recover` did. */
export interface RecoveryReport {
  committed: CommittedBatch[];
  aborted: Array<{ id: string; reason: string }>;
}

/** What a spot-check of stored evidence found. */
export interface EvidenceCheck {
  batchId: string;
  /** Decrypted bytes. */
  bytes: Buffer;
  /** SHA-256 of the decrypted bytes (hex). */
  sha256: string;
  /** SHA-256 recorded in the ledger leaf (hex). */
  recorded: string;
  matches: boolean;
}

/** The export ledger. All methods that touch storage are async so a PostgreSQL store can stand behind it. */
export interface Ledger {
  /** The data directory it was opened on. */
  readonly dataDir: string;
  /**
   * A fast keyed hash (HMAC-SHA256 with the domestic key `keys/subject-hmac.key`) of a subject key value
   * (ID number, VIN, patient code…); returns 32 bytes. The raw value never reaches the ledger.
   * `subjectHasher().hashMany(values)` hashes a whole batch into one packed array (32 bytes per value),
   * which `prepare` accepts as it is (`subjects: { personal: packed, sensitive: … }`).
   */
  subjectHasher(): SubjectHasher;
  /**
   * The subject hash's key, for code in this process that must compute the same hashes where the values are
   * (the gateway's worker threads hash subject keys straight from the record bytes). Never stored elsewhere,
   * never sent anywhere.
   */
  subjectHashKey(): Uint8Array;
  /** Writes the write-ahead intent (with its subject hashes) and returns its id, which becomes the batch id. */
  prepare(intent: BatchIntent): Promise<string>;
  /** Writes several intents in one transaction (one fsync); same ids as calling `prepare` for each. */
  prepareMany(intents: BatchIntent[]): Promise<string[]>;
  /**
   * In one transaction: counts which subjects are new this calendar year (Asia/Shanghai) for the exporter,
   * records them, appends the leaf, and signs a new tree head. `now` defaults to the ledger clock.
   */
  commit(intentId: string, now?: Date): Promise<CommittedBatch>;
  /**
   * Commits several prepared intents in one transaction with one signed tree head (group commit: one
   * fsync for all of them). Same result as committing them one by one, in order.
   */
  commitMany(intentIds: string[], now?: Date): Promise<CommittedBatch[]>;
  /** Marks a pending intent aborted (its output was not delivered). */
  abort(intentId: string, reason: string): Promise<void>;
  pendingIntents(): Promise<StoredIntent[]>;
  /**
   * Settles every pending intent: commit when `isDelivered` says yes (default: the final file exists and its
   * SHA-256 matches; `stdout` outputs cannot be checked and are aborted), abort otherwise. A rolled-forward
   * batch is timed at its `preparedAt`.
   */
  recover(isDelivered?: DeliveryCheck): Promise<RecoveryReport>;
  /** Exact distinct subjects of an exporter in a calendar year (Asia/Shanghai). */
  counts(exporter: string, year: number): Promise<{ personal: number; sensitive: number }>;
  /** All counters, optionally filtered. */
  allCounts(filter?: { exporter?: string; year?: number }): Promise<YearCounts[]>;
  /** Committed batches, oldest first; `since` filters by commit time. */
  show(opts?: { since?: Date; limit?: number }): Promise<ShownBatch[]>;
  /** The latest signed tree head (undefined while the log is empty). */
  head(): Promise<SignedTreeHead | undefined>;
  /**
   * Recomputes every leaf hash from the stored leaf bytes, the root at every signed head, every head
   * signature, and the subject counters against the leaves; names the first bad entry.
   */
  verify(): Promise<VerifyReport>;
  /** Inclusion proof of a batch against the latest signed head (checked before it is returned). */
  prove(batchId: string): Promise<InclusionProof>;
  /** Consistency proof between two tree sizes, `0 < oldSize <= newSize <= size`. */
  consistency(oldSize: number, newSize: number): Promise<ConsistencyProof>;
  /**
   * Keeps an AES-256-GCM encrypted copy of a batch's output under `<dataDir>/evidence/<batchId>.dpe`.
   * `keyFile` holds the exporter's 32-byte key (raw, hex or base64); the nonce is random.
   */
  storeEvidence(batchId: string, data: Uint8Array | { path: string }, keyFile: string): Promise<string>;
  /** Decrypts stored evidence and compares its SHA-256 with the digest in the ledger (a spot-check). */
  readEvidence(batchId: string, keyFile: string): Promise<EvidenceCheck>;
  close(): Promise<void>;
}
