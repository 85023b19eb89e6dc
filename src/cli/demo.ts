/**
 * @module cli/demo
 * `datapass demo data`: writes deterministic synthetic datasets with ground-truth labels (repair orders, clinical
 * trials, HR with pinyin headers, shipping documents; with decoy columns) for trying the scanner and measuring it.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { ensureDir } from '../adapters/paths.js';
import { type DatasetFileFormat, writeDatasetFile, writeLabelsFile } from '../adapters/scan/write-dataset.js';
import {
  DATASET_KINDS,
  type DatasetKind,
  generateDataset,
  HEADER_STYLES,
  type HeaderStyle,
} from '../core/synth/datasets.js';
import { action, printJson, usageError } from './run.js';

/** Demo datasets are for trying things out: more rows than this is a typo, not a demo. */
export const MAX_DEMO_ROWS = 10_000_000;
/** Seeds are 32-bit: a larger one would silently give the same data as a smaller one. */
export const MAX_SEED = 4_294_967_295;

interface DemoDataOptions {
  kind: string;
  rows: string;
  seed: string;
  format: string;
  headers: string;
  out: string;
  json?: boolean;
}

export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('demonstration data and walkthroughs');
  demo
    .command('data')
    .description('write synthetic datasets with ground-truth labels (`<name>.labels.json`) for scans and evaluation')
    .option('--kind <kind>', `dataset: ${DATASET_KINDS.join(', ')} or all`, 'all')
    .option('--rows <n>', `rows per dataset (1 to ${MAX_DEMO_ROWS})`, '2000')
    .option('--seed <n>', 'seed: the same seed writes the same files', '1')
    .option('--format <fmt>', 'csv or ndjson', 'csv')
    .option('--headers <style>', `column names: ${HEADER_STYLES.join(', ')}`, 'mixed')
    .option('--out <dir>', 'output directory', 'demo-data')
    .option('--json', 'list the files written as JSON')
    .addHelpText(
      'after',
      `
Datasets: repair_orders (14 columns: VIN, plate, owner, mobile, ID, dealer, fault text, and decoys: 18-digit
order numbers, 17-char part numbers), clinical_trials, hr (pinyin headers such as xm, sfzh, sjhm, yhkh),
shipping (IMO numbers, containers, USCC, coordinates). Decoys are labelled \`decoy: true\`.

Examples:
  datapass demo data
  datapass demo data --kind repair_orders --rows 100000 --format ndjson --out /tmp/ro
  datapass demo data --headers heldout --seed 7 --out heldout`,
    )
    .action(
      action(async (opts: DemoDataOptions) => {
        const kinds: DatasetKind[] =
          opts.kind === 'all'
            ? [...DATASET_KINDS]
            : (DATASET_KINDS as readonly string[]).includes(opts.kind)
              ? [opts.kind as DatasetKind]
              : usageError('--kind', opts.kind, `one of ${DATASET_KINDS.join(', ')}, all`);
        if (!/^\d+$/.test(opts.rows) || Number(opts.rows) < 1 || Number(opts.rows) > MAX_DEMO_ROWS)
          usageError('--rows', opts.rows, `a number of rows from 1 to ${MAX_DEMO_ROWS}`);
        if (!/^\d+$/.test(opts.seed) || Number(opts.seed) > MAX_SEED)
          usageError('--seed', opts.seed, `a whole number from 0 to ${MAX_SEED}`);
        if (opts.format !== 'csv' && opts.format !== 'ndjson') usageError('--format', opts.format, 'csv or ndjson');
        if (!(HEADER_STYLES as readonly string[]).includes(opts.headers))
          usageError('--headers', opts.headers, HEADER_STYLES.join(', '));
        ensureDir(opts.out);
        const written: Array<{ kind: string; data: string; labels: string; rows: number; bytes: number }> = [];
        for (const kind of kinds) {
          const ds = generateDataset(kind, {
            rows: Number(opts.rows),
            seed: Number(opts.seed),
            headers: opts.headers as HeaderStyle,
          });
          const data = join(opts.out, `${kind}.${opts.format}`);
          const labels = join(opts.out, `${kind}.labels.json`);
          const bytes = await writeDatasetFile(ds, opts.format as DatasetFileFormat, data);
          await writeLabelsFile(ds, labels);
          written.push({ kind, data, labels, rows: Number(opts.rows), bytes });
        }
        if (opts.json) printJson({ files: written });
        else
          for (const w of written) process.stdout.write(`${w.data} (${w.rows} rows, ${w.bytes} bytes) + ${w.labels}\n`);
        return 0;
      }),
    );
}
