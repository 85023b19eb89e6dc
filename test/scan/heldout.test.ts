/**
 * Red-team accuracy suite. The datasets (test/scan/heldout/) were written INDEPENDENTLY of the synthetic generator
 * in src/core/synth (which was written together with the classifier, so its 100% proves little): own PRNG, own
 * check-digit code from the spec, vocabularies and header spellings taken from real Chinese enterprise exports,
 * messy formats (`+86 138 0013 8000`, `0086-…`, lower-case `x`, 15-digit IDs, `沪A·12345`, `1990年1月2日`,
 * `MM/DD/YYYY`, `NULL`/`\N` placeholders, `'` and tab text markers), empty-heavy and typo columns, and decoys that
 * must never be reported as identifiers (order numbers, sequential 13x counters, Luhn-failing numbers, SKUs,
 * UUIDs, hashes, tracking numbers, epochs, versions, ICCID/IMSI, region+date order numbers, nicknames, remarks).
 *
 * Targets (docs/scan.md): ≥ 97% of columns right and NO decoy flagged — in memory and through the real readers.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanSource } from '../../src/adapters/scan/index.js';
import { classifyColumns } from '../../src/core/scan/classify.js';
import { type EvaluationResult, evaluateScan, type GroundTruth } from '../../src/core/scan/evaluate.js';
import { tempDir } from '../helpers/cli.js';
import { buildAll, type HeldoutDataset } from './heldout/datasets.js';
import { writeCsv, writeNdjson } from './heldout/write.js';

const TODAY = '2025-06-30';
const labels = (ds: HeldoutDataset): GroundTruth => ds.labels as GroundTruth;
const show = (res: EvaluationResult) => ({
  accuracy: res.columnAccuracy,
  flagged: res.decoysFlagged,
  errors: res.errors,
});

describe('red-team accuracy (independent generator)', () => {
  for (const seed of [4242, 777]) {
    it(`in memory, seed ${seed}`, () => {
      const all = buildAll(seed);
      expect(all.length).toBeGreaterThanOrEqual(20);
      const res = evaluateScan(
        all.map((ds) => ({
          report: { columns: classifyColumns(ds.columns, ds.rows, { today: TODAY }) },
          labels: labels(ds),
        })),
      );
      expect(res.columns).toBeGreaterThanOrEqual(250);
      expect(res.decoys).toBeGreaterThanOrEqual(70);
      expect(show(res)).toMatchObject({ flagged: 0 });
      expect(res.columnAccuracy, JSON.stringify(res.errors)).toBeGreaterThanOrEqual(0.97);
    });
  }

  it('through the readers: CSV (comma/tab, BOM, GBK, CRLF) and NDJSON, full and sampled', async () => {
    const dir = tempDir();
    const all = buildAll(31337);
    const pairs = [];
    for (const [i, ds] of all.entries()) {
      const style = i % 4;
      let file: string;
      if (style === 0) {
        file = join(dir, `${ds.name}.ndjson`);
        writeNdjson(ds, file);
      } else {
        file = join(dir, `${ds.name}.${style === 2 ? 'tsv' : 'csv'}`);
        writeCsv(ds, file, {
          delimiter: style === 2 ? '\t' : ',',
          bom: style === 1,
          encoding: style === 3 ? 'gbk' : 'utf-8',
          crlf: style === 3,
        });
      }
      const opts = i % 2 === 0 ? { full: true } : { sample: 700 };
      const report = await scanSource(file, { ...opts, today: TODAY });
      expect(report.columns.map((c) => c.name)).toEqual(ds.columns);
      pairs.push({ report, labels: labels(ds) });
    }
    const res = evaluateScan(pairs);
    expect(show(res)).toMatchObject({ flagged: 0 });
    expect(res.columnAccuracy, JSON.stringify(res.errors)).toBeGreaterThanOrEqual(0.97);
  });
});
