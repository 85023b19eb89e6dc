/**
 * @module adapters/gateway/apply
 * One export batch, end to end, fail closed:
 * manifest (schema, revocation, signature, validity) → destination (recipient, country) → ledger opened and
 * recovered → stream through the transform → sink → ledger.
 *
 * File output: bytes go to a temp file next to the destination (fsynced, SHA-256 computed while writing), then
 * `ledger.prepare` (write-ahead intent) → rename temp → final (+ directory fsync) → `ledger.commit`. A crash
 * before `prepare` leaves only the temp file (removed at the next start, see {@link recoverGateway}); a crash
 * between rename and commit is rolled forward by `ledger.recover` (final file present with the recorded digest).
 * If `commit` fails, the final file is deleted and the intent aborted: nothing is sent without a ledger entry.
 *
 * Standard output: bytes leave as they are produced, so the ledger is opened and recovered (a write) before the
 * first byte, and the batch is prepared and committed after stdout has flushed. A ledger failure after that point
 * is reported (`gateway.ledger_failed_after_send`, exit 1): the consumer must discard the stream. With `--spool`
 * (implied by `--strict`), output goes to a domestic spool file first and is copied to stdout only after
 * `prepare`; a crash during the copy leaves a pending stdout intent, which recovery commits (counted as sent: the
 * conservative choice for a compliance ledger).
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  existsSync,
  fdatasync,
  write as fsWrite,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { compileManifest } from '../../core/enforce/compile.js';
import { checkDestination, type ExportManifest } from '../../core/enforce/manifest.js';
import type { TrustedKey } from '../../core/lists/trust.js';
import { messageOf } from '../../core/messages/index.js';
import type { Clock } from '../../core/ports.js';
import { DataPassError, type ProblemCode, problem } from '../../core/problems.js';
import { defaultDeliveryCheck, type Ledger, openLedger } from '../ledger/index.js';
import { loadTrustStore } from '../lists/trust-store.js';
import { parseCsvRecord } from './csv.js';
import { loadManifestFile, loadRevokedManifests, manifestTrustProblems } from './manifest-file.js';
import type { ParquetSink } from './parquet.js';
import {
  type ByteReader,
  CHUNK_BYTES,
  csvRecordEnd,
  fileRanges,
  fileReader,
  iteratorReader,
  type Piece,
  type RunStats,
  readChunks,
  runPipeline,
  sharesMain,
  workersFor,
} from './pipeline.js';
import { DigestSet } from './subjects.js';
import type { TransformInit } from './transform.js';
import { csvCell, type Reject, type Scanner } from './types.js';

export type InputFormat = 'ndjson' | 'csv';
export type OutputFormat = 'ndjson' | 'csv' | 'parquet';

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
/** Context string under the ledger's domestic key that derives the `hash` operator's key. */
export const FIELD_HASH_CONTEXT = 'datapass/gateway/field-hash/v1';

export interface ApplyRequest {
  dataDir: string;
  manifestFile: string;
  /** A file, or undefined / `-` for standard input. */
  input?: string;
  /** A file, or undefined / `-` for standard output. */
  output?: string;
  inputFormat?: InputFormat;
  format?: OutputFormat;
  to?: string;
  country?: string;
  rejectsFile?: string;
  strict?: boolean;
  spool?: boolean;
  /** Worker threads; 0 = transform in the main thread; undefined = automatic. */
  workers?: number;
  requireSignature?: boolean;
  /** Extra trusted keys (`--trust-key`). */
  trustKeys?: TrustedKey[];
  maxLineBytes?: number;
  delimiter?: string;
  gatewayId?: string;
  clock: Clock;
  stdin?: Readable;
  stdout?: Writable;
  onStart?(info: { totalBytes?: number }): void;
  onProgress?(bytesRead: number, stats: RunStats): void;
}

