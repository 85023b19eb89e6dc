import { classifyColumns } from '../../../src/core/scan/classify.js';
import { buildAll2 } from './datasets.js';
const want = process.argv.slice(2);
for (const ds of buildAll2(1)) {
  const cols = classifyColumns(ds.columns, ds.rows, { today: '2025-06-30' });
  for (const c of cols) if (want.includes(`${ds.name}.${c.name}`)) {
    const i = ds.columns.indexOf(c.name);
    console.log(ds.name, c.name, c.infoType, c.kind, JSON.stringify(c.evidence), ds.rows.slice(0, 4).map((r) => r[i]));
  }
}
