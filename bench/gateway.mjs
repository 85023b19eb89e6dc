/**
 * Export gateway benchmark: DataPass `apply` against jq, Miller and DuckDB on ~200 MB of repair orders
 * (14 fields, Chinese text), NDJSON and CSV. Imports nothing from src: runs the built CLI (`npm run build` first).
 *
 *   node bench/gateway.mjs [--mb 200] [--skip-peers]
 *
 * Wall time and peak RSS come from /usr/bin/time -v (one run each, same machine, same data). MB/s = input
 * bytes / wall seconds (1 MB = 10^6 bytes). Prints a table and the ratios against the targets of issue 6.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { benchManifest, DROPPED, generate } from './gateway-data.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench/out');
const args = process.argv.slice(2);
const MB = Number(args[args.indexOf('--mb') + 1] || 200) || 200;
const skipPeers = args.includes('--skip-peers');
const CLI = join(ROOT, 'dist/cli/main.js');
if (!existsSync(CLI)) {
  console.error('run `npm run build` first');
  process.exit(2);
}

mkdirSync(OUT, { recursive: true });
const nd = join(OUT, 'orders.ndjson');
const csv = join(OUT, 'orders.csv');
if (!existsSync(nd) || !existsSync(csv) || Math.abs(statSync(nd).size / 1e6 - MB) > MB * 0.1) {
  console.error(`generating ~${MB} MB of NDJSON and CSV in bench/out …`);
  await generate(OUT, MB);
}
writeFileSync(join(OUT, 'm-drop.yaml'), benchManifest({ hash: false }));
writeFileSync(join(OUT, 'm-hash.yaml'), benchManifest({ hash: true }));
const size = { nd: statSync(nd).size, csv: statSync(csv).size };

/** Runs a shell command under /usr/bin/time -v; returns wall seconds and peak RSS (MB). */
function timed(cmd, env = {}) {
  const r = spawnSync('/usr/bin/time', ['-v', 'sh', '-c', cmd], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  const err = r.stderr ?? '';
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(err);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
  if (r.status !== 0) {
    console.error(`FAILED (${r.status}): ${cmd}\n${err.split('\n').slice(0, 5).join('\n')}`);
    return { seconds: Number.NaN, rssMB: Number.NaN, stderr: err };
  }
  const seconds = (Number(wall?.[1] ?? 0) * 3600 + Number(wall?.[2]) * 60 + Number(wall?.[3]));
  return { seconds, rssMB: Number(rss?.[1] ?? 0) / 1024, stderr: err };
}

const rows = [];
function record(name, bytes, t, note = '') {
  const mbps = bytes / 1e6 / t.seconds;
  rows.push({ name, seconds: t.seconds, mbps, rssMB: t.rssMB, note });
  console.error(`${name.padEnd(44)} ${t.seconds.toFixed(2).padStart(7)} s ${mbps.toFixed(0).padStart(6)} MB/s ${t.rssMB.toFixed(0).padStart(6)} MB RSS ${note}`);
  return mbps;
}

function datapass(name, input, manifest, workers, extra = '', pin = '') {
  const data = join(OUT, `data-${rows.length}`);
  rmSync(data, { recursive: true, force: true });
  const ext = input.endsWith('.csv') ? 'csv' : 'ndjson';
  const out = join(OUT, `dp-out.${ext}`);
  rmSync(out, { force: true });
  const t = timed(
    `${pin}node ${CLI} --data-dir ${data} apply --manifest ${manifest} --in ${input} --out ${out} --workers ${workers} --no-progress --json ${extra}`,
  );
  let note = '';
  try {
    const s = JSON.parse(t.stderr.split('\n').find((l) => l.startsWith('{')) ?? '{}');
    note = `stream ${(s.timings?.stream ?? 0).toFixed(2)} s, ledger ${(s.timings?.ledger ?? 0).toFixed(2)} s, ${s.recordsOut} out, subjects ${s.subjects?.new}`;
  } catch {}
  rmSync(data, { recursive: true, force: true });
  return record(name, size[ext === 'csv' ? 'csv' : 'nd'], t, note);
}

console.error(`cores: ${cpus().length}; data: NDJSON ${(size.nd / 1e6).toFixed(0)} MB, CSV ${(size.csv / 1e6).toFixed(0)} MB\n`);
const res = {};
res.cat = record('cat > /dev/null (NDJSON)', size.nd, timed(`cat ${nd} > /dev/null`));
const mDrop = join(OUT, 'm-drop.yaml');
const mHash = join(OUT, 'm-hash.yaml');
const one = 'taskset -c 0 ';
res.ndDrop1 = datapass('datapass NDJSON drop, 1 core (in-thread)', nd, mDrop, 0, '', one);
res.ndHash1 = datapass('datapass NDJSON drop+hash, 1 core (in-thread)', nd, mHash, 0, '', one);
res.csvDrop1 = datapass('datapass CSV drop, 1 core (in-thread)', csv, mDrop, 0, '', one);
res.csvHash1 = datapass('datapass CSV drop+hash, 1 core (in-thread)', csv, mHash, 0, '', one);
res.ndW1 = datapass('datapass NDJSON drop+hash, 1 worker', nd, mHash, 1);
res.ndW2 = datapass('datapass NDJSON drop+hash, 2 workers', nd, mHash, 2);
res.csvW1 = datapass('datapass CSV drop+hash, 1 worker', csv, mHash, 1);
res.csvW2 = datapass('datapass CSV drop+hash, 2 workers', csv, mHash, 2);
res.csvDropW2 = datapass('datapass CSV drop, 2 workers', csv, mDrop, 2);
res.ndDropW2 = datapass('datapass NDJSON drop, 2 workers', nd, mDrop, 2);

if (!skipPeers) {
  const del = DROPPED.map((f) => `.${f}`).join(',');
  res.jq = record('jq -c del(4 fields) (NDJSON)', size.nd, timed(`jq -c 'del(${del})' ${nd} > ${join(OUT, 'jq.ndjson')}`));
  res.mlr = record('mlr --icsv --ocsv cut -x (CSV)', size.csv, timed(`mlr --icsv --ocsv cut -x -f ${DROPPED.join(',')} ${csv} > ${join(OUT, 'mlr.csv')}`));
  const duck = (name, sql, bytes) => {
    const script = join(OUT, 'duck.mjs');
    writeFileSync(
      script,
      `import { DuckDBInstance } from '@duckdb/node-api';\nconst db = await DuckDBInstance.create(':memory:');\nconst c = await db.connect();\nawait c.run(${JSON.stringify(sql)});\n`,
    );
    return record(name, bytes, timed(`cd ${ROOT} && node ${script}`));
  };
  const ex = DROPPED.join(', ');
  res.duckCsv = duck('DuckDB COPY read_csv EXCLUDE (2 threads)', `COPY (SELECT * EXCLUDE (${ex}) FROM read_csv('${csv}')) TO '${join(OUT, 'duck.csv')}' (HEADER)`, size.csv);
  res.duckNd = duck('DuckDB COPY read_json EXCLUDE (2 threads)', `COPY (SELECT * EXCLUDE (${ex}) FROM read_json('${nd}', format='newline_delimited')) TO '${join(OUT, 'duck.ndjson')}' (FORMAT json)`, size.nd);
}

const ratio = (a, b) => (b ? a / b : Number.NaN);
const targets = [
  ['NDJSON 1 core, drop only ≥ 250 MB/s', res.ndDrop1, 250],
  ['NDJSON 1 core, with hash ≥ 150 MB/s', res.ndHash1, 150],
  ['NDJSON 1 core drop vs jq ≥ 20×', ratio(res.ndDrop1, res.jq), 20],
  ['CSV 1 core vs Miller ≥ 10×', ratio(res.csvDrop1, res.mlr), 10],
  ['CSV 2 workers vs DuckDB read_csv ≥ 1×', ratio(res.csvW2, res.duckCsv), 1],
  ['NDJSON 2 workers vs DuckDB read_json ≥ 1×', ratio(res.ndW2, res.duckNd), 1],
  ['NDJSON workers 1 → 2 ≥ 1.8×', ratio(res.ndW2, res.ndW1), 1.8],
  ['CSV workers 1 → 2 ≥ 1.8×', ratio(res.csvW2, res.csvW1), 1.8],
];
console.log('\n| run | wall s | MB/s | peak RSS MB | notes |\n|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.name} | ${r.seconds.toFixed(2)} | ${r.mbps.toFixed(0)} | ${r.rssMB.toFixed(0)} | ${r.note} |`);
console.log('\n| target | measured | met |\n|---|---|---|');
for (const [name, v, t] of targets) console.log(`| ${name} | ${Number.isFinite(v) ? v.toFixed(name.includes('×') ? 2 : 0) : 'n/a'} | ${Number.isFinite(v) ? (v >= t ? 'yes' : 'NO') : 'n/a'} |`);
void readFileSync;
