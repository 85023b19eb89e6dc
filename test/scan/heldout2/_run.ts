import { classifyColumns } from '../../../src/core/scan/classify.js';
import { evaluateScan } from '../../../src/core/scan/evaluate.js';
import { buildAll2 } from './datasets.js';
for (const seed of [1, 2, 3]) {
  const all = buildAll2(seed);
  const res = evaluateScan(all.map((ds) => ({ report: { columns: classifyColumns(ds.columns, ds.rows, { today: '2025-06-30' }) }, labels: ds.labels as any })));
  console.log(seed, res.columns, res.correct, res.columnAccuracy, 'decoys', res.decoys, res.decoysFlagged);
  for (const e of res.errors) console.log('  ', e.dataset, e.column, 'want', e.expected, 'got', e.got, e.decoy ? 'DECOY' : '');
}
