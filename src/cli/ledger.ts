/**
 * @module cli/ledger
 * `datapass ledger`: show, verify and prove the export ledger; subject counts; evidence spot-checks; and a
 * third-party proof check that needs no database.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readJsonDocument } from '../adapters/fs/read.js';
import {
  type Ledger,
  ledgerExists,
  openLedger,
  verifyConsistencyProof,
  verifyInclusionProof,
} from '../adapters/ledger/index.js';
import { fsReason } from '../adapters/paths.js';
import { parseProof, parseTreeHead } from '../core/ledger/proof-file.js';
import type { SignedTreeHead } from '../core/ledger/types.js';
import { DataPassError, problem, type Result } from '../core/problems.js';
import { isCalendarDate } from '../core/zod-problems.js';
import { action, globalOptions, printJson, usageError } from './run.js';
import { renderTable } from './table.js';

/**
 * Runs `fn` on the data directory's ledger. Every `ledger` command only reads: a data directory without a
 * ledger is `ledger.not_found` (exit 2), and nothing (directory, keys, database) is created.
 */
async function withLedger<T>(cmd: Command, fn: (l: Ledger) => Promise<T>): Promise<T> {
  const g = globalOptions(cmd.optsWithGlobals());
  const ledger = openLedger(g.dataDir, { existing: true });
  try {
    return await fn(ledger);
  } finally {
    await ledger.close();
  }
}

function parseSize(name: string, v: string): number {
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) usageError(name, v, 'a positive integer');
  return Number(v);
}

/** Reads a proof or tree-head file and checks its shape; every problem names the file. */
function readChecked<T>(file: string, parse: (v: unknown) => Result<T>): T {
  const r = parse(readJsonDocument(file));
  if (!r.ok) throw new DataPassError(r.problems.map((p) => ({ ...p, location: { ...p.location, file } })));
  return r.value;
}

/** Base64 (standard or URL-safe) of a raw 32-byte Ed25519 key. */
const PUBLIC_KEY_B64 = /^[A-Za-z0-9+/_-]{43}=?$/;

function writeWhole(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new DataPassError(problem('output.write_failed', { target: file, reason: fsReason(err) }), { cause: err });
  }
}

/** `--since`: a calendar date (midnight in Asia/Shanghai) or an ISO 8601 instant with a time zone. */
function parseSince(v: string): Date {
  let d: Date | undefined;
  if (isCalendarDate(v)) d = new Date(`${v}T00:00:00+08:00`);
  else {
    const m = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.exec(v);
    if (m && isCalendarDate(m[1] as string)) d = new Date(v);
  }
  if (d === undefined || Number.isNaN(d.getTime()))
    usageError('--since', v, 'a date such as 2026-01-01 or an instant such as 2026-01-01T08:00:00Z');
  return d;
}

