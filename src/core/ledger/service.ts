/**
 * @module core/ledger/service
 * The export ledger's logic over the storage port: write-ahead intents, commits that count subjects and
 * append a leaf under one signed tree head, verification, and proofs. Pure: storage, hashing, signing, ids
 * and the clock come in as {@link LedgerDeps}.
 */
import { DataPassError, problem } from '../problems.js';
import {
  decodeLeaf,
  decodeRange,
  encodeLeaf,
  fromHex,
  isSha256Hex,
  newLeafScan,
  rangeEquals,
  scanLeaf,
  scanLeafAt,
  shanghaiYear,
  toHex,
  treeHeadSigningBytes,
} from './leaf.js';
import {
  consistencyPath,
  inclusionPath,
  leafHash,
  MerkleAccumulator,
  type NodeSource,
  peakLevels,
  verifyInclusion,
} from './merkle.js';
import { createWordNodeHasher, digestToWords, wordsToDigest } from './sha256.js';
import type {
  Awaitable,
  BatchIntent,
  CommittedBatch,
  ConsistencyProof,
  Hash,
  HeadSigner,
  InclusionProof,
  LeafRun,
  LedgerLeaf,
  LedgerStore,
  LedgerWriteTx,
  SignatureCheck,
  SignedTreeHead,
  StoredIntent,
  SubjectKind,
  VerifyReport,
} from './types.js';

/** What the ledger logic needs from the outside world. */
export interface LedgerDeps {
  store: LedgerStore;
  hash: Hash;
  signer: HeadSigner;
  checkSignature: SignatureCheck;
  /** A fresh unique id for an intent (it becomes the batch id). */
  newId: () => string;
  /** Epoch milliseconds. */
  now: () => number;
  /** Base64 encoder (the adapter passes Buffer-based code). */
  base64: (bytes: Uint8Array) => string;
  fromBase64: (text: string) => Uint8Array;
}

const SUBJECT_HASH_BYTES = 32;

function invalid(detail: string): never {
  throw new DataPassError(problem('ledger.intent_invalid', { detail }));
}

/** Packs a side of `BatchSubjects` into one fresh array of 32 bytes per hash. */
function pack(hashes: readonly Uint8Array[] | Uint8Array, kind: string): Uint8Array {
  if (hashes instanceof Uint8Array) {
    if (hashes.length % SUBJECT_HASH_BYTES !== 0) {
      invalid(`subjects.${kind} is ${hashes.length} bytes, not a multiple of 32`);
    }
    return hashes.slice();
  }
  const out = new Uint8Array(hashes.length * SUBJECT_HASH_BYTES);
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i] as Uint8Array;
    if (h.length !== SUBJECT_HASH_BYTES) invalid(`subjects.${kind}[${i}] is ${h.length} bytes, expected 32`);
    out.set(h, i * SUBJECT_HASH_BYTES);
  }
  return out;
}

/** Checks an intent's shape; throws `ledger.intent_invalid` naming the first bad part. */
export function checkIntent(i: BatchIntent): void {
  const nonEmpty = (v: unknown, name: string): void => {
    if (typeof v !== 'string' || v.length === 0) invalid(`${name} must be a non-empty string`);
  };
  nonEmpty(i.exporter, 'exporter');
  nonEmpty(i.manifest?.id, 'manifest.id');
  nonEmpty(i.manifest?.version, 'manifest.version');
  if (!Array.isArray(i.lists) || i.lists.length === 0) invalid('lists must name at least one list');
  i.lists.forEach((l, n) => {
    nonEmpty(l?.id, `lists[${n}].id`);
    nonEmpty(l?.version, `lists[${n}].version`);
  });
  nonEmpty(i.recipient, 'recipient');
  if (typeof i.country !== 'string' || !/^[A-Z]{2}$/.test(i.country)) invalid('country must be ISO 3166-1 alpha-2');
  nonEmpty(i.gateway, 'gateway');
  if (!Array.isArray(i.fields) || !i.fields.every((f) => typeof f === 'string')) invalid('fields must be strings');
  if (!Number.isSafeInteger(i.records) || i.records < 0) invalid('records must be a non-negative integer');
  if (!Number.isSafeInteger(i.bytes) || i.bytes < 0) invalid('bytes must be a non-negative integer');
  if (typeof i.sha256 !== 'string' || !isSha256Hex(i.sha256)) invalid('sha256 must be 64 lowercase hex digits');
  const o = i.output;
  if (!(o?.kind === 'stdout' || (o?.kind === 'file' && o.tempPath && o.finalPath))) {
    invalid('output must be stdout or a file with tempPath and finalPath');
  }
  const side = (x: unknown): boolean => Array.isArray(x) || x instanceof Uint8Array;
  if (!i.subjects || !side(i.subjects.sensitive) || !side(i.subjects.personal)) {
    invalid('subjects must hold sensitive and personal hash arrays');
  }
}

