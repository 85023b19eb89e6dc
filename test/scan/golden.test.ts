import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanSource } from '../../src/adapters/scan/index.js';
import { writeDatasetFile } from '../../src/adapters/scan/write-dataset.js';
import { generateDataset } from '../../src/core/synth/datasets.js';
import { tempDir } from '../helpers/cli.js';

describe('scan report golden file', () => {
  it('repair orders, seed 7, 500 rows, mixed headers', async () => {
    const ds = generateDataset('repair_orders', { rows: 500, seed: 7, headers: 'mixed' });
    const file = join(tempDir(), 'repair_orders.csv');
    await writeDatasetFile(ds, 'csv', file);
    const report = await scanSource(file, { today: '2025-06-30' });
    report.source = 'repair_orders.csv';
    await expect(`${JSON.stringify(report, null, 2)}\n`).toMatchFileSnapshot(
      '../golden/scan/repair_orders.report.json',
    );
  });
});
