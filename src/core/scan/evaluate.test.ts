import { describe, expect, it } from 'vitest';
import { evaluateScan, type GroundTruth } from './evaluate.js';
import type { ScanColumn } from './report.js';

const c = (name: string, infoType: ScanColumn['infoType'], findings: ScanColumn['findings'] = {}) =>
  ({ name, infoType, findings }) as ScanColumn;

describe('evaluateScan', () => {
  it('scores columns, infoTypes, decoys and free text', () => {
    const labels: GroundTruth = {
      dataset: 'd',
      columns: [
        { name: 'a', infoType: 'VIN', decoy: false, kind: 'identifier' },
        { name: 'b', infoType: null, decoy: true, kind: 'other' },
        { name: 'c', infoType: 'CN_MOBILE', decoy: false, kind: 'identifier' },
        { name: 'd', infoType: null, decoy: false, kind: 'free_text', contains: ['CN_MOBILE', 'VIN'] },
        { name: 'e', infoType: null, decoy: false, kind: 'other' },
      ],
    };
    const res = evaluateScan([
      { report: { columns: [c('a', 'VIN'), c('b', 'VIN'), c('c', null), c('d', null, { CN_MOBILE: 3 })] }, labels },
    ]);
    expect(res).toMatchObject({
      columns: 4,
      correct: 2,
      columnAccuracy: 0.5,
      decoys: 1,
      decoysFlagged: 1,
      freeText: { planted: 2, found: 1 },
      missing: ['d:e'],
    });
    expect(res.perInfoType.VIN).toEqual({ tp: 1, fp: 1, fn: 0, precision: 0.5, recall: 1 });
    expect(res.perInfoType.CN_MOBILE).toEqual({ tp: 0, fp: 0, fn: 1, precision: 1, recall: 0 });
  });
});