export interface ApplySummary {
  batchId: string;
  manifest: { id: string; version: string };
  recipient: string;
  country: string;
  inputFormat: InputFormat;
  outputFormat: OutputFormat;
  output: string;
  rejectsFile?: string;
  recordsIn: number;
  recordsOut: number;
  rejected: number;
  suppressed: number;
  subjects: { new: number; seen: number };
  bytesIn: number;
  bytesOut: number;
  sha256: string;
  seconds: number;
  /** Seconds spent before the first byte (checks, ledger open/recover), streaming, and in the ledger after. */
  /**
   * Seconds: before the first chunk, streaming, ledger (fsync, prepare, rename, commit); `output`: the main
   * thread's hashing and handing of output bytes to the file or stream; `workers`: per worker, reading and
   * transforming (the rest of a worker's time is waiting).
   */
  timings: {
    setup: number;
    stream: number;
    ledger: number;
    output: number;
    workers?: { read: number; transform: number }[];
    /** The main thread's share of the chunks when it transforms beside workers. */
    main?: { chunks: number; read: number; transform: number };
  };
  workers: number;
  slowLines: number;
  /** The record scanner used: `wasm`, `js` (the module is missing or DATAPASS_WASM=0), `none` (nested paths). */
  scanner?: Scanner;
}

function fail(code: ProblemCode, params: Record<string, string | number> = {}): never {
  throw new DataPassError(problem(code, params));
}

function inflightDir(dataDir: string): string {
  return join(dataDir, 'gateway', 'inflight');
}

function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Journal {
  file: string;
  pid: number;
  tempPath: string | null;
  /** Parquet output's NDJSON spool (`parquet.ts`), if any. */
  spoolPath: string | null;
  /** The rejects file while it is written (renamed to its name once the input has been read to its end). */
  rejectsTempPath: string | null;
}

function readJournals(dataDir: string): Journal[] {
  const dir = inflightDir(dataDir);
  if (!existsSync(dir)) return [];
  const out: Journal[] = [];
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    try {
      const j = JSON.parse(readFileSync(file, 'utf8')) as {
        pid: number;
        tempPath: string | null;
        spoolPath?: string | null;
        rejectsTempPath?: string | null;
      };
      out.push({
        file,
        pid: j.pid,
        tempPath: j.tempPath,
        spoolPath: j.spoolPath ?? null,
        rejectsTempPath: j.rejectsTempPath ?? null,
      });
    } catch {
      // A half-written journal: its run died before creating anything.
      out.push({ file, pid: -1, tempPath: null, spoolPath: null, rejectsTempPath: null });
    }
  }
  return out;
}

/**
 * Startup recovery. Temp files of crashed runs (their journal's process is gone) are deleted. Then the ledger's
 * pending intents are settled — file outputs by digest, stdout outputs counted as sent — but only when no other
 * `apply` is running on this data directory: a live run's intent is pending by design, and settling it would
 * abort a batch in flight. Recovery then waits for a later start.
 */
export async function recoverGateway(
  ledger: Ledger,
  dataDir: string,
): Promise<{ removed: string[]; deferred: boolean }> {
  const removed: string[] = [];
  const journals = readJournals(dataDir);
  const live = journals.filter((j) => j.pid > 0 && j.pid !== process.pid && pidAlive(j.pid));
  for (const j of journals) {
    if (live.includes(j) || j.pid === process.pid) continue;
    for (const f of [j.tempPath, j.spoolPath, j.rejectsTempPath]) {
      if (f && existsSync(f)) {
        unlinkSync(f);
        removed.push(f);
      }
    }
    unlinkSync(j.file);
  }
  if (live.length > 0) return { removed, deferred: true };
  const pending = await ledger.pendingIntents();
  const report = await ledger.recover(async (intent) =>
    intent.output.kind === 'stdout' ? true : defaultDeliveryCheck(intent),
  );
  for (const a of report.aborted) {
    const it = pending.find((p) => p.id === a.id);
    if (it?.output.kind === 'file' && existsSync(it.output.tempPath)) {
      unlinkSync(it.output.tempPath);
      removed.push(it.output.tempPath);
    }
  }
  return { removed, deferred: false };
}

function formatFromName(name: string): InputFormat | 'parquet' | undefined {
  const ext = extname(name).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.tsv') return 'csv';
  if (ext === '.ndjson' || ext === '.jsonl' || ext === '.json') return 'ndjson';
  if (ext === '.parquet') return 'parquet';
  return undefined;
}

/**
 * The input: a file is read positionally (no stream; only its first bytes are peeked at for sniffing), standard
 * input through its stream with the first chunk peeked at.
 */
