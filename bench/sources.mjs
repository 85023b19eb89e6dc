#!/usr/bin/env node
/**
 * Throughput of the dataset source readers (CSV, NDJSON) against papaparse and a hand-rolled NDJSON loop,
 * on ~100 MB generated files of repair orders (14 columns, Chinese text, some quoted fields).
 * Run `npm run build` first (imports from dist/). Usage: node bench/sources.mjs [MB=100] [runs=3]
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { openSource } from '../dist/adapters/sources/index.js';

const MB = Number(process.argv[2] ?? 100);
const RUNS = Number(process.argv[3] ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'datapass-bench-'));

function generate() {
  const cols = [
    'order_id',
    'vin',
    'plate',
    'owner_name',
    'owner_phone',
    'owner_email',
    'owner_id_card',
    'address',
    'dealer',
    'created_at',
    'mileage',
    'fault_code',
    'description',
    'amount',
  ];
  const names = ['张伟', '王芳', 'Li Na', '刘洋', 'Chen Jie'];
  const csv = [cols.join(',')];
  const nd = [];
  let size = 0;
  for (let i = 0; size < MB * 1024 * 1024; i++) {
    const addr = i % 5 === 0 ? '北京市朝阳区, 建国路 88 号' : '上海市浦东新区 世纪大道 100 号';
    const desc = i % 7 === 0 ? 'engine "misfire", cylinder 1' : 'brake pads replaced';
    const r = [
      `RO${1000000 + i}`,
      `LSVAA4182E${String(i).padStart(7, '0')}`,
      `京A${String(i % 100000).padStart(5, '0')}`,
      names[i % 5],
      `13${String(800000000 + i).slice(0, 9)}`,
      `user${i}@example.com`,
      `11010119900101${String(i % 10000).padStart(4, '0')}`,
      addr,
      'Dealer 42',
      '2024-03-01T10:00:00Z',
      String((i * 7) % 200000),
      'P0301',
      desc,
      ((i % 1000) + 0.5).toFixed(2),
    ];
    const line = r.map((f) => (/[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
    csv.push(line);
    nd.push(JSON.stringify(Object.fromEntries(cols.map((c, k) => [c, r[k]]))));
    size += Buffer.byteLength(line) + 1;
  }
  const csvFile = join(dir, 'orders.csv');
  const ndFile = join(dir, 'orders.ndjson');
  writeFileSync(csvFile, `${csv.join('\n')}\n`);
  writeFileSync(ndFile, `${nd.join('\n')}\n`);
  return { csvFile, ndFile, rows: csv.length - 1 };
}

async function ours(file) {
  const r = await openSource(file);
  let n = 0;
  for await (const b of r.rowsAsArrays()) n += b.length;
  return n;
}

async function oursObjects(file) {
  const r = await openSource(file);
  let n = 0;
  for await (const _row of r.rows()) n++;
  return n;
}

function papa(file) {
  return new Promise((resolve, reject) => {
    let n = 0;
    Papa.parse(createReadStream(file, { highWaterMark: 1 << 20 }), {
      chunk: (res) => {
        n += res.data.length;
      },
      complete: () => resolve(n - 1),
      error: reject,
    });
  });
}

async function manualNdjson(file) {
  let n = 0;
  let rest = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, start)) {
      if (nl > start) {
        JSON.parse(buf.toString('utf8', start, nl));
        n++;
      }
      start = nl + 1;
    }
    rest = buf.subarray(start);
  }
  return n;
}

async function measure(name, file, fn) {
  const bytes = statSync(file).size;
  let best = Number.POSITIVE_INFINITY;
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    rows = await fn(file);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    best = Math.min(best, s);
  }
  return { name, rows, seconds: best, mbps: bytes / 1048576 / best };
}

const { csvFile, ndFile, rows } = generate();
console.log(
  `rows: ${rows}; CSV ${(statSync(csvFile).size / 1048576).toFixed(0)} MiB, NDJSON ${(statSync(ndFile).size / 1048576).toFixed(0)} MiB; best of ${RUNS}`,
);
const results = [
  await measure('datapass CSV rowsAsArrays', csvFile, ours),
  await measure('datapass CSV rows() objects', csvFile, oursObjects),
  await measure('papaparse CSV chunk arrays', csvFile, papa),
  await measure('datapass NDJSON rowsAsArrays', ndFile, ours),
  await measure('datapass NDJSON rows() objects', ndFile, oursObjects),
  await measure('Buffer split + JSON.parse', ndFile, manualNdjson),
];
const papaR = results[2].mbps;
const ndR = results[5].mbps;
console.log('| reader | rows | s | MiB/s | ratio |');
console.log('|---|---:|---:|---:|---:|');
for (const r of results) {
  const base = r.name.includes('CSV') ? papaR : ndR;
  const vs = r.name.includes('CSV') ? 'papaparse' : 'split+parse';
  console.log(
    `| ${r.name} | ${r.rows} | ${r.seconds.toFixed(2)} | ${r.mbps.toFixed(0)} | ${(r.mbps / base).toFixed(2)}× ${vs} |`,
  );
}
rmSync(dir, { recursive: true, force: true });