/** Reads perfect-subtree hashes through a port; a missing node means the store is damaged. */
function nodeSource(get: (level: number, index: number) => unknown): NodeSource {
  return async (level, index) => {
    const h = (await get(level, index)) as Uint8Array | undefined;
    if (!h) {
      throw new DataPassError(
        problem('ledger.tampered', {
          index: index * 2 ** level,
          batchId: '',
          reason: `tree node ${level}/${index} missing`,
        }),
      );
    }
    return h;
  };
}

/** The ledger's operations, bound to their dependencies. */
export function createLedgerService(deps: LedgerDeps) {
  const { store, hash, signer } = deps;
  const publicKeyB64 = deps.base64(signer.publicKey);
  const logId = toHex(hash(signer.publicKey));

  function signHead(treeSize: number, root: Uint8Array, timestamp: number): SignedTreeHead {
    const head = { treeSize, rootHash: toHex(root), timestamp, logId };
    const signature = signer.sign(treeHeadSigningBytes(head));
    return { ...head, alg: 'Ed25519', publicKey: publicKeyB64, signature: deps.base64(signature) };
  }

  async function prepare(intent: BatchIntent): Promise<string> {
    const [id] = await prepareMany([intent]);
    return id as string;
  }

  /** Writes several intents in one transaction (one fsync). */
  async function prepareMany(intents: readonly BatchIntent[]): Promise<string[]> {
    const rows = intents.map(toStored);
    await store.write(async (tx) => {
      for (const r of rows) await tx.insertIntent(r.stored, r.packed);
    });
    for (const r of rows) remember(r.stored.id, r.packed);
    return rows.map((r) => r.stored.id);
  }

  /**
   * Subject hashes of intents prepared by this process, so that `commit` need not read back the blobs it
   * just wrote (a stored intent's hashes never change while it is pending). Recovery and other processes
   * read them from the store. Bounded: the oldest entries are dropped first.
   */
  const prepared = new Map<string, { sensitive: Uint8Array; personal: Uint8Array }>();
  let preparedBytes = 0;
  const PREPARED_MAX_BYTES = 256 * 1024 * 1024;
  const PREPARED_MAX_ENTRIES = 100_000;
  function remember(id: string, packed: { sensitive: Uint8Array; personal: Uint8Array }): void {
    prepared.set(id, packed);
    preparedBytes += packed.sensitive.length + packed.personal.length;
    for (const [old, p] of prepared) {
      if (preparedBytes <= PREPARED_MAX_BYTES && prepared.size <= PREPARED_MAX_ENTRIES) break;
      prepared.delete(old);
      preparedBytes -= p.sensitive.length + p.personal.length;
    }
  }
  function forget(id: string): void {
    const p = prepared.get(id);
    if (!p) return;
    prepared.delete(id);
    preparedBytes -= p.sensitive.length + p.personal.length;
  }

  function toStored(intent: BatchIntent): {
    stored: StoredIntent;
    packed: { sensitive: Uint8Array; personal: Uint8Array };
  } {
    checkIntent(intent);
    const sensitive = pack(intent.subjects.sensitive, 'sensitive');
    const personal = pack(intent.subjects.personal, 'personal');
    const id = deps.newId();
    const { subjects: _omit, ...rest } = intent;
    const stored: StoredIntent = {
      ...rest,
      fields: [...intent.fields],
      id,
      preparedAt: deps.now(),
      state: 'pending',
      subjectCount: {
        sensitive: sensitive.length / SUBJECT_HASH_BYTES,
        personal: personal.length / SUBJECT_HASH_BYTES,
      },
    };
    return { stored, packed: { sensitive, personal } };
  }

  async function pendingOrThrow(tx: LedgerWriteTx, id: string): Promise<StoredIntent> {
    const intent = await tx.getIntent(id);
    if (!intent) throw new DataPassError(problem('ledger.intent_not_found', { id }));
    if (intent.state !== 'pending')
      throw new DataPassError(problem('ledger.intent_not_pending', { id, state: intent.state }));
    return intent;
  }

  /** Commits intents in order inside one transaction; `timeOf` gives each batch's time (epoch ms). */
  async function commitMany(ids: readonly string[], timeOf: (i: StoredIntent) => number): Promise<CommittedBatch[]> {
    if (ids.length === 0) return [];
    const committed = await store.write(async (tx) => {
      const size0 = await tx.treeSize();
      const peaks = new Map<number, Uint8Array>();
      let start = 0;
      for (const level of peakLevels(size0)) {
        const width = 2 ** level;
        const h = await nodeSource((l, i) => tx.getNode(l, i))(level, start / width);
        peaks.set(level, h);
        start += width;
      }
      const nodes: Array<{ level: number; index: number; hash: Uint8Array }> = [];
      const accWithNodes = MerkleAccumulator.fromPeaks(hash, size0, peaks, (level, index, h) =>
        nodes.push({ level, index, hash: h }),
      );
      const out: Omit<CommittedBatch, 'treeSize' | 'rootHash'>[] = [];
      for (const id of ids) {
        const intent = await pendingOrThrow(tx, id);
        const time = timeOf(intent);
        const year = shanghaiYear(time);
        const packed = prepared.get(id) ?? (await tx.getIntentSubjects(id));
        const s = await tx.addSubjects(intent.exporter, year, 'sensitive', packed.sensitive);
        const p = await tx.addSubjects(intent.exporter, year, 'personal', packed.personal);
        const subjects = {
          sensitiveNew: s.added,
          sensitiveSeen: s.distinct - s.added,
          personalNew: p.added,
          personalSeen: p.distinct - p.added,
        };
        const leaf: LedgerLeaf = {
          v: 1,
          batchId: id,
          exporter: intent.exporter,
          manifest: intent.manifest,
          lists: intent.lists,
          recipient: intent.recipient,
          country: intent.country,
          time: new Date(time).toISOString(),
          year,
          records: intent.records,
          fields: [...intent.fields].sort(),
          subjects,
          sha256: intent.sha256,
          bytes: intent.bytes,
          gateway: intent.gateway,
        };
        const bytes = encodeLeaf(leaf);
        const lh = leafHash(hash, bytes);
        const index = accWithNodes.size;
        await tx.appendLeaf({ index, batchId: id, exporter: intent.exporter, time, bytes });
        nodes.push({ level: 0, index, hash: lh });
        accWithNodes.push(lh);
        await tx.closeIntent(id, 'committed');
        out.push({ batchId: id, leafIndex: index, leafHash: toHex(lh), year, subjects });
      }
      const root = accWithNodes.root();
      await tx.putNodes(nodes);
      const head = signHead(accWithNodes.size, root, deps.now());
      await tx.putHead(head);
      return out.map((c) => ({ ...c, treeSize: head.treeSize, rootHash: head.rootHash }));
    });
    for (const id of ids) forget(id);
    return committed;
  }

  async function abort(id: string, reason: string): Promise<void> {
    await store.write(async (tx) => {
      await pendingOrThrow(tx, id);
      await tx.closeIntent(id, 'aborted', reason);
    });
    forget(id);
  }

  async function head(): Promise<SignedTreeHead | undefined> {
    return (await store.latestHead()) ?? undefined;
  }

  async function prove(batchId: string): Promise<InclusionProof> {
    const stored = await store.leafByBatchId(batchId);
    if (!stored) throw new DataPassError(problem('ledger.batch_not_found', { id: batchId }));
    const latest = await store.latestHead();
    if (!latest) throw new DataPassError(problem('ledger.empty'));
    const decoded = decodeLeaf(stored.bytes);
    if (!decoded.ok) throw tampered(stored.index, batchId, decoded.reason);
    const lh = leafHash(hash, stored.bytes);
    const path = await inclusionPath(
      hash,
      nodeSource((l, i) => store.getNode(l, i)),
      stored.index,
      latest.treeSize,
    );
    // INVARIANT: never hand out a proof that does not check against the signed head.
    if (!verifyInclusion(hash, stored.index, latest.treeSize, lh, path, fromHex(latest.rootHash))) {
      throw tampered(stored.index, batchId, 'inclusion proof does not reach the signed root');
    }
    return {
      batchId,
      leafIndex: stored.index,
      treeSize: latest.treeSize,
      leafHash: toHex(lh),
      path: path.map(toHex),
      leaf: decoded.leaf,
      head: latest,
    };
  }

  async function consistency(oldSize: number, newSize: number): Promise<ConsistencyProof> {
    const size = await store.treeSize();
    const bad = (detail: string): never => {
      throw new DataPassError(problem('ledger.invalid_size', { old: oldSize, new: newSize, detail }));
    };
    if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize)) bad('sizes must be integers');
    if (oldSize < 1) bad('the old size must be at least 1');
    if (oldSize > newSize) bad('the old size must not exceed the new size');
    if (newSize > size) bad(`the ledger holds only ${size} leaves`);
    const newHead = await store.headAt(newSize);
    if (!newHead) throw new DataPassError(problem('ledger.no_head_at_size', { size: newSize }));
    const oldHead = await store.headAt(oldSize);
    const path = await consistencyPath(
      hash,
      nodeSource((l, i) => store.getNode(l, i)),
      oldSize,
      newSize,
    );
    const proof: ConsistencyProof = { oldSize, newSize, path: path.map(toHex), newHead };
    if (oldHead) proof.oldHead = oldHead;
    return proof;
  }

  function tampered(index: number, batchId: string, reason: string): DataPassError {
    return new DataPassError(problem('ledger.tampered', { index, batchId, reason }));
  }

  function headProblem(h: SignedTreeHead): string | undefined {
    if (h.alg !== 'Ed25519') return 'unsupported signature algorithm';
    if (h.publicKey !== publicKeyB64) return 'signed by a key other than this ledger key';
    if (h.logId !== logId) return 'log id does not match the ledger key';
    let ok = false;
    try {
      ok = deps.checkSignature(treeHeadSigningBytes(h), deps.fromBase64(h.signature), signer.publicKey);
    } catch {
      ok = false;
    }
    return ok ? undefined : 'signature does not match';
  }

  /** A streaming Merkle tree over leaf hashes held as 32-bit words: a stack of peaks, nothing allocated per leaf. */
  function streamingTree() {
    const node = createWordNodeHasher();
    // x: peaks by level at level·8, then CUR (the subtree being carried up) and ROOT.
    const CUR = 64 * 8;
    const ROOT = CUR + 8;
    const x = new Int32Array(ROOT + 8);
    const t = {
      size: 0,
      push(leafWords: Int32Array, at: number): void {
        for (let i = 0; i < 8; i++) x[CUR + i] = leafWords[at + i] as number;
        let level = 0;
        let idx = t.size;
        while (idx % 2 === 1) {
          node(x, level * 8, CUR, CUR);
          level++;
          idx = (idx - 1) / 2;
        }
        for (let i = 0; i < 8; i++) x[level * 8 + i] = x[CUR + i] as number;
        t.size++;
      },
      rootHex(): string {
        if (t.size === 0) return toHex(hash(new Uint8Array(0)));
        let have = false;
        for (let level = 0, rest = t.size; rest > 0; level++, rest = Math.floor(rest / 2)) {
          if (rest % 2 === 0) continue;
          if (!have) for (let i = 0; i < 8; i++) x[ROOT + i] = x[level * 8 + i] as number;
          else node(x, level * 8, ROOT, ROOT);
          have = true;
        }
        const out = new Uint8Array(32);
        wordsToDigest(x, ROOT, out, 0);
        return toHex(out);
      },
    };
    return t;
  }

  type Sum = { exporter: string; year: number; sensitive: number; personal: number; last: number };

  /** Adds a leaf's `new` counts to the per exporter-year sums (`prev` is the sum the last leaf went to). */
  function addToSums(
    sums: Map<string, Sum>,
    prev: Sum | undefined,
    exporter: string,
    year: number,
    sensitiveNew: number,
    personalNew: number,
    index: number,
  ): Sum {
    let sum = prev;
    if (sum === undefined || sum.exporter !== exporter || sum.year !== year) {
      const key = `${exporter}\u0000${year}`;
      sum = sums.get(key);
      if (!sum) {
        sum = { exporter, year, sensitive: 0, personal: 0, last: index };
        sums.set(key, sum);
      }
    }
    sum.sensitive += sensitiveNew;
    sum.personal += personalNew;
    sum.last = index;
    return sum;
  }

  /** Subject counters must equal the sum of `new` counts in the leaves, and the exact sets must agree. */
  async function counterProblem(
    sums: Map<string, Sum>,
    size: number,
  ): Promise<{ index: number; reason: string } | undefined> {
    const stored = await store.counts();
    const seen = new Set<string>();
    for (const c of stored) {
      const key = `${c.exporter}\u0000${c.year}`;
      seen.add(key);
      const s = sums.get(key);
      const last = s?.last ?? size - 1;
      for (const kind of ['sensitive', 'personal'] as SubjectKind[]) {
        const want = s ? s[kind] : 0;
        if (c[kind] !== want) {
          return {
            index: last,
            reason: `${kind} counter of \`${c.exporter}\` in ${c.year} is ${c[kind]}, the leaves add up to ${want}`,
          };
        }
        const recount = await store.recount(c.exporter, c.year, kind);
        if (recount !== want) {
          return {
            index: last,
            reason: `${kind} subject set of \`${c.exporter}\` in ${c.year} holds ${recount}, the leaves add up to ${want}`,
          };
        }
      }
    }
    for (const [key, s] of sums) {
      if (!seen.has(key) && (s.sensitive > 0 || s.personal > 0)) {
        return { index: s.last, reason: `no subject counter for \`${s.exporter}\` in ${s.year}` };
      }
    }
    return undefined;
  }

  /**
   * Checks the whole ledger: every leaf hash from the stored bytes, the root at every signed head, every
   * head's signature, the row copies and the subject counters. With a store that has `readLeafRun` it first
   * takes the fast path over leaf blocks; that path only says "all good" or "not sure", and on "not sure"
   * (any tampering, or a leaf it cannot scan) the exact row-by-row pass runs and names the first bad entry.
   */
  async function verify(): Promise<VerifyReport> {
    const readRun = store.readLeafRun?.bind(store);
    if (readRun) {
      const fast = await verifyRuns(readRun);
      if (fast) return fast;
    }
    return verifyRows();
  }

  /**
   * The fast path: leaves are hashed (one native SHA-256 of the stored `0x00 ‖ leaf`) and scanned in place
   * inside their block, and the row copies are compared with one string per run (`LeafRun.copies`), so
   * nothing is read or allocated per leaf except the hash call's view and digest. Returns undefined as soon
   * as anything does not add up.
   */
  async function verifyRuns(
    readRun: (from: number, limit: number) => Awaitable<LeafRun>,
  ): Promise<VerifyReport | undefined> {
    const heads = await store.heads();
    const tree = streamingTree();
    const sums = new Map<string, Sum>();
    let sum: Sum | undefined;
    let hi = 0;
    const scan = newLeafScan();
    const words = new Int32Array(8);
    let exporterBytes = new Uint8Array(0);
    let exporter = '';
    let timeBytes = new Uint8Array(0);
    let timeMs = Number.NaN;
    const sameBytes = (b: Uint8Array, s: number, e: number, c: Uint8Array): boolean => {
      if (e - s !== c.length) return false;
      for (let i = 0; i < c.length; i++) if (b[s + i] !== c[i]) return false;
      return true;
    };
    // Compares the UTF-8 bytes b[s..e) with `copies` at `cp`; the position after them, or -1.
    const matchCopy = (copies: string, cp: number, b: Uint8Array, s: number, e: number): number => {
      let q = cp;
      for (let i = s; i < e; i++) {
        const c = b[i] as number;
        if (c >= 0x80) {
          let text: string;
          try {
            text = decodeRange(b, s, e);
          } catch {
            return -1;
          }
          return copies.startsWith(text, cp) ? cp + text.length : -1;
        }
        if (copies.charCodeAt(q++) !== c) return -1;
      }
      return q;
    };
    const RUN = 50_000;
    let size = 0;
    while (true) {
      const run = await readRun(size, RUN);
      if (run.blocks.length === 0) {
        if (run.rows !== 0) return undefined;
        break;
      }
      let end = size;
      for (const bl of run.blocks) {
        if (bl.first !== end || bl.count < 1) return undefined;
        end += bl.count;
      }
      const n = end - size;
      if (run.rows !== n || run.wellFormed !== n || run.minIndex !== size || run.maxIndex !== end - 1) return undefined;
      const copies = run.copies;
      let cp = 0;
      for (const bl of run.blocks) {
        // A plain view: its subarrays are cheaper than a Buffer's.
        const d = new Uint8Array(bl.data.buffer, bl.data.byteOffset, bl.data.byteLength);
        let p = 0;
        for (let k = 0; k < bl.count; k++) {
          const index = size;
          if (p + 5 > d.length) return undefined;
          const len =
            (((d[p] as number) << 24) |
              ((d[p + 1] as number) << 16) |
              ((d[p + 2] as number) << 8) |
              (d[p + 3] as number)) >>>
            0;
          const start = p + 4;
          const stop = start + len;
          if (len < 1 || stop > d.length || d[start] !== 0) return undefined;
          if (!scanLeafAt(d, start + 1, stop, scan, false)) return undefined;
          // Row copies: index TAB batchId TAB exporter TAB time LF.
          let at = 0;
          let digits = 0;
          for (let c = copies.charCodeAt(cp); c >= 0x30 && c <= 0x39; c = copies.charCodeAt(++cp)) {
            at = at * 10 + (c - 0x30);
            digits++;
          }
          if (digits === 0 || digits > 15 || at !== index || copies.charCodeAt(cp++) !== 9) return undefined;
          cp = matchCopy(copies, cp, d, scan.batchId[0], scan.batchId[1]);
          if (cp < 0 || copies.charCodeAt(cp++) !== 9) return undefined;
          if (!sameBytes(d, scan.exporter[0], scan.exporter[1], exporterBytes)) {
            exporterBytes = d.slice(scan.exporter[0], scan.exporter[1]);
            try {
              exporter = decodeRange(d, scan.exporter[0], scan.exporter[1]);
            } catch {
              return undefined;
            }
          }
          if (!copies.startsWith(exporter, cp)) return undefined;
          cp += exporter.length;
          if (copies.charCodeAt(cp++) !== 9) return undefined;
          if (!sameBytes(d, scan.time[0], scan.time[1], timeBytes)) {
            timeBytes = d.slice(scan.time[0], scan.time[1]);
            timeMs = Date.parse(decodeRange(d, scan.time[0], scan.time[1]));
          }
          let t = 0;
          digits = 0;
          const neg = copies.charCodeAt(cp) === 0x2d;
          if (neg) cp++;
          for (let c = copies.charCodeAt(cp); c >= 0x30 && c <= 0x39; c = copies.charCodeAt(++cp)) {
            t = t * 10 + (c - 0x30);
            digits++;
          }
          if (digits === 0 || digits > 15 || copies.charCodeAt(cp++) !== 10) return undefined;
          if ((neg ? -t : t) !== timeMs) return undefined;
          // Leaf hash of the stored 0x00 ‖ leaf, then into the tree.
          digestToWords(hash(d.subarray(start, stop)), 0, words, 0);
          tree.push(words, 0);
          sum = addToSums(sums, sum, exporter, scan.year, scan.sensitiveNew, scan.personalNew, index);
          size++;
          while (hi < heads.length && (heads[hi] as SignedTreeHead).treeSize === size) {
            const h = heads[hi] as SignedTreeHead;
            if (headProblem(h) || tree.rootHex() !== h.rootHash) return undefined;
            hi++;
          }
          if (hi < heads.length && (heads[hi] as SignedTreeHead).treeSize < size) return undefined;
          p = stop;
        }
        if (p !== d.length) return undefined;
      }
      if (cp !== copies.length || size !== end) return undefined;
    }
    // Every head used, and the last one covers every leaf.
    if (hi < heads.length || (heads.length > 0 ? (heads[heads.length - 1] as SignedTreeHead).treeSize : 0) !== size) {
      return undefined;
    }
    if (await counterProblem(sums, size)) return undefined;
    return { ok: true, size, heads: hi };
  }

  /**
   * The exact pass, row by row through `readLeaves`: leaf hash from the stored canonical bytes, the tree
   * as a streaming stack of peaks, the row copies and the subject tallies read by `scanLeaf` (no JSON
   * parsing; odd leaves fall back to `decodeLeaf`). Leaf hashes since the last good head are kept so a
   * mismatch can name the first bad leaf.
   */
  async function verifyRows(): Promise<VerifyReport> {
    const heads = await store.heads();
    const tree = streamingTree();
    const sums = new Map<string, Sum>();
    let hi = 0;
    let lastGoodSize = 0;
    // Leaf hashes (8 words each) of leaves lastGoodSize..size-1.
    let pend = new Int32Array(8 * 1024);
    const report = (index: number, batchId: string | undefined, reason: string): VerifyReport => {
      const firstBad: VerifyReport['firstBad'] = { index, reason };
      if (batchId) firstBad.batchId = batchId;
      return { ok: false, size: tree.size, heads: hi, firstBad };
    };
    const batchIdAt = async (index: number): Promise<string | undefined> =>
      (await store.readLeaves(index, 1))[0]?.batchId;
    const scan = newLeafScan();
    let scratch = new Uint8Array(1024);
    const views: Uint8Array[] = [];
    let sum: Sum | undefined;
    const CHUNK = 20_000;
    while (true) {
      const rows = await store.readLeaves(tree.size, CHUNK);
      if (rows.length === 0) break;
      for (const row of rows) {
        const index = tree.size;
        if (row.index !== index)
          return report(index, undefined, `leaf ${index} is missing (next stored is ${row.index})`);
        const b = row.bytes;
        let leafExporter: string;
        let year: number;
        let sensitiveNew: number;
        let personalNew: number;
        if (scanLeaf(b, scan)) {
          if (!rangeEquals(b, scan.batchId[0], scan.batchId[1], row.batchId)) {
            return report(index, row.batchId, 'stored batch id differs from the leaf');
          }
          try {
            leafExporter = decodeRange(b, scan.exporter[0], scan.exporter[1]);
          } catch {
            return report(index, row.batchId, 'leaf bytes are not UTF-8 JSON');
          }
          if (Date.parse(decodeRange(b, scan.time[0], scan.time[1])) !== row.time) {
            return report(index, row.batchId, 'stored time differs from the leaf');
          }
          year = scan.year;
          sensitiveNew = scan.sensitiveNew;
          personalNew = scan.personalNew;
        } else {
          const d = decodeLeaf(b, { canonical: false });
          if (!d.ok) return report(index, row.batchId, d.reason);
          const leaf = d.leaf;
          if (leaf.batchId !== row.batchId)
            return report(index, row.batchId, `stored batch id differs from the leaf (${leaf.batchId})`);
          if (Date.parse(leaf.time) !== row.time)
            return report(index, row.batchId, 'stored time differs from the leaf');
          leafExporter = leaf.exporter;
          year = leaf.year;
          sensitiveNew = leaf.subjects.sensitiveNew;
          personalNew = leaf.subjects.personalNew;
        }
        if (leafExporter !== row.exporter) return report(index, row.batchId, 'stored exporter differs from the leaf');
        // Leaf hash SHA-256(0x00 ‖ bytes) into the pending list, then into the tree.
        const slot = (index - lastGoodSize) * 8;
        if (slot + 8 > pend.length) {
          const bigger = new Int32Array(pend.length * 2);
          bigger.set(pend);
          pend = bigger;
        }
        if (scratch.length < b.length + 1) {
          scratch = new Uint8Array(b.length * 2 + 1);
          views.length = 0;
        }
        scratch.set(b, 1);
        let view = views[b.length];
        if (view === undefined) {
          view = scratch.subarray(0, b.length + 1);
          views[b.length] = view;
        }
        digestToWords(hash(view), 0, pend, slot);
        tree.push(pend, slot);
        sum = addToSums(sums, sum, leafExporter, year, sensitiveNew, personalNew, index);
        const size = tree.size;
        while (hi < heads.length && (heads[hi] as SignedTreeHead).treeSize === size) {
          const h = heads[hi] as SignedTreeHead;
          const why = headProblem(h);
          if (why) return report(index, row.batchId, `tree head of size ${h.treeSize}: ${why}`);
          if (tree.rootHex() !== h.rootHash) {
            // Name the first leaf whose hash differs from the one recorded at commit time.
            const words = new Int32Array(8);
            for (let i = lastGoodSize; i < size; i++) {
              const recorded = await store.getNode(0, i);
              let same = recorded !== undefined && recorded.length === 32;
              if (same) {
                digestToWords(recorded as Uint8Array, 0, words, 0);
                for (let k = 0; k < 8; k++) if (words[k] !== pend[(i - lastGoodSize) * 8 + k]) same = false;
              }
              if (!same) {
                return report(
                  i,
                  await batchIdAt(i),
                  `leaf hash differs from the one signed in tree head ${h.treeSize}`,
                );
              }
            }
            return report(
              lastGoodSize,
              await batchIdAt(lastGoodSize),
              `leaves ${lastGoodSize}..${h.treeSize - 1} do not hash to the signed root of tree head ${h.treeSize}`,
            );
          }
          lastGoodSize = size;
          hi++;
        }
        if (hi < heads.length && (heads[hi] as SignedTreeHead).treeSize < size) {
          const h = heads[hi] as SignedTreeHead;
          return report(h.treeSize, undefined, `tree head of size ${h.treeSize} does not fall on a leaf boundary`);
        }
      }
    }
    const size = tree.size;
    if (hi < heads.length) {
      const h = heads[heads.length - 1] as SignedTreeHead;
      return report(
        size,
        undefined,
        `signed tree head of size ${h.treeSize} covers more leaves than the ${size} stored (deleted)`,
      );
    }
    if (size > lastGoodSize) {
      return report(
        lastGoodSize,
        await batchIdAt(lastGoodSize),
        'leaf is not covered by any signed tree head (inserted)',
      );
    }
    const bad = await counterProblem(sums, size);
    if (bad) return report(bad.index, undefined, bad.reason);
    return { ok: true, size, heads: hi };
  }

  return {
    prepare,
    prepareMany,
    commitMany,
    abort,
    head,
    prove,
    consistency,
    verify,
    signHead,
    logId,
    publicKey: publicKeyB64,
  };
}

export type LedgerService = ReturnType<typeof createLedgerService>;