interface Source {
  /** The first bytes (file: up to 4; stdin: its first chunk), for sniffing and the BOM; undefined when empty. */
  first: Buffer | undefined;
  fd?: number;
  rest?: AsyncIterator<Buffer>;
  total?: number;
}

async function openSource(req: ApplyRequest): Promise<Source> {
  if (req.input && req.input !== '-') {
    let total: number;
    try {
      const st = statSync(req.input);
      if (st.isDirectory()) fail('input.file_unreadable', { reason: 'is a directory' });
      total = st.size;
    } catch (err) {
      if (err instanceof DataPassError) throw err;
      throw new DataPassError(problem('input.file_not_found', {}, [], { location: { file: req.input } }));
    }
    let fd: number;
    try {
      fd = openSync(req.input, 'r');
    } catch (err) {
      fail('input.file_unreadable', { reason: (err as NodeJS.ErrnoException).code ?? String(err) });
    }
    const peek = Buffer.alloc(4);
    const n = readSync(fd, peek, 0, 4, 0);
    return { first: n > 0 ? peek.subarray(0, n) : undefined, fd, total };
  }
  const stream = req.stdin ?? process.stdin;
  const it = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const r = await it.next();
  return { first: r.done ? undefined : (r.value as Buffer), rest: it };
}

export async function runApply(req: ApplyRequest): Promise<ApplySummary> {
  const t0 = performance.now();
  const today = req.clock.today();
  // 1. The manifest may be used today, for this recipient and country. Nothing is opened before this.
  const manifest: ExportManifest = loadManifestFile(req.manifestFile);
  const keys = [...loadTrustStore(req.dataDir), ...(req.trustKeys ?? [])];
  const trustProblems = manifestTrustProblems(manifest, {
    keys,
    date: today,
    revoked: loadRevokedManifests(req.dataDir),
    requireSignature: req.requireSignature === true,
  });
  if (trustProblems.length > 0)
    throw new DataPassError(trustProblems.map((p) => ({ ...p, location: { file: req.manifestFile } })));
  const dest = checkDestination(manifest, req.to, req.country);
  if (!dest.ok) throw new DataPassError(dest.problems);
  const { recipient, country } = dest.value;
  const compiled = compileManifest(manifest);

  // 2. The ledger can be written: opened, recovered (a write when anything is pending), before any byte leaves.
  let ledger: Ledger;
  try {
    ledger = openLedger(req.dataDir, { now: () => req.clock.now() });
    await recoverGateway(ledger, req.dataDir);
  } catch (err) {
    fail('gateway.ledger_unavailable', {
      reason: err instanceof DataPassError ? err.code : String((err as Error).message ?? err),
    });
  }
  try {
    return await runBatch(req, ledger, manifest, compiled, recipient.name, country, t0);
  } finally {
    await ledger.close().catch(() => {});
  }
}

async function runBatch(
  req: ApplyRequest,
  ledger: Ledger,
  manifest: ExportManifest,
  compiled: ReturnType<typeof compileManifest>,
  recipient: string,
  country: string,
  t0: number,
): Promise<ApplySummary> {
  const src = await openSource(req);
  try {
    return await runBatchOn(src, req, ledger, manifest, compiled, recipient, country, t0);
  } finally {
    if (src.fd !== undefined) closeSync(src.fd);
  }
}

