import { writeFileSync } from 'node:fs';
import { scanSource } from '../../../src/adapters/scan/index.js';
import * as V from './values.js';
const r = new V.R(9);
const lines = [];
for (let i = 0; i < 300; i++)
  lines.push(JSON.stringify({
    mobile: Number(V.mobile(r)),
    lat: Number((r.int(22000000, 40999999) / 1e6).toFixed(6)),
    lng: Number((r.int(102000000, 122999999) / 1e6).toFixed(6)),
    imo: Number(V.imo(r, '')),
    card: V.bankCard(r),
    user: { name: V.cnName(r), idNo: V.residentId(r), addr: { full: V.cnAddress(r) } },
    tags: ['a', 'b'],
    gtin: Number(V.gtin13(r)),
    order_id: Number(`1${r.digits(15)}`),
    is_vip: r.chance(0.5),
  }));
writeFileSync('/tmp/rt2/p.ndjson', lines.join('\n'));
const rep = await scanSource('/tmp/rt2/p.ndjson', { full: true, today: '2025-06-30' });
for (const c of rep.columns) console.log(c.name.padEnd(16), String(c.infoType).padEnd(18), c.evidence.reason);
