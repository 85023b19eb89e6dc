/**
 * @module cli/apply
 * `datapass apply`: enforce an export manifest on a data stream (see docs/gateway.md).
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { systemClock } from '../adapters/clock.js';
import { loadPublicKey } from '../adapters/crypto/key-files.js';
import type { ApplySummary, InputFormat, OutputFormat } from '../adapters/gateway/apply.js';
import { action, globalOptions, printJson, usageError } from './run.js';

/** The most workers `--workers` accepts. */
const MAX_WORKERS = 32;

/** True when `a` and `b` name the same file: the same path, or (both existing) the same inode (links). */
function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** True when `p` names an existing directory (following links). */
function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

interface ApplyOpts {
  manifest: string;
  in?: string;
  out?: string;
  format?: string;
  inputFormat?: string;
  to?: string;
  country?: string;
  rejects?: string;
  strict?: boolean;
  spool?: boolean;
  workers?: string;
  requireSignature?: boolean;
  trustKey?: string[];
  maxLineBytes?: string;
  delimiter?: string;
  gateway?: string;
  progress?: boolean;
  json?: boolean;
}

function mb(n: number): string {
  return `${(n / 1e6).toFixed(1)} MB`;
}

/** The one summary line on stderr. */
export function summaryLine(s: ApplySummary): string {
  const rate = s.seconds > 0 ? s.bytesIn / 1e6 / s.seconds : 0;
  return (
    `datapass: apply: ${s.recordsIn} in, ${s.recordsOut} out, ${s.rejected} rejected, ${s.suppressed} suppressed; ` +
    `subjects ${s.subjects.new} new, ${s.subjects.seen} seen; ${mb(s.bytesIn)} in, ${mb(s.bytesOut)} out; ` +
    `${s.seconds.toFixed(2)} s, ${rate.toFixed(0)} MB/s; batch ${s.batchId}` +
    (s.rejectsFile ? `; rejects in ${s.rejectsFile}` : '')
  );
}