export function registerLedgerCommands(program: Command): void {
  const ledger = program
    .command('ledger')
    .description('the tamper-evident export ledger: one Merkle-tree leaf per exported batch, subjects counted per year')
    .addHelpText(
      'after',
      `
Examples:
  datapass ledger show --since 2026-01-01
  datapass ledger verify
  datapass ledger prove b-4f1c… --json > proof.json
  datapass ledger verify-proof proof.json --head head.json`,
    );

  ledger
    .command('show')
    .description('list recorded batches, oldest first')
    .option('--since <date>', 'only batches committed at or after this date (YYYY-MM-DD or ISO time)')
    .option('--json', 'machine-readable output')
    .addHelpText('after', '\nExamples:\n  datapass ledger show\n  datapass ledger show --since 2026-03-01 --json')
    .action(
      action(async (opts: { since?: string; json?: boolean }, cmd: Command) => {
        const since = opts.since !== undefined ? parseSince(opts.since) : undefined;
        return withLedger(cmd, async (l) => {
          const rows = await l.show(since ? { since } : {});
          const head = await l.head();
          if (opts.json) {
            printJson({ head: head ?? null, batches: rows });
            return 0;
          }
          const table = renderTable(
            ['#', 'time', 'batch', 'exporter', 'to', 'records', 'subjects new/seen (s·p)', 'sha256'],
            rows.map((r) => [
              String(r.index),
              r.leaf.time,
              r.leaf.batchId,
              r.leaf.exporter,
              `${r.leaf.recipient} (${r.leaf.country})`,
              String(r.leaf.records),
              `${r.leaf.subjects.sensitiveNew}/${r.leaf.subjects.sensitiveSeen} · ${r.leaf.subjects.personalNew}/${r.leaf.subjects.personalSeen}`,
              `${r.leaf.sha256.slice(0, 16)}…`,
            ]),
          );
          process.stdout.write(`${table}\n`);
          process.stdout.write(head ? `tree size ${head.treeSize}, root ${head.rootHash}\n` : 'the ledger is empty\n');
          return 0;
        });
      }),
    );

  ledger
    .command('verify')
    .description(
      'recompute every leaf hash, root and signed tree head, and the subject counters; name the first bad entry',
    )
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  datapass ledger verify\n  datapass ledger verify --json   # exit 1 when tampered',
    )
    .action(
      action(async (opts: { json?: boolean }, cmd: Command) =>
        withLedger(cmd, async (l) => {
          const r = await l.verify();
          if (opts.json) printJson(r);
          if (r.ok) {
            if (!opts.json) process.stdout.write(`ok: ${r.size} batches, ${r.heads} signed tree heads verified\n`);
            return 0;
          }
          const bad = r.firstBad as NonNullable<typeof r.firstBad>;
          throw new DataPassError(
            problem('ledger.tampered', { index: bad.index, batchId: bad.batchId ?? '', reason: bad.reason }),
          );
        }),
      ),
    );

  ledger
    .command('prove')
    .description('inclusion proof of a batch against the latest signed tree head')
    .argument('<batchId>', 'batch id as shown by `ledger show`')
    .option('--json', 'machine-readable output (give this file to the regulator)')
    .addHelpText('after', '\nExample:\n  datapass ledger prove b-0b6e3f2a-… --json > proof.json')
    .action(
      action(async (batchId: string, opts: { json?: boolean }, cmd: Command) =>
        withLedger(cmd, async (l) => {
          const p = await l.prove(batchId);
          if (opts.json) printJson(p);
          else {
            process.stdout.write(
              `batch ${p.batchId} is leaf ${p.leafIndex} of ${p.treeSize}\nleaf hash ${p.leafHash}\nroot      ${p.head.rootHash}\naudit path (${p.path.length}):\n${p.path.map((h) => `  ${h}`).join('\n')}\n`,
            );
          }
          return 0;
        }),
      ),
    );

  ledger
    .command('consistency')
    .description('consistency proof: the tree of OLD_SIZE leaves is a prefix of the tree of NEW_SIZE leaves')
    .argument('<oldSize>', 'size of the older tree head')
    .argument('<newSize>', 'size of the newer tree head')
    .option('--json', 'machine-readable output')
    .addHelpText('after', '\nExample:\n  datapass ledger consistency 120 4096 --json > consistency.json')
    .action(
      action(async (a: string, b: string, opts: { json?: boolean }, cmd: Command) => {
        const oldSize = parseSize('OLD_SIZE', a);
        const newSize = parseSize('NEW_SIZE', b);
        return withLedger(cmd, async (l) => {
          const p = await l.consistency(oldSize, newSize);
          if (opts.json) printJson(p);
          else {
            process.stdout.write(
              `${p.oldSize} → ${p.newSize}\nnew root ${p.newHead.rootHash}\nproof (${p.path.length}):\n${p.path.map((h) => `  ${h}`).join('\n')}\n`,
            );
          }
          return 0;
        });
      }),
    );

  ledger
    .command('counts')
    .description('distinct data subjects exported per exporter and calendar year (Asia/Shanghai), sensitive and not')
    .option('--year <year>', 'calendar year, e.g. 2026')
    .option('--exporter <name>', 'only this exporter')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  datapass ledger counts\n  datapass ledger counts --year 2026 --exporter acme --json',
    )
    .action(
      action(async (opts: { year?: string; exporter?: string; json?: boolean }, cmd: Command) => {
        let year: number | undefined;
        if (opts.year !== undefined) {
          if (!/^\d{4}$/.test(opts.year)) usageError('--year', opts.year, 'a four-digit year');
          year = Number(opts.year);
        }
        const filter: { exporter?: string; year?: number } = {};
        if (opts.exporter !== undefined) filter.exporter = opts.exporter;
        if (year !== undefined) filter.year = year;
        // No ledger yet: nothing was exported, so every count is zero (and nothing is created to say so).
        const rows = ledgerExists(globalOptions(cmd.optsWithGlobals()).dataDir)
          ? await withLedger(cmd, (l) => l.allCounts(filter))
          : [];
        if (opts.json) printJson(rows);
        else {
          process.stdout.write(
            `${renderTable(
              ['exporter', 'year', 'personal (non-sensitive)', 'sensitive'],
              rows.map((r) => [r.exporter, String(r.year), String(r.personal), String(r.sensitive)]),
            )}\n`,
          );
        }
        return 0;
      }),
    );

  ledger
    .command('evidence')
    .description('spot-check: decrypt the stored copy of a batch and compare its SHA-256 with the ledger')
    .argument('<batchId>', 'batch id')
    .requiredOption('--key <keyfile>', "the exporter's 32-byte evidence key (raw, hex or base64)")
    .option('--out <file>', 'also write the decrypted bytes here')
    .option('--json', 'machine-readable output')
    .addHelpText('after', '\nExample:\n  datapass ledger evidence b-0b6e3f2a-… --key acme-evidence.key --out batch.csv')
    .action(
      action(async (batchId: string, opts: { key: string; out?: string; json?: boolean }, cmd: Command) =>
        withLedger(cmd, async (l) => {
          const r = await l.readEvidence(batchId, opts.key);
          if (opts.json) printJson({ batchId, sha256: r.sha256, recorded: r.recorded, matches: r.matches });
          if (!r.matches) {
            throw new DataPassError(
              problem('ledger.evidence_mismatch', { id: batchId, actual: r.sha256, recorded: r.recorded }),
            );
          }
          // Only bytes that match the ledger are written, and only whole (temporary name, then rename).
          if (opts.out) writeWhole(opts.out, r.bytes);
          if (!opts.json) process.stdout.write(`ok: evidence of ${batchId} matches the ledger (sha256 ${r.sha256})\n`);
          return 0;
        }),
      ),
    );

  ledger
    .command('verify-proof')
    .description('third-party check of an inclusion or consistency proof file, without the database')
    .argument('<proof>', 'JSON from `ledger prove --json` or `ledger consistency --json`')
    .option('--head <file>', 'a signed tree head you already hold and trust (JSON)')
    .option('--public-key <base64>', 'the ledger public key, pinned out of band')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  datapass ledger verify-proof proof.json --head head.json\n  datapass ledger verify-proof consistency.json --head old-head.json',
    )
    .action(
      action((file: string, opts: { head?: string; publicKey?: string; json?: boolean }) => {
        if (opts.publicKey !== undefined && !PUBLIC_KEY_B64.test(opts.publicKey))
          usageError('--public-key', opts.publicKey, 'base64 of a 32-byte Ed25519 public key');
        const { kind, proof } = readChecked(file, parseProof);
        const trust: { trustedHead?: SignedTreeHead; publicKey?: string } = {};
        // A bare head, or `ledger show --json` / proof output that carries one.
        if (opts.head) trust.trustedHead = readChecked(opts.head, parseTreeHead);
        if (opts.publicKey) trust.publicKey = opts.publicKey;
        const r = kind === 'inclusion' ? verifyInclusionProof(proof, trust) : verifyConsistencyProof(proof, trust);
        if (opts.json) printJson({ kind, ...r });
        if (!r.ok) throw new DataPassError(problem('ledger.proof_invalid', { reason: r.reason }));
        if (!opts.json) process.stdout.write(`ok: ${kind} proof verifies\n`);
        return 0;
      }),
    );
}
