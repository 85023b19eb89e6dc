/**
 * Accuracy on data the scanner was not tuned on: held-out seeds, the held-out header spellings (kept apart from
 * the lexicon and its tests) and meaningless `c07` headers. Targets: ≥ 97% of columns right, no decoy flagged.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanSource } from '../../src/adapters/scan/index.js';
import { writeDatasetFile } from '../../src/adapters/scan/write-dataset.js';
import { classifyColumns } from '../../src/core/scan/classify.js';
import { evaluateScan } from '../../src/core/scan/evaluate.js';
import { DATASET_KINDS, generateDataset } from '../../src/core/synth/datasets.js';
import { tempDir } from '../helpers/cli.js';

const HELD_OUT_SEEDS = [90_001, 90_002, 90_003];

describe('accuracy on held-out synthetic data', () => {
  for (const headers of ['heldout', 'opaque', 'mixed'] as const) {
    it(`headers: ${headers}`, () => {
      const pairs = [];
      for (const kind of DATASET_KINDS)
        for (const seed of HELD_OUT_SEEDS) {
          const ds = generateDataset(kind, { rows: 1500, seed, headers });
          pairs.push({
            report: { columns: classifyColumns(ds.columns, [...ds.rows()], { today: '2025-06-30' }) },
            labels: ds.labels,
          });
        }
      const res = evaluateScan(pairs);
      expect(res.errors).toEqual(res.errors.filter(() => res.columnAccuracy >= 0.97)); // shows the errors on failure
      expect(res.columnAccuracy).toBeGreaterThanOrEqual(0.97);
      expect(res.decoysFlagged).toBe(0);
      expect(res.freeText.found / res.freeText.planted).toBeGreaterThanOrEqual(0.7);
    });
  }

  it('through the reader: a CSV file, sampled and full', async () => {
    const ds = generateDataset('hr', { rows: 3000, seed: 90_004, headers: 'heldout' });
    const file = join(tempDir(), 'hr.csv');
    await writeDatasetFile(ds, 'csv', file);
    for (const opts of [{ sample: 1000 }, { full: true }]) {
      const report = await scanSource(file, { ...opts, today: '2025-06-30' });
      const res = evaluateScan([{ report, labels: ds.labels }]);
      expect(res.columnAccuracy).toBeGreaterThanOrEqual(0.97);
      expect(res.decoysFlagged).toBe(0);
    }
  });
});