export function registerApplyCommands(program: Command): void {
  program
    .command('apply')
    .description(
      'send a dataset through an approved export manifest: deny by default, fail closed, recorded in the ledger',
    )
    .requiredOption('--manifest <file>', 'export manifest (YAML)')
    .option('--in <source>', 'input file (.ndjson/.jsonl or .csv/.tsv); default standard input')
    .option('--out <dest>', 'output file, written to a temp name and renamed once recorded; default standard output')
    .option('--format <format>', 'output format: ndjson, csv or parquet (default: from --out, else the input format)')
    .option('--input-format <format>', 'input format: ndjson or csv (default: from the extension, else sniffed)')
    .option('--to <recipient>', 'recipient name from the manifest (required when it names several)')
    .option('--country <cc>', 'destination country (required when the recipient has several)')
    .option('--rejects <file>', 'reject side file (default: <out>.rejected.ndjson, or under <data-dir>/rejects/)')
    .option('--strict', 'any rejected record stops the batch: nothing is sent')
    .option(
      '--spool',
      'with standard output: hold the batch in a domestic spool file until the ledger intent is written',
    )
    .option(
      '--workers <n>',
      'worker threads (0 = main thread only; default for an input file over 64 MiB: one per 256 MiB, at most min(4, cores - 1), the main thread transforming beside them; else 0)',
    )
    .option('--require-signature', 'refuse a manifest that no trusted key signed, whoever issued it')
    .option('--trust-key <pubfile...>', 'also trust these public keys for this run (self-signed trials)')
    .option('--max-line-bytes <n>', 'longest record accepted (default 16 MiB); longer ones are rejected')
    .option('--delimiter <char>', 'CSV delimiter (default `,`, tab for .tsv)')
    .option('--gateway <id>', 'gateway instance id recorded in the ledger', 'datapass-cli')
    .option('--no-progress', 'no progress bar even on a terminal')
    .option('--json', 'print the summary as JSON on standard error')
    .addHelpText(
      'after',
      `
Examples:
  datapass apply --manifest acme-to-de.yaml --in orders.ndjson --out export/orders.ndjson
  cat orders.csv | datapass apply --manifest acme-to-de.yaml --to acme-gmbh --country DE > out.csv
  datapass apply --manifest m.yaml --in orders.csv --out orders.parquet --workers 2 --strict`,
    )
    .action(
      action(async (opts: ApplyOpts, cmd: Command) => {
        const g = globalOptions(cmd.optsWithGlobals());
        const fmt = (v: string | undefined, allowed: string[], name: string) => {
          if (v !== undefined && !allowed.includes(v)) usageError(name, v, `expected ${allowed.join(', ')}`);
          return v;
        };
        const format = fmt(opts.format, ['ndjson', 'csv', 'parquet'], '--format') as OutputFormat | undefined;
        const inputFormat = fmt(opts.inputFormat, ['ndjson', 'csv'], '--input-format') as InputFormat | undefined;
        const int = (v: string | undefined, name: string, min: number): number | undefined => {
          if (v === undefined) return undefined;
          if (!/^\d+$/.test(v) || Number(v) < min) usageError(name, v, `expected an integer >= ${min}`);
          return Number(v);
        };
        const workers = int(opts.workers, '--workers', 0);
        // Each worker is a V8 isolate (~10 MB, ~40 ms to start): more than this only costs memory.
        if (workers !== undefined && workers > MAX_WORKERS)
          usageError('--workers', String(opts.workers), `expected an integer from 0 to ${MAX_WORKERS}`);
        // The export, the data it reads and the rejects are three different files: writing one over another
        // would destroy the source or lose the rejects.
        const file = (v: string | undefined) => (v === undefined || v === '-' ? undefined : v);
        const [inF, outF, rejF] = [file(opts.in), file(opts.out), file(opts.rejects)];
        if (inF && outF && sameFile(inF, outF))
          usageError('--out', outF, 'is the input file: the export would overwrite the data it reads');
        if (rejF && inF && sameFile(rejF, inF))
          usageError('--rejects', rejF, 'is the input file: the rejects would overwrite the data they come from');
        if (rejF && outF && sameFile(rejF, outF))
          usageError('--rejects', rejF, 'is the output file: choose another file for the rejects');
        // Found before any byte leaves: with plain standard output the export is sent before the rejects file is
        // put in place, so it must not fail then for a reason that can be seen now.
        if (rejF && isDirectory(rejF)) usageError('--rejects', rejF, 'is a directory: name a file for the rejects');
        if (outF && isDirectory(outF)) usageError('--out', outF, 'is a directory: name a file for the export');
        const maxLineBytes = int(opts.maxLineBytes, '--max-line-bytes', 1);
        // The CSV scanners compare bytes: one ASCII character, and not one that quoting or line ends use.
        const d = opts.delimiter;
        if (d !== undefined && (d.length !== 1 || d < '\u0001' || d > '\u007f' || '"\r\n'.includes(d)))
          usageError('--delimiter', d, 'one ASCII character other than `"`, CR or LF');
        if (format === 'parquet' && (!opts.out || opts.out === '-') && process.stdout.isTTY)
          usageError('--format', 'parquet', 'parquet is binary: use --out or redirect standard output');
        const trustKeys = (opts.trustKey ?? []).map((f) => loadPublicKey(f));
        let bar: import('cli-progress').SingleBar | undefined;
        // Loaded on use, so other commands do not pay for the gateway's modules at startup. The workers (if the
        // batch gets any) start first, so their start overlaps ours.
        const { prestartWorkers } = await import('../adapters/gateway/pipeline.js');
        prestartWorkers(opts.in, workers);
        const { runApply } = await import('../adapters/gateway/apply.js');
        const summary = await runApply({
          dataDir: g.dataDir,
          manifestFile: opts.manifest,
          ...(opts.in !== undefined ? { input: opts.in } : {}),
          ...(opts.out !== undefined ? { output: opts.out } : {}),
          ...(format ? { format } : {}),
          ...(inputFormat ? { inputFormat } : {}),
          ...(opts.to !== undefined ? { to: opts.to } : {}),
          ...(opts.country !== undefined ? { country: opts.country } : {}),
          ...(opts.rejects !== undefined ? { rejectsFile: opts.rejects } : {}),
          ...(workers !== undefined ? { workers } : {}),
          ...(maxLineBytes !== undefined ? { maxLineBytes } : {}),
          ...(opts.delimiter !== undefined ? { delimiter: opts.delimiter } : {}),
          strict: opts.strict === true,
          spool: opts.spool === true,
          requireSignature: opts.requireSignature === true,
          trustKeys,
          gatewayId: opts.gateway ?? 'datapass-cli',
          clock: systemClock(),
          onStart: async ({ totalBytes }) => {
            if (opts.progress === false || !process.stderr.isTTY || totalBytes === undefined) return;
            const { SingleBar, Presets } = await import('cli-progress');
            bar = new SingleBar(
              { format: 'apply [{bar}] {percentage}% | {value}/{total} MB', stream: process.stderr, hideCursor: true },
              Presets.shades_classic,
            );
            bar.start(Math.ceil(totalBytes / 1e6), 0);
          },
          onProgress: (bytes) => bar?.update(Math.floor(bytes / 1e6)),
        });
        bar?.stop();
        if (opts.json) process.stderr.write(`${JSON.stringify(summary)}\n`);
        else process.stderr.write(`${summaryLine(summary)}\n`);
        return 0;
      }),
    );
  void printJson;
}
