/**
 * @module adapters/scan
 * `scanSource()`: reads a dataset through the source readers (`src/adapters/sources`) and classifies its columns.
 * The stable entry point for the CLI, the assessment engine and the gateway.
 *
 * ```ts
 * const report = await scanSource('orders.csv');                               // uniform sample of 10,000 rows
 * const full = await scanSource('orders.ndjson', { full: true, list });         // every value, mapped to a list
 * ```
 */
import type { GeneralDataList } from '../../core/lists/schema.js';
import { createColumnScanner } from '../../core/scan/classify.js';
import { mapToList } from '../../core/scan/map-list.js';
import type { ScanReport } from '../../core/scan/report.js';
import { systemClock } from '../clock.js';
import {
  DEFAULT_SAMPLE_SEED,
  openSource,
  type SourceFormat,
  type SourceProgress,
  seededRandom,
} from '../sources/index.js';

/** Default sample size: up to 10,000 rows per source. */
export const DEFAULT_SAMPLE_ROWS = 10_000;

export interface ScanOptions {
  /** Map columns to this general data list (`listField`, `unmatchedListFields`). */
  list?: GeneralDataList;
  /** Sample size (reservoir sample, uniform over the whole source). Default 10,000. Ignored with `full`. */
  sample?: number;
  /** Put every row through the detectors instead of a sample. */
  full?: boolean;
  /** Text encoding of CSV/TSV/JSON sources (default: detected). */
  encoding?: string;
  /** Force a format instead of detecting it. */
  format?: SourceFormat;
  /** CSV delimiter (default: sniffed). */
  delimiter?: string;
  /** XLSX worksheet (default: the first). */
  sheet?: string;
  /** Seed of the reservoir sample (default: fixed, so scans are repeatable). */
  seed?: number;
  /** Today `YYYY-MM-DD` (birth dates after it are rejected). Default: the system clock (`DATAPASS_NOW` pins it). */
  today?: string;
  /** Called after each batch of rows read. */
  onProgress?: (p: SourceProgress) => void;
  /** Stream for the `-` source (tests). */
  stdin?: NodeJS.ReadableStream;
}

/**
 * Scans one source and returns the report (the `--json` output of `datapass scan`).
 * @throws DataPassError (`input.*`, exit 2) when the source cannot be read; non-fatal reader problems are counted in
 *   `warnings` and listed (up to 100) in `warningDetails`.
 */
export async function scanSource(spec: string, opts: ScanOptions = {}): Promise<ScanReport> {
  const srcOpts: Parameters<typeof openSource>[1] = {};
  if (opts.encoding !== undefined) srcOpts.encoding = opts.encoding;
  if (opts.format !== undefined) srcOpts.format = opts.format;
  if (opts.delimiter !== undefined) srcOpts.delimiter = opts.delimiter;
  if (opts.sheet !== undefined) srcOpts.sheet = opts.sheet;
  if (opts.stdin !== undefined) srcOpts.stdin = opts.stdin;
  const reader = await openSource(spec, srcOpts);
  const today = opts.today ?? systemClock().today();
  const full = opts.full === true;
  const k = Math.max(1, Math.floor(opts.sample ?? DEFAULT_SAMPLE_ROWS));
  let rowsRead = 0;
  let rowsScanned = 0;
  let columns: ReturnType<ReturnType<typeof createColumnScanner>['finish']>;
  try {
    if (full) {
      const scanner = createColumnScanner(reader.columns(), { today });
      for await (const batch of reader.rowsAsArrays()) {
        scanner.push(batch, reader.columns());
        rowsRead += batch.length;
        opts.onProgress?.(reader.progress());
      }
      rowsScanned = rowsRead;
      columns = scanner.finish();
    } else {
      // reservoir sample (Algorithm R) over row arrays, input order kept
      const rand = seededRandom(opts.seed ?? DEFAULT_SAMPLE_SEED);
      const kept: (string | null)[][] = [];
      const keptAt: number[] = [];
      for await (const batch of reader.rowsAsArrays()) {
        for (const values of batch) {
          if (rowsRead < k) {
            kept.push(values);
            keptAt.push(rowsRead);
          } else {
            const j = Math.floor(rand() * (rowsRead + 1));
            if (j < k) {
              kept[j] = values;
              keptAt[j] = rowsRead;
            }
          }
          rowsRead++;
        }
        opts.onProgress?.(reader.progress());
      }
      const order = keptAt.map((at, slot) => [at, slot] as const).sort((a, b) => a[0] - b[0]);
      const scanner = createColumnScanner(reader.columns(), { today });
      scanner.push(order.map(([, slot]) => kept[slot] as (string | null)[]));
      rowsScanned = kept.length;
      columns = scanner.finish();
    }
  } finally {
    await reader.close();
  }
  const warnings = reader.warnings();
  let report: ScanReport = {
    source: reader.source,
    format: reader.format,
    rowsScanned,
    rowsRead,
    sampled: !full && rowsRead > rowsScanned,
    columns,
    warnings: reader.warningCount(),
  };
  if (reader.encoding) report.encoding = reader.encoding;
  if (warnings.length > 0) {
    report.warningDetails = warnings.map((w) => {
      const d: NonNullable<ScanReport['warningDetails']>[number] = { code: w.code, params: w.params };
      if (w.location) d.location = { ...w.location };
      return d;
    });
  }
  if (opts.list) report = mapToList(report, opts.list);
  return report;
}
