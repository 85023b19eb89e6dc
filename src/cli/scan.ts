/**
 * @module cli/scan
 * `datapass scan SOURCE`: classify the columns of a dataset (identifier types, PI class, free-text findings) and,
 * with `--list`, map them to the fields of a general data list.
 */
import type { Command } from 'commander';
import { openCatalogue } from '../adapters/lists/catalogue.js';
import { DEFAULT_SAMPLE_ROWS, type ScanOptions, scanSource } from '../adapters/scan/index.js';
import { isSourceFormat, type SourceProgress } from '../adapters/sources/index.js';
import type { ScanReport } from '../core/scan/report.js';
import { action, globalOptions, printJson, usageError } from './run.js';
import { renderTable } from './table.js';

interface ScanCliOptions {
  list?: string;
  sample?: string;
  full?: boolean;
  json?: boolean;
  encoding?: string;
  format?: string;
  delimiter?: string;
  sheet?: string;
  progress?: boolean;
}

function fmtFindings(f: Record<string, number | undefined>): string {
  const parts = Object.entries(f)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([t, n]) => `${t}:${n}`);
  return parts.length > 0 ? parts.join(' ') : '-';
}

/** The human report: one line per column, then list matches and warnings. */
export function renderScanReport(r: ScanReport): string {
  const withList = r.list !== undefined;
  const header = ['column', 'infoType', 'PI', 'conf', 'findings'];
  if (withList) header.push('list field');
  const rows = r.columns.map((c) => {
    const row = [
      c.name,
      c.infoType ?? (c.kind === 'free_text' ? '(free text)' : c.kind === 'mixed' ? '(mixed)' : '-'),
      c.piClass,
      c.confidence.toFixed(2),
      fmtFindings(c.findings),
    ];
    if (withList) row.push(c.listField ?? '');
    return row;
  });
  const lines = [
    `${r.source} (${r.format}${r.encoding ? `, ${r.encoding}` : ''}): ${r.rowsScanned} rows scanned${r.sampled ? ` (uniform sample of ${r.rowsRead})` : ` of ${r.rowsRead}`}`,
    '',
    renderTable(header, rows),
  ];
  if (r.list) {
    lines.push(
      '',
      `list ${r.list.id}@${r.list.version}: fields without a column: ${r.unmatchedListFields?.length ? r.unmatchedListFields.join(', ') : 'none'}`,
    );
  }
  if (r.warnings > 0) lines.push('', `${r.warnings} reader warning(s); see --json \`warningDetails\``);
  return `${lines.join('\n')}\n`;
}

/** A progress bar on stderr, only on a terminal. */
async function progressBar(enabled: boolean): Promise<{ update: (p: SourceProgress) => void; stop: () => void }> {
  if (!enabled) return { update: () => {}, stop: () => {} };
  const { SingleBar, Presets } = await import('cli-progress');
  let bar: InstanceType<typeof SingleBar> | undefined;
  let last = 0;
  const started = Date.now();
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      if (!bar) {
        if (now - started < 500) return; // short scans: no bar
        bar = new SingleBar(
          {
            format: 'scanning [{bar}] {percentage}% | {rows} rows | {mb} MB',
            stream: process.stderr,
            hideCursor: true,
            clearOnComplete: true,
          },
          Presets.shades_classic,
        );
        bar.start(p.totalBytes ?? p.totalRows ?? 100, 0, { rows: 0, mb: '0' });
      }
      const value = p.totalBytes !== undefined ? p.bytesRead : p.totalRows !== undefined ? p.rowsRead : 0;
      bar.update(value, { rows: p.rowsRead, mb: (p.bytesRead / 1e6).toFixed(1) });
    },
    stop() {
      bar?.stop();
    },
  };
}

export function registerScanCommands(program: Command): void {
  program
    .command('scan')
    .description('classify the columns of a dataset: identifier types, PI class, free-text findings, list mapping')
    .argument(
      '<source>',
      'CSV/TSV/NDJSON/JSON/Parquet/XLSX file, `-` for stdin, `sqlite:PATH#TABLE` or `postgres://…#schema.table`',
    )
    .option('--list <ref>', 'map columns to a general data list: ID or ID@VERSION')
    .option('--sample <n>', `scan a uniform random sample of N rows (default ${DEFAULT_SAMPLE_ROWS})`)
    .option('--full', 'put every row through the detectors')
    .option('--json', 'machine-readable report')
    .option('--encoding <enc>', 'text encoding of the source (default: detected; e.g. gbk, utf-8)')
    .option('--format <fmt>', 'force the format: csv, tsv, ndjson, json, parquet, xlsx')
    .option('--delimiter <char>', 'CSV delimiter (default: sniffed)')
    .option('--sheet <name>', 'XLSX worksheet (default: the first)')
    .option('--no-progress', 'never show a progress bar')
    .addHelpText(
      'after',
      `
The report gives, per column: infoType (null for free text or non-identifiers), PI class, confidence in [0,1],
findings (values or text spans per infoType) and the evidence (header match, share of values each detector
accepted, and why). Exit codes: 0 scanned, 2 bad usage or unreadable source.

Examples:
  datapass scan repair_orders.csv
  datapass scan repair_orders.csv --list lingang.icv.after_sales --json
  datapass scan orders.ndjson --full
  datapass scan export.csv --encoding gbk --sample 2000
  cat rows.ndjson | datapass scan - --json
  datapass scan sqlite:crm.db#customers
  datapass scan "postgres://app@localhost:5432/crm#public.owners" --json`,
    )
    .action(
      action(async (source: string, opts: ScanCliOptions, cmd: Command) => {
        const g = globalOptions(cmd.optsWithGlobals());
        if (opts.full && opts.sample !== undefined)
          usageError('--sample', opts.sample, 'use either --sample or --full');
        const so: ScanOptions = {};
        if (opts.sample !== undefined) {
          if (!/^\d+$/.test(opts.sample) || Number(opts.sample) < 1)
            usageError('--sample', opts.sample, 'a positive number of rows');
          so.sample = Number(opts.sample);
        }
        if (opts.full) so.full = true;
        if (opts.encoding !== undefined) so.encoding = opts.encoding;
        if (opts.format !== undefined) {
          if (!isSourceFormat(opts.format))
            usageError('--format', opts.format, 'csv, tsv, ndjson, json, parquet or xlsx');
          so.format = opts.format;
        }
        if (opts.delimiter !== undefined) so.delimiter = opts.delimiter;
        if (opts.sheet !== undefined) so.sheet = opts.sheet;
        if (opts.list !== undefined) {
          const cat = openCatalogue({ dataDir: g.dataDir });
          try {
            so.list = cat.resolveGeneral(opts.list);
          } finally {
            cat.close();
          }
        }
        const bar = await progressBar(opts.progress !== false && !opts.json && process.stderr.isTTY === true);
        so.onProgress = bar.update;
        let report: ScanReport;
        try {
          report = await scanSource(source, so);
        } finally {
          bar.stop();
        }
        if (opts.json) printJson(report);
        else process.stdout.write(renderScanReport(report));
        return 0;
      }),
    );
}
