/**
 * Red team 2 (second independent set): 16 tables the first red-team set does not cover well — vehicle telematics
 * (`lat`/`lng`, `wd`/`jd`, ICCID/IMSI decoys), insurance claims (lower-case `x`, spaced 62-cards), outpatient HIS
 * (ICD-10, 门诊号/病历号 decoys), pinyin HR headers, shipping (`IMO ` prefix, Co., Ltd. consignees, USCC), CRM
 * (openid/unionid, IPv6, MAC), e-commerce (masked phones and IDs, EAN-13), genomics reads, NEV plates, English
 * split-name and address-part columns, and check-digit-bearing decoys (GTIN, ISBN, ICCID). See test/scan/heldout2/.
 * Targets (docs/scan.md): ≥ 97% of columns right and NO decoy flagged, in memory and through the readers.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanSource } from '../../src/adapters/scan/index.js';
import { classifyColumns } from '../../src/core/scan/classify.js';
import { evaluateScan, type GroundTruth } from '../../src/core/scan/evaluate.js';
import { tempDir } from '../helpers/cli.js';
import { buildAll2, type Dataset2 } from './heldout2/datasets.js';
import { toCsv, toNdjson } from './heldout2/write.js';

const TODAY = '2025-06-30';
const labels = (ds: Dataset2): GroundTruth => ds.labels as GroundTruth;

describe('red team 2 (second independent generator)', () => {
  for (const seed of [11, 2026]) {
    it(`in memory, seed ${seed}`, () => {
      const all = buildAll2(seed);
      expect(all.length).toBeGreaterThanOrEqual(15);
      const res = evaluateScan(
        all.map((ds) => ({
          report: { columns: classifyColumns(ds.columns, ds.rows, { today: TODAY }) },
          labels: labels(ds),
        })),
      );
      expect(res.columns).toBeGreaterThanOrEqual(160);
      expect(res.decoys).toBeGreaterThanOrEqual(50);
      expect(res.decoysFlagged, JSON.stringify(res.errors)).toBe(0);
      expect(res.columnAccuracy, JSON.stringify(res.errors)).toBeGreaterThanOrEqual(0.97);
    });
  }

  it('through the readers: CSV (`;`, tab, `,`; BOM, GBK, CRLF) and NDJSON, full and sampled', async () => {
    const dir = tempDir();
    const pairs = [];
    for (const [i, ds] of buildAll2(99).entries()) {
      let file: string;
      if (i % 3 === 0) {
        file = join(dir, `${ds.name}.ndjson`);
        toNdjson(ds, file);
      } else {
        file = join(dir, `${ds.name}.csv`);
        toCsv(ds, file, { delimiter: i % 3 === 1 ? ';' : i % 2 ? '\t' : ',', bom: i % 4 === 1, gbk: i % 5 === 2 });
      }
      const report = await scanSource(file, { ...(i % 2 ? { sample: 200 } : { full: true }), today: TODAY });
      expect(report.columns.map((c) => c.name)).toEqual(ds.columns);
      pairs.push({ report, labels: labels(ds) });
    }
    const res = evaluateScan(pairs);
    expect(res.decoysFlagged, JSON.stringify(res.errors)).toBe(0);
    expect(res.columnAccuracy, JSON.stringify(res.errors)).toBeGreaterThanOrEqual(0.97);
  });
});
