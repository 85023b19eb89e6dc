/**
 * @module cli/evaluate
 * `datapass evaluate REPORT --labels LABELS`: scores a scan report against ground-truth labels (from
 * `datapass demo data`), so accuracy is measured, not claimed.
 */

import type { Command } from 'commander';
import { readJsonDocument } from '../adapters/fs/read.js';
import { DataPassError, problem } from '../core/problems.js';
import { type EvaluationResult, evaluateScan, type GroundTruth } from '../core/scan/evaluate.js';
import type { ScanReport } from '../core/scan/report.js';
import { action, printJson } from './run.js';
import { renderTable } from './table.js';

/** Scan reports and labels files can be large: up to 256 MiB. */
const JSON_LIMIT = 256 * 1024 * 1024;

function readJson(file: string): unknown {
  return readJsonDocument(file, JSON_LIMIT);
}

function asReport(v: unknown, file: string): Pick<ScanReport, 'columns'> {
  const r = v as ScanReport;
  if (
    typeof v === 'object' &&
    v !== null &&
    Array.isArray(r.columns) &&
    r.columns.every((c) => typeof c?.name === 'string' && 'infoType' in c && typeof c.findings === 'object')
  )
    return r;
  throw new DataPassError(problem('scan.not_a_report', { file }, [], { location: { file } }));
}

function asLabels(v: unknown, file: string): GroundTruth {
  const ok = (x: unknown): x is GroundTruth =>
    typeof x === 'object' &&
    x !== null &&
    Array.isArray((x as GroundTruth).columns) &&
    (x as GroundTruth).columns.every((c) => typeof c?.name === 'string' && typeof c.decoy === 'boolean');
  if (ok(v)) return v;
  throw new DataPassError(problem('scan.not_labels', { file }, [], { location: { file } }));
}

export function renderEvaluation(r: EvaluationResult): string {
  const lines = [
    `column accuracy: ${(r.columnAccuracy * 100).toFixed(2)}% (${r.correct}/${r.columns})`,
    `decoys flagged as identifiers: ${r.decoysFlagged}/${r.decoys}`,
    `free text: ${r.freeText.found}/${r.freeText.planted} planted infoTypes found`,
    '',
    renderTable(
      ['infoType', 'precision', 'recall', 'tp', 'fp', 'fn'],
      Object.entries(r.perInfoType).map(([t, s]) => [
        t,
        s.precision.toFixed(3),
        s.recall.toFixed(3),
        String(s.tp),
        String(s.fp),
        String(s.fn),
      ]),
    ),
  ];
  if (r.errors.length > 0) {
    lines.push('', 'wrong columns:');
    for (const e of r.errors)
      lines.push(
        `  ${e.dataset}: \`${e.column}\` expected ${e.expected ?? 'null'}, got ${e.got ?? 'null'}${e.decoy ? ' (decoy)' : ''}`,
      );
  }
  if (r.missing.length > 0) lines.push('', `labelled columns missing from the report: ${r.missing.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

export function registerEvaluateCommands(program: Command): void {
  program
    .command('evaluate')
    .description(
      'score scan reports against ground-truth labels: column accuracy, per-infoType precision/recall, decoys flagged',
    )
    .argument('<reports...>', 'scan reports (`datapass scan --json` output), one per labels file')
    .requiredOption(
      '--labels <files...>',
      'labels files (`<name>.labels.json` from `datapass demo data`), in the same order',
    )
    .option('--json', 'machine-readable result')
    .addHelpText(
      'after',
      `
Exit code 0 whatever the score (the numbers are the result); 2 on unreadable input.

Examples:
  datapass demo data --kind repair_orders --out demo
  datapass scan demo/repair_orders.csv --json > report.json
  datapass evaluate report.json --labels demo/repair_orders.labels.json
  datapass evaluate a.json b.json --labels a.labels.json b.labels.json --json`,
    )
    .action(
      action((reports: string[], opts: { labels: string[]; json?: boolean }) => {
        if (reports.length !== opts.labels.length)
          throw new DataPassError(
            problem('usage.invalid_argument', {
              name: '--labels',
              value: opts.labels.join(' '),
              detail: `: give one labels file per report (${reports.length} report(s), ${opts.labels.length} labels file(s))`,
            }),
          );
        const pairs = reports.map((f, i) => ({
          report: asReport(readJson(f), f),
          labels: asLabels(readJson(opts.labels[i] as string), opts.labels[i] as string),
        }));
        const res = evaluateScan(pairs);
        if (opts.json) printJson(res);
        else process.stdout.write(renderEvaluation(res));
        return 0;
      }),
    );
}