async function runBatchOn(
  src: Source,
  req: ApplyRequest,
  ledger: Ledger,
  manifest: ExportManifest,
  compiled: ReturnType<typeof compileManifest>,
  recipient: string,
  country: string,
  t0: number,
): Promise<ApplySummary> {
  const subjectHash = ledger.subjectHasher();
  const hashKey = new Uint8Array(subjectHash(FIELD_HASH_CONTEXT));
  req.onStart?.(src.total !== undefined ? { totalBytes: src.total } : {});
  const sniff = src.first && src.first.length > 0 ? src.first[src.first[0] === 0xef ? 3 : 0] : undefined;
  const named = req.input && req.input !== '-' ? formatFromName(req.input) : undefined;
  const inputFormat: InputFormat =
    req.inputFormat ??
    (named === 'csv' || named === 'ndjson'
      ? named
      : sniff === 0x7b
        ? 'ndjson'
        : sniff === undefined
          ? 'ndjson'
          : 'csv');
  if (named === 'parquet' && !req.inputFormat) fail('input.unsupported_format', { format: 'parquet' });
  const toStdout = !req.output || req.output === '-';
  const outNamed = !toStdout ? formatFromName(req.output as string) : undefined;
  const outputFormat: OutputFormat =
    req.format ?? (outNamed === 'csv' || outNamed === 'parquet' || outNamed === 'ndjson' ? outNamed : inputFormat);
  const maxLineBytes = req.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const delimiter = req.delimiter ?? (req.input && extname(req.input).toLowerCase() === '.tsv' ? '\t' : ',');

  const bom = src.first && src.first[0] === 0xef && src.first[1] === 0xbb && src.first[2] === 0xbf ? 3 : 0;
  const workers = workersFor(src.total, req.workers);
  const mainShare = sharesMain(workers);
  /** More than one transform at work (each keeps its own subject set). */
  const several = workers > 1 || mainShare;
  let lastStats: RunStats = { recordsIn: 0, recordsOut: 0, rejected: 0, suppressed: 0, slowLines: 0, lines: 0 };
  // Bytes come straight into the chunk buffers (no stream, no concatenation); the BOM is skipped.
  let bytesIn = bom;
  const rawRead: ByteReader =
    src.fd !== undefined
      ? fileReader(src.fd, bom)
      : iteratorReader(src.rest as AsyncIterator<Buffer>, src.first?.subarray(bom));
  const counted: ByteReader = (buf, off, len) => {
    const n = rawRead(buf, off, len);
    const note = (k: number) => {
      bytesIn += k;
      req.onProgress?.(bytesIn, lastStats);
      return k;
    };
    return typeof n === 'number' ? note(n) : n.then(note);
  };
  // Chunks of CHUNK_BYTES (also from standard input, size unknown), smaller for a small file so that every worker
  // gets several.
  const chunkBytes =
    src.total !== undefined ? Math.min(CHUNK_BYTES, Math.max(256 * 1024, Math.ceil(src.total / 16))) : CHUNK_BYTES;
  // In the main thread the transform is done with a chunk before the next is read: one buffer serves all.
  const inputPool: Buffer[] = [];
  const pieces = readChunks(counted, inputFormat === 'csv', maxLineBytes, {
    reuse: workers <= 0,
    pool: inputPool,
    target: chunkBytes,
    delimiter: delimiter.charCodeAt(0),
  })[Symbol.asyncIterator]();
  let header: string[] | undefined;
  let lineOffset = 0;
  let head: Piece | undefined;
  // NDJSON files with several transforms: each reads its own ranges; the main thread orders and writes (and
  // transforms when it shares). One worker beside an idle main thread gets its bytes read for it instead
  // (207 MB: 0.71–0.73 s against 0.75–0.91 s).
  const ranged = several && inputFormat === 'ndjson' && src.total !== undefined;
  if (!ranged) {
    const r0 = await pieces.next();
    if (!r0.done) head = r0.value;
  }
  if (inputFormat === 'csv') {
    if (head?.kind !== 'data') fail('gateway.csv_no_header');
    const end = csvRecordEnd(head.buf, delimiter.charCodeAt(0));
    const htext = head.buf.toString('utf8', 0, end < 0 ? head.buf.length : end).replace(/\r?\n$/, '');
    if (htext.trim() === '') fail('gateway.csv_no_header');
    header = parseCsvRecord(htext, delimiter);
    const seen = new Set<string>();
    for (const h of header) {
      if (seen.has(h)) fail('gateway.csv_duplicate_header', { name: h });
      seen.add(h);
    }
    lineOffset = 1 + (htext.match(/\n/g)?.length ?? 0);
    head = end < 0 ? undefined : { ...head, buf: head.buf.subarray(end) };
  }
  async function* rest(): AsyncGenerator<Piece> {
    if (head) yield head;
    for (;;) {
      const r = await pieces.next();
      if (r.done) return;
      yield r.value;
    }
  }
  let source: AsyncIterable<Piece> = rest();
  if (ranged) {
    const total = src.total as number;
    const inner = fileRanges(resolve(req.input as string), total, bom, maxLineBytes, chunkBytes);
    source = (async function* () {
      for await (const p of inner) {
        if (p.kind === 'range') {
          bytesIn = p.end;
          req.onProgress?.(bytesIn, lastStats);
        }
        yield p;
      }
      bytesIn = total;
    })();
  }
  const usesVault = manifest.fields.some((f) => f.operator === 'tokenize');
  const init: TransformInit = {
    manifest,
    inputFormat,
    outputFormat: outputFormat === 'csv' ? 'csv' : 'ndjson',
    hashKey,
    subjectKey: ledger.subjectHashKey(),
    maxLineBytes,
    delimiter,
  };
  if (header) init.header = header;
  if (usesVault) init.vaultFile = join(resolve(req.dataDir), 'vault.db');
  const outColumns = header
    ? manifest.fields.filter((f) => f.operator !== 'drop' && header?.includes(f.path)).map((f) => f.path)
    : compiled.outputPaths;

  // 3. Sinks.
  const sha = createHash('sha256');
  let bytesOut = 0;
  const outFile = toStdout ? undefined : resolve(req.output as string);
  const spool = toStdout && (req.spool === true || req.strict === true);
  let tempPath: string | undefined;
  let journal: string | undefined;
  let fd: number | undefined;
  const stdout = req.stdout ?? process.stdout;
  // Every run leaves a journal while it runs (so recovery elsewhere knows a batch is in flight).
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  mkdirSync(inflightDir(req.dataDir), { recursive: true });
  journal = join(inflightDir(req.dataDir), `${tag}.json`);
  if (outFile || spool) {
    const dir = outFile ? dirname(outFile) : join(req.dataDir, 'gateway', 'spool');
    mkdirSync(dir, { recursive: true });
    tempPath = join(dir, `.${outFile ? basename(outFile) : 'stdout'}.${tag}.datapass-tmp`);
  }
  /**
   * Puts the rejects file (closed and synced), if there is one, in place and its directory entry on disk; a
   * failure cleans up and ends the run with `code` (`params` added to the target and reason).
   */
  const finishRejects = (code: ProblemCode, params: Record<string, string> = {}) => {
    if (rejFd === undefined) return;
    try {
      renameSync(rejectsTemp, resolve(rejectsFile));
      const dfd = openSync(dirname(rejectsTemp), 'r');
      try {
        fsyncSync(dfd);
      } finally {
        closeSync(dfd);
      }
    } catch (err) {
      cleanup();
      fail(code, { ...params, target: rejectsFile, reason: reasonOf(err) });
    }
  };
  // Rejects: a domestic side file, created on the first reject under a temporary name in its directory, and
  // renamed to its name once the input has been read to its end: a run that dies leaves no partial file under
  // that name (recovery deletes the temporary one, listed in the journal).
  const rejectsFile =
    req.rejectsFile ??
    (outFile
      ? `${outFile}.rejected.ndjson`
      : join(req.dataDir, 'rejects', `apply-${req.clock.now().toISOString().replace(/[:.]/g, '-')}.ndjson`));
  // Absolute in the journal: recovery may run from another working directory.
  const rejectsTemp = join(dirname(resolve(rejectsFile)), `.${basename(rejectsFile)}.${tag}.datapass-tmp`);
  // Parquet output is spooled as NDJSON in the data directory first (parquet.ts): bounded memory.
  const spoolPath =
    outputFormat === 'parquet' ? join(resolve(req.dataDir), 'gateway', 'spool', `parquet-${tag}.ndjson`) : undefined;
  if (spoolPath) mkdirSync(dirname(spoolPath), { recursive: true });
  writeFileSync(
    journal,
    JSON.stringify({
      pid: process.pid,
      tempPath: tempPath ?? null,
      finalPath: outFile ?? null,
      spoolPath: spoolPath ?? null,
      rejectsTempPath: rejectsTemp,
    }),
  );
  if (tempPath) {
    try {
      fd = openSync(tempPath, 'wx', 0o600);
    } catch (err) {
      unlinkSync(journal as string);
      fail('output.write_failed', { target: tempPath, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
    }
  }
  // File writes are positional and asynchronous (libuv pool), so the main thread keeps feeding the workers;
  // at most 16 MiB may be in flight (backpressure), and all are awaited before fsync. A written buffer is
  // released for reuse by the transform; bytes given to standard output are not (a stream may hold on to them).
  const inFlight = new Set<Promise<void>>();
  let inFlightBytes = 0;
  let writeError: unknown;
  const writeAt = (fdw: number, b: Uint8Array, pos: number): Promise<void> =>
    new Promise<void>((res, rej) => {
      const step = (off: number) =>
        fsWrite(fdw, b, off, b.length - off, pos + off, (err, n) => {
          if (err) rej(err);
          else if (off + n < b.length) step(off + n);
          else res();
        });
      step(0);
    });
  const flushWrites = async (limit: number) => {
    // limit 0: everything, background syncs included (the descriptor is closed next).
    while ((inFlightBytes > limit || limit === 0) && inFlight.size > 0) await Promise.race(inFlight);
    if (writeError) throw writeError;
  };
  // Written bytes are flushed to disk in the background every 32 MiB (fdatasync in the libuv pool), so the
  // fsync that must precede the ledger entry finds little left to write instead of the whole output.
  let unsynced = 0;
  let syncing = false;
  const syncBehind = (fdw: number) => {
    if (syncing || unsynced < 32 << 20) return;
    syncing = true;
    unsynced = 0;
    const p: Promise<void> = new Promise<void>((res) =>
      fdatasync(fdw, (err) => {
        if (err) writeError ??= err;
        syncing = false;
        inFlight.delete(p);
        res();
      }),
    );
    inFlight.add(p);
  };
  let outputMs = 0;
  const emit = async (b: Uint8Array, release?: () => void): Promise<void> => {
    const te = performance.now();
    sha.update(b);
    outputMs += performance.now() - te;
    const pos = bytesOut;
    bytesOut += b.length;
    if (fd !== undefined) {
      const fdw = fd;
      inFlightBytes += b.length;
      const p: Promise<void> = writeAt(fdw, b, pos)
        .catch((err) => {
          writeError ??= err;
        })
        .finally(() => {
          inFlight.delete(p);
          inFlightBytes -= b.length;
          unsynced += b.length;
          release?.();
          syncBehind(fdw);
        });
      inFlight.add(p);
      await flushWrites(16 << 20);
      return;
    }
    if (!stdout.write(b)) await new Promise<void>((res) => stdout.once('drain', () => res()));
  };
  let parquet: ParquetSink | undefined;
  // CSV output: the header goes out with the first record, so a batch that sends nothing writes nothing (not a
  // header that looks like an empty export on standard output).
  let csvHeader: Buffer | undefined;
  const write = async (b: Uint8Array, release: () => void): Promise<void> => {
    if (parquet) {
      parquet.add(b);
      release();
      return;
    }
    if (csvHeader !== undefined && b.length > 0) {
      const h = csvHeader;
      csvHeader = undefined;
      await emit(h);
    }
    await emit(b, release);
  };
  if (spoolPath) {
    // CSV output keys are the header names as they are (`a.b` is one key); NDJSON ones are manifest paths.
    const segments = header ? outColumns.map((c) => [c]) : outColumns.map((c) => c.split('.'));
    parquet = (await import('./parquet.js')).parquetSink(outColumns, spoolPath, { segments });
  } else if (outputFormat === 'csv')
    csvHeader = Buffer.from(`${outColumns.map((c) => csvCell(c, delimiter)).join(delimiter)}\n`);

  let rejFd: number | undefined;
  let firstReject: Reject | undefined;
  class StrictStop extends Error {}
  const onReject = (r: Reject) => {
    firstReject ??= r;
    if (req.strict) throw new StrictStop();
    if (rejFd === undefined) {
      mkdirSync(dirname(rejectsTemp), { recursive: true });
      rejFd = openSync(rejectsTemp, 'wx', 0o600);
    }
    const reason = messageOf(problem(r.code as ProblemCode, r.params), 'en');
    writeSync(rejFd, `${JSON.stringify({ line: r.line, code: r.code, reason, ...r.params })}\n`);
  };
  // Subjects arrive as keyed hashes computed by the transforms (packed, 32 bytes each: what the ledger stores).
  // With several workers the same subject comes from each, and a transform reports a subject again after its
  // subject set starts over (a size limit; the chunk says so): then repeats are dropped here by their digest, so
  // the batch records each subject once (its subject count included). One transform that never started over
  // reports each subject once: no set needed (the ledger's own set does the counting).
  let seenSubjects = several ? new DigestSet() : undefined;
  const packedParts: Uint8Array[] = [];
  let packedBytes = 0;
  const addSubjects = (digests: Uint8Array, repeats: boolean) => {
    if (compiled.subjectClass === 'none' || digests.length === 0) return;
    if (repeats && seenSubjects === undefined) {
      // From here on: the set starts with every subject so far (distinct, from the one transform).
      seenSubjects = new DigestSet();
      for (const part of packedParts) seenSubjects.filter(part.slice());
    }
    const p = seenSubjects ? seenSubjects.filter(digests) : digests;
    if (p.length === 0) return;
    packedParts.push(p);
    packedBytes += p.length;
  };
  const cleanup = () => {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {}
      fd = undefined;
    }
    if (tempPath && existsSync(tempPath)) unlinkSync(tempPath);
    if (existsSync(rejectsTemp)) unlinkSync(rejectsTemp);
    parquet?.discard();
    if (journal && existsSync(journal)) unlinkSync(journal);
  };

  let stats: RunStats;
  const tStream = performance.now();
  try {
    stats = await runPipeline({
      init,
      pieces: source,
      lineOffset,
      workers,
      mainShare,
      inputPool,
      write,
      onReject,
      onSubjects: addSubjects,
      onProgress: (s) => {
        lastStats = s;
      },
    });
    if (parquet) await parquet.finish((b) => emit(b));
    await flushWrites(0);
  } catch (err) {
    await Promise.allSettled(inFlight);
    if (rejFd !== undefined) closeSync(rejFd);
    cleanup();
    if (err instanceof StrictStop && firstReject)
      throw new DataPassError(
        problem('gateway.strict_rejected', {
          count: 1,
          line: firstReject.line,
          reason: messageOf(problem(firstReject.code as ProblemCode, firstReject.params), 'en'),
        }),
      );
    throw err;
  } finally {
    if (src.fd !== undefined) {
      closeSync(src.fd);
      src.fd = undefined;
    }
  }
  // The input has been read to its end: the rejects are complete, whatever becomes of the batch. They take
  // their name now — except when the records went straight to standard output: those have left, so the batch
  // is recorded first and a failure here cannot keep it out of the ledger.
  const direct = toStdout && !spool;
  if (rejFd !== undefined) {
    const rfd = rejFd;
    try {
      fsyncSync(rfd);
    } catch (err) {
      closeSync(rfd);
      cleanup();
      fail('output.write_failed', { target: rejectsFile, reason: reasonOf(err) });
    }
    closeSync(rfd);
    if (!direct) finishRejects('output.write_failed');
  }

  // An export that sends no record did not happen: no output file, no ledger entry.
  if (stats.recordsOut === 0) {
    if (direct) finishRejects('output.write_failed');
    cleanup();
    const where = rejFd !== undefined || stats.rejected > 0 ? `; rejects in ${rejectsFile}` : '';
    throw new DataPassError(
      problem('gateway.nothing_sent', {
        recordsIn: stats.recordsIn,
        rejected: stats.rejected,
        suppressed: stats.suppressed,
        where,
      }),
    );
  }

  const tLedger = performance.now();
  // 4. Subjects: keyed hashes only; the class comes from the manifest.
  let hashes: Uint8Array;
  if (packedParts.length === 1) hashes = packedParts[0] as Uint8Array;
  else {
    hashes = new Uint8Array(packedBytes);
    let at = 0;
    for (const p of packedParts) {
      hashes.set(p, at);
      at += p.length;
    }
  }
  const cls = compiled.subjectClass;
  const batchSubjects = {
    sensitive: cls === 'sensitive' ? hashes : new Uint8Array(0),
    personal: cls === 'none' ? new Uint8Array(0) : hashes,
  };
  const digest = sha.digest('hex');
  const intentBase = {
    exporter: manifest.exporter,
    manifest: { id: manifest.id, version: manifest.version },
    lists: [{ id: manifest.list.id, version: manifest.list.version }],
    recipient,
    country,
    gateway: req.gatewayId ?? 'datapass-cli',
    fields: compiled.outputPaths,
    records: stats.recordsOut,
    sha256: digest,
    bytes: bytesOut,
    subjects: batchSubjects,
  };

  // 5. Ledger, in the crash-safe order.
  let batch: Awaited<ReturnType<Ledger['commit']>>;
  if (outFile && tempPath && fd !== undefined) {
    try {
      fsyncSync(fd);
      closeSync(fd);
      fd = undefined;
    } catch (err) {
      cleanup();
      fail('output.write_failed', { target: outFile, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
    }
    let id: string;
    try {
      id = await ledger.prepare({ ...intentBase, output: { kind: 'file', tempPath, finalPath: outFile } });
    } catch (err) {
      cleanup();
      fail('gateway.ledger_unavailable', { reason: reasonOf(err) });
    }
    try {
      renameSync(tempPath, outFile);
      const dfd = openSync(dirname(outFile), 'r');
      fsyncSync(dfd);
      closeSync(dfd);
    } catch (err) {
      await ledger.abort(id, 'rename failed').catch(() => {});
      cleanup();
      fail('output.write_failed', { target: outFile, reason: reasonOf(err) });
    }
    try {
      batch = await ledger.commit(id);
    } catch (err) {
      // Not recorded → not sent: take the file back.
      if (existsSync(outFile)) unlinkSync(outFile);
      await ledger.abort(id, 'commit failed').catch(() => {});
      cleanup();
      fail('gateway.ledger_unavailable', { reason: reasonOf(err) });
    }
    if (journal && existsSync(journal)) unlinkSync(journal);
  } else if (spool && tempPath && fd !== undefined) {
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    let id: string;
    try {
      id = await ledger.prepare({ ...intentBase, output: { kind: 'stdout' } });
    } catch (err) {
      cleanup();
      fail('gateway.ledger_unavailable', { reason: reasonOf(err) });
    }
    await new Promise<void>((res, rej) => {
      const rs = createReadStream(tempPath as string, { highWaterMark: 1 << 20 });
      rs.on('error', rej);
      rs.on('end', () => res());
      rs.pipe(stdout, { end: false });
    });
    await new Promise<void>((res) => stdout.write('', () => res()));
    cleanup();
    try {
      batch = await ledger.commit(id);
    } catch (err) {
      fail('gateway.ledger_failed_after_send', { reason: reasonOf(err) });
    }
  } else {
    await new Promise<void>((res) => stdout.write('', () => res()));
    try {
      const id = await ledger.prepare({ ...intentBase, output: { kind: 'stdout' } });
      batch = await ledger.commit(id);
    } catch (err) {
      cleanup();
      fail('gateway.ledger_failed_after_send', { reason: reasonOf(err) });
    }
    finishRejects('gateway.rejects_failed_after_send', { batch: batch.batchId });
    cleanup();
  }
  const summary: ApplySummary = {
    batchId: batch.batchId,
    manifest: { id: manifest.id, version: manifest.version },
    recipient,
    country,
    inputFormat,
    outputFormat,
    output: outFile ?? '-',
    recordsIn: stats.recordsIn,
    recordsOut: stats.recordsOut,
    rejected: stats.rejected,
    suppressed: stats.suppressed,
    subjects: {
      new:
        batch.subjects.sensitiveNew +
        batch.subjects.personalNew -
        (cls === 'sensitive' ? batch.subjects.personalNew : 0),
      seen:
        batch.subjects.sensitiveSeen +
        batch.subjects.personalSeen -
        (cls === 'sensitive' ? batch.subjects.personalSeen : 0),
    },
    bytesIn,
    bytesOut,
    sha256: digest,
    seconds: (performance.now() - t0) / 1000,
    timings: {
      setup: (tStream - t0) / 1000,
      stream: (tLedger - tStream) / 1000,
      ledger: (performance.now() - tLedger) / 1000,
      output: outputMs / 1000,
      ...(stats.workerBusy ? { workers: stats.workerBusy } : {}),
      ...(stats.mainBusy ? { main: stats.mainBusy } : {}),
    },
    workers,
    slowLines: stats.slowLines,
    ...(stats.scanner ? { scanner: stats.scanner } : {}),
  };
  if (rejFd !== undefined || stats.rejected > 0) summary.rejectsFile = rejectsFile;
  return summary;
}

function reasonOf(err: unknown): string {
  if (err instanceof DataPassError) return err.code;
  return String((err as Error)?.message ?? err);
}
