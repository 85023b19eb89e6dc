/**
 * Export gateway benchmark: DataPass `apply` against jq, Miller and DuckDB on ~200 MB of repair orders
 * (14 fields, Chinese text), NDJSON and CSV. Imports nothing from src: runs the built CLI as installed
 * (bin/datapass.js: the bundled script with its code cache; `npm run build` first).
 *
 *   node bench/gateway.mjs [--mb 200] [--runs 3] [--skip-peers]
 *
 * Wall time, CPU time and peak RSS come from /usr/bin/time -v. Every command (DataPass and peers alike) runs
 * `--runs` times and the fastest wall time counts: the VM is shared and noisy. MB/s = input bytes / wall seconds
 * (1 MB = 10^6 bytes); "MB/CPU-s" = input bytes / (user + sys seconds), which other load disturbs less.
 * Prints a table (with the 1-minute load average when each row started: the VM is shared) and a targets table
 * with met / not met. Before the runs it measures how much parallelism the machine gives right now: one CPU-bound
 * process alone vs two at once (on an idle 2-core machine, two take as long as one).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { benchManifest, DROPPED, generate } from './gateway-data.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench/out');
const args = process.argv.slice(2);
const MB = Number(args[args.indexOf('--mb') + 1] || 200) || 200;
const skipPeers = args.includes('--skip-peers');
const RUNS = Number(args[args.indexOf('--runs') + 1] || 3) || 3;
const CLI = join(ROOT, 'bin/datapass.js');
if (!existsSync(join(ROOT, 'dist/bundle/cli.cjs'))) {
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

/** Runs a shell command under /usr/bin/time -v, `RUNS` times; returns the fastest run. */
function timed(cmd, env = {}) {
  let best;
  const load = load1();
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync('/usr/bin/time', ['-v', 'sh', '-c', cmd], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
      maxBuffer: 1 << 26,
    });
    const err = r.stderr ?? '';
    if (r.status !== 0) {
      console.error(`FAILED (${r.status}): ${cmd}\n${err.split('\n').slice(0, 5).join('\n')}`);
      return { seconds: Number.NaN, cpu: Number.NaN, rssMB: Number.NaN, stderr: err };
    }
    const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(err);
    const user = Number(/User time \(seconds\): ([\d.]+)/.exec(err)?.[1] ?? 0);
    const sys = Number(/System time \(seconds\): ([\d.]+)/.exec(err)?.[1] ?? 0);
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
    const seconds = Number(wall?.[1] ?? 0) * 3600 + Number(wall?.[2]) * 60 + Number(wall?.[3]);
    const run = { seconds, cpu: user + sys, rssMB: Number(rss?.[1] ?? 0) / 1024, stderr: err };
    if (!best || run.seconds < best.seconds) best = run;
  }
  return { ...best, load };
}

const rows = [];
const load1 = () => loadavg()[0].toFixed(1);
function record(name, bytes, t, note = '') {
  const mbps = bytes / 1e6 / t.seconds;
  const cpuMbps = bytes / 1e6 / t.cpu;
  rows.push({ name, seconds: t.seconds, mbps, cpu: t.cpu, cpuMbps, rssMB: t.rssMB, note, load: t.load ?? load1() });
  console.error(
    `${name.padEnd(46)} ${t.seconds.toFixed(2).padStart(7)} s ${mbps.toFixed(0).padStart(6)} MB/s ${cpuMbps.toFixed(0).padStart(6)} MB/CPU-s ${t.rssMB.toFixed(0).padStart(6)} MB RSS ${note}`,
  );
  return mbps;
}

/** The streaming phase (seconds, from `--json`) of each DataPass run's best run, by row name. */
const streams = {};
function datapass(name, input, manifest, workers, extra = '', pin = '', env = {}, bytes = undefined) {
  const data = join(OUT, `data-${rows.length}`);
  rmSync(data, { recursive: true, force: true });
  const ext = input.endsWith('.csv') ? 'csv' : 'ndjson';
  const out = join(OUT, `dp-out.${ext}`);
  rmSync(out, { force: true });
  // A fresh data directory per run, so every run counts the same subjects as new.
  const t = timed(
    `rm -rf ${data} ${out}; ${pin}node ${CLI} --data-dir ${data} apply --manifest ${manifest} --in ${input} --out ${out} ${workers === 'default' ? '' : `--workers ${workers}`} --no-progress --json ${extra}`,
    env,
  );
  let note = '';
  try {
    const s = JSON.parse(t.stderr.split('\n').find((l) => l.startsWith('{')) ?? '{}');
    const main = s.timings?.main ? ` + main thread (${s.timings.main.chunks} chunks)` : '';
    note = `${workers === 'default' ? `${s.workers} workers${main}, ` : ''}${s.scanner} scanner, stream ${(s.timings?.stream ?? 0).toFixed(2)} s, ledger ${(s.timings?.ledger ?? 0).toFixed(2)} s, ${s.recordsOut} out, subjects ${s.subjects?.new}`;
    streams[name] = s.timings?.stream;
  } catch {}
  rmSync(data, { recursive: true, force: true });
  return record(name, bytes ?? size[ext === 'csv' ? 'csv' : 'nd'], t, note);
}

console.error(
  `cores: ${cpus().length}; data: NDJSON ${(size.nd / 1e6).toFixed(0)} MB, CSV ${(size.csv / 1e6).toFixed(0)} MB\n`,
);
/** Available parallelism right now: the same CPU-bound job alone, then two copies at once. */
function ceiling() {
  // Native SHA-256 over 600 MiB: fixed CPU work that the JIT cannot shortcut.
  const spin = `node -e "const c=require('node:crypto');const b=Buffer.alloc(1<<20);for(let i=0;i<600;i++)c.createHash('sha256').update(b).digest()"`;
  const one = timed(spin).seconds;
  const two = timed(`${spin} & ${spin} & wait`).seconds;
  return { one, two, cores: (2 * one) / two };
}
const ceil = ceiling();
const startLoad = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
console.error(
  `load average at start: ${startLoad}; parallelism available now: ${ceil.cores.toFixed(2)} cores (1 spin ${ceil.one.toFixed(2)} s, 2 at once ${ceil.two.toFixed(2)} s)`,
);
const res = {};
res.cat = record('cat > /dev/null (NDJSON)', size.nd, timed(`cat ${nd} > /dev/null`));
const mDrop = join(OUT, 'm-drop.yaml');
const mHash = join(OUT, 'm-hash.yaml');
const one = 'taskset -c 0 ';
res.ndDrop1 = datapass('datapass NDJSON drop, 1 core (in-thread)', nd, mDrop, 0, '', one);
res.ndHash1 = datapass('datapass NDJSON drop+hash, 1 core (in-thread)', nd, mHash, 0, '', one);
res.csvDrop1 = datapass('datapass CSV drop, 1 core (in-thread)', csv, mDrop, 0, '', one);
res.csvHash1 = datapass('datapass CSV drop+hash, 1 core (in-thread)', csv, mHash, 0, '', one);
// The same with the TypeScript scanners (the reference the WebAssembly scanners replace), for comparison.
const ts = { DATAPASS_WASM: '0' };
res.ndDrop1Ts = datapass('datapass NDJSON drop, 1 core, TypeScript scanner', nd, mDrop, 0, '', one, ts);
res.csvDrop1Ts = datapass('datapass CSV drop, 1 core, TypeScript scanner', csv, mDrop, 0, '', one, ts);
// `--workers 1` on two cores: one worker and the main thread transforming beside it (the default here);
// `--workers 2`: two workers, the main thread only hashing and writing.
res.ndW2 = datapass('datapass NDJSON drop+hash, 2 workers', nd, mHash, 2);
res.csvW2 = datapass('datapass CSV drop+hash, 2 workers', csv, mHash, 2);
res.csvDropW2 = datapass('datapass CSV drop, 2 workers', csv, mDrop, 2);
res.ndDropW2 = datapass('datapass NDJSON drop, 2 workers', nd, mDrop, 2);
// What a user gets on this machine without choosing: the default number of workers for the input's size.
res.ndDropDef = datapass('datapass NDJSON drop, all cores, default workers', nd, mDrop, 'default');
res.csvDropDef = datapass('datapass CSV drop, all cores, default workers', csv, mDrop, 'default');
res.ndHashDef = datapass('datapass NDJSON drop+hash, all cores, default workers', nd, mHash, 'default');
res.csvHashDef = datapass('datapass CSV drop+hash, all cores, default workers', csv, mHash, 'default');
// Scaling where start-up and the ledger weigh less: the NDJSON four times over (~830 MB).
const big = join(OUT, 'orders-x4.ndjson');
if (!existsSync(big) || statSync(big).size !== 4 * size.nd) {
  const all = readFileSync(nd);
  writeFileSync(big, Buffer.concat([all, all, all, all]));
}
size.big = statSync(big).size;
res.bigDrop1 = datapass('datapass NDJSON ×4 drop, 1 core (in-thread)', big, mDrop, 0, '', one, {}, size.big);
res.bigDropW2 = datapass('datapass NDJSON ×4 drop, 2 workers', big, mDrop, 2, '', '', {}, size.big);
res.bigDropDef = datapass(
  'datapass NDJSON ×4 drop, all cores, default workers',
  big,
  mDrop,
  'default',
  '',
  '',
  {},
  size.big,
);
// Memory is flat in input size: the same run on a quarter of the input.
const quarter = join(OUT, 'orders-quarter.ndjson');
if (!existsSync(quarter)) {
  const all = readFileSync(nd);
  writeFileSync(quarter, all.subarray(0, all.lastIndexOf(10, Math.floor(all.length / 4)) + 1));
}
size.quarter = statSync(quarter).size;
{
  const t = timed(
    `rm -rf ${join(OUT, 'data-q')}; taskset -c 0 node ${CLI} --data-dir ${join(OUT, 'data-q')} apply --manifest ${mHash} --in ${quarter} --out ${join(OUT, 'q.ndjson')} --workers 0 --no-progress`,
  );
  res.quarterRss = t.rssMB;
  record('datapass NDJSON drop+hash, 1 core, 1/4 input', size.quarter, t, 'memory check');
}
// Parquet output holds one row group at a time: the same batch, whole and a quarter, in a V8 heap capped at 96 MB
// (a sink that kept every column would run out of heap on the whole input).
res.parquetRss = {};
for (const [label, input, bytes] of [
  ['1/4 input', quarter, () => size.quarter],
  ['whole input', nd, () => size.nd],
]) {
  const data = join(OUT, 'data-pq');
  const out = join(OUT, 'dp-out.parquet');
  const t = timed(
    `rm -rf ${data} ${out}; taskset -c 0 node --max-old-space-size=96 ${CLI} --data-dir ${data} apply --manifest ${mHash} --in ${input} --out ${out} --workers 0 --no-progress`,
  );
  res.parquetRss[label] = t.rssMB;
  record(`datapass NDJSON → Parquet, 1 core, 96 MB heap, ${label}`, bytes(), t, 'memory check');
}

// The transform kernel alone: in this process, data in memory, one thread, no startup, ledger, hashing of the
// output or I/O. Shows how much of the end-to-end time is the record transform itself.
{
  const { parse } = await import('yaml');
  const { parseManifest } = await import('../dist/core/enforce/manifest.js');
  const { createTransform } = await import('../dist/adapters/gateway/transform.js');
  const { parseCsvRecord } = await import('../dist/adapters/gateway/csv.js');
  for (const [label, file, fmt, m] of [
    ['kernel NDJSON drop', nd, 'ndjson', mDrop],
    ['kernel NDJSON drop+hash', nd, 'ndjson', mHash],
    ['kernel CSV drop', csv, 'csv', mDrop],
    ['kernel CSV drop+hash', csv, 'csv', mHash],
  ]) {
    const manifest = parseManifest(parse(readFileSync(m, 'utf8'))).value;
    const buf = readFileSync(file);
    const h = buf.indexOf(10) + 1;
    const init = {
      manifest,
      inputFormat: fmt,
      outputFormat: fmt,
      hashKey: new Uint8Array(32).fill(7),
      subjectKey: new Uint8Array(32).fill(9),
      maxLineBytes: 1 << 24,
    };
    if (fmt === 'csv') init.header = parseCsvRecord(buf.toString('utf8', 0, h - 1));
    let best = Number.POSITIVE_INFINITY;
    for (let run = 0; run < RUNS; run++) {
      const t = await createTransform(init);
      const t0 = performance.now();
      let p = fmt === 'csv' ? h : 0;
      while (p < buf.length) {
        let e = Math.min(buf.length, p + (1 << 20));
        if (e < buf.length) e = buf.lastIndexOf(10, e) + 1;
        t.process(buf, p, e);
        p = e;
      }
      best = Math.min(best, (performance.now() - t0) / 1000);
    }
    const mbps = buf.length / 1e6 / best;
    rows.push({
      load: load1(),
      name: `${label} (in-process, 1 thread)`,
      seconds: best,
      mbps,
      cpu: best,
      cpuMbps: mbps,
      rssMB: Number.NaN,
      note: 'transform only',
    });
    res[label] = mbps;
    console.error(
      `${label.padEnd(46)} ${best.toFixed(2).padStart(7)} s ${mbps.toFixed(0).padStart(6)} MB/s (transform only)`,
    );
  }
}

if (!skipPeers) {
  const del = DROPPED.map((f) => `.${f}`).join(',');
  res.jq = record(
    'jq -c del(4 fields) (NDJSON)',
    size.nd,
    timed(`jq -c 'del(${del})' ${nd} > ${join(OUT, 'jq.ndjson')}`),
  );
  // Miller 6 runs reader, mapper and writer as goroutines on every core it is given: pinned to one core it is
  // compared with DataPass on one core (the target), unpinned it is shown for reference.
  res.mlr = record(
    'mlr --icsv --ocsv cut -x (CSV), 1 core',
    size.csv,
    timed(`taskset -c 0 mlr --icsv --ocsv cut -x -f ${DROPPED.join(',')} ${csv} > ${join(OUT, 'mlr.csv')}`),
  );
  res.mlrAll = record(
    'mlr --icsv --ocsv cut -x (CSV), all cores',
    size.csv,
    timed(`mlr --icsv --ocsv cut -x -f ${DROPPED.join(',')} ${csv} > ${join(OUT, 'mlr.csv')}`),
  );
  const duck = (name, sql, bytes) => {
    const script = join(OUT, 'duck.mjs');
    writeFileSync(
      script,
      `import { DuckDBInstance } from '@duckdb/node-api';\nconst db = await DuckDBInstance.create(':memory:');\nconst c = await db.connect();\nawait c.run(${JSON.stringify(sql)});\n`,
    );
    return record(name, bytes, timed(`cd ${ROOT} && node ${script}`));
  };
  const ex = DROPPED.join(', ');
  res.duckCsv = duck(
    'DuckDB COPY read_csv EXCLUDE (2 threads)',
    `COPY (SELECT * EXCLUDE (${ex}) FROM read_csv('${csv}')) TO '${join(OUT, 'duck.csv')}' (HEADER)`,
    size.csv,
  );
  res.duckNd = duck(
    'DuckDB COPY read_json EXCLUDE (2 threads)',
    `COPY (SELECT * EXCLUDE (${ex}) FROM read_json('${nd}', format='newline_delimited')) TO '${join(OUT, 'duck.ndjson')}' (FORMAT json)`,
    size.nd,
  );
}

const ratio = (a, b) => (b ? a / b : Number.NaN);
/** How much shorter the streaming phase of run `b` is than that of run `a`. */
const streamRatio = (a, b) => ratio(streams[a], streams[b]);
const targets = [
  ['NDJSON 1 core, drop only ≥ 250 MB/s', res.ndDrop1, 250],
  ['NDJSON 1 core, with hash ≥ 150 MB/s', res.ndHash1, 150],
  ['NDJSON 1 core drop vs jq ≥ 20×', ratio(res.ndDrop1, res.jq), 20],
  // The issue measured Miller at about 27 MB/s: 10× that, as it wrote 20× jq as 250 MB/s.
  ['CSV 1 core, drop only ≥ 270 MB/s (ten times the issue’s 27 MB/s Miller)', res.csvDrop1, 270],
  ['CSV 1 core vs Miller on 1 core ≥ 10×', ratio(res.csvDrop1, res.mlr), 10],
  ['CSV 1 core vs Miller on all cores (reference) ≥ 10×', ratio(res.csvDrop1, res.mlrAll), 10],
  // Same work as DuckDB's `SELECT * EXCLUDE (…)`: the drop-only manifest, on all (2) cores with the default
  // number of workers and with 2 workers; with the hash as well for reference.
  ['CSV all cores, default workers (drop) vs DuckDB read_csv ≥ 1×', ratio(res.csvDropDef, res.duckCsv), 1],
  ['NDJSON all cores, default workers (drop) vs DuckDB read_json ≥ 1×', ratio(res.ndDropDef, res.duckNd), 1],
  ['CSV 2 workers (drop) vs DuckDB read_csv ≥ 1×', ratio(res.csvDropW2, res.duckCsv), 1],
  ['NDJSON 2 workers (drop) vs DuckDB read_json ≥ 1×', ratio(res.ndDropW2, res.duckNd), 1],
  ['CSV 2 workers (drop+hash) vs DuckDB read_csv (drop) ≥ 1×', ratio(res.csvW2, res.duckCsv), 1],
  ['NDJSON 2 workers (drop+hash) vs DuckDB read_json (drop) ≥ 1×', ratio(res.ndW2, res.duckNd), 1],
  // 1 → 2 cores: one core pinned (the main thread alone) against the default on both cores (one worker and the
  // main thread); end to end, then the streaming phase alone (start-up, set-up and ledger left out).
  ['NDJSON 1 core → all cores, default workers (drop+hash) ≥ 1.8×', ratio(res.ndHashDef, res.ndHash1), 1.8],
  ['CSV 1 core → all cores, default workers (drop+hash) ≥ 1.8×', ratio(res.csvHashDef, res.csvHash1), 1.8],
  ['NDJSON ×4 1 core → all cores, default workers (drop) ≥ 1.8×', ratio(res.bigDropDef, res.bigDrop1), 1.8],
  [
    '(stream) NDJSON 1 core → all cores, default workers (drop+hash) ≥ 1.8×',
    streamRatio(
      'datapass NDJSON drop+hash, 1 core (in-thread)',
      'datapass NDJSON drop+hash, all cores, default workers',
    ),
    1.8,
  ],
  [
    '(stream) CSV 1 core → all cores, default workers (drop+hash) ≥ 1.8×',
    streamRatio('datapass CSV drop+hash, 1 core (in-thread)', 'datapass CSV drop+hash, all cores, default workers'),
    1.8,
  ],
  [
    '(stream) NDJSON ×4 1 core → all cores, default workers (drop) ≥ 1.8×',
    streamRatio('datapass NDJSON ×4 drop, 1 core (in-thread)', 'datapass NDJSON ×4 drop, all cores, default workers'),
    1.8,
  ],
  ['(reference) NDJSON ×4 1 core → 2 workers (drop) ≥ 1.8×', ratio(res.bigDropW2, res.bigDrop1), 1.8],
  ['(reference) NDJSON 1 core drop, WebAssembly vs TypeScript scanner ≥ 1×', ratio(res.ndDrop1, res.ndDrop1Ts), 1],
  ['(reference) CSV 1 core drop, WebAssembly vs TypeScript scanner ≥ 1×', ratio(res.csvDrop1, res.csvDrop1Ts), 1],
  ['(kernel) NDJSON drop ≥ 250 MB/s', res['kernel NDJSON drop'], 250],
  ['(kernel) NDJSON drop+hash ≥ 150 MB/s', res['kernel NDJSON drop+hash'], 150],
  ['(kernel) NDJSON drop vs jq ≥ 20×', ratio(res['kernel NDJSON drop'], res.jq), 20],
  ['(kernel) CSV drop vs Miller ≥ 10×', ratio(res['kernel CSV drop'], res.mlr), 10],
];
console.log(
  `\n${new Date().toISOString()}: best of ${RUNS} runs; load average at the start ${startLoad}, at the end ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}; parallelism available (2 spins vs 1): ${ceil.cores.toFixed(2)} cores`,
);
console.log(
  '\n| run | load | wall s | MB/s | CPU s | MB/CPU-s | peak RSS MB | notes |\n|---|---|---|---|---|---|---|---|',
);
for (const r of rows)
  console.log(
    `| ${r.name} | ${r.load} | ${r.seconds.toFixed(2)} | ${r.mbps.toFixed(0)} | ${r.cpu.toFixed(2)} | ${r.cpuMbps.toFixed(0)} | ${Number.isFinite(r.rssMB) ? r.rssMB.toFixed(0) : '–'} | ${r.note} |`,
  );
console.log(
  `\npeak RSS, 1 core drop+hash: ${(size.quarter / 1e6).toFixed(0)} MB input → ${res.quarterRss.toFixed(0)} MB; ${(size.nd / 1e6).toFixed(0)} MB input → ${rows.find((r) => r.name.startsWith('datapass NDJSON drop+hash, 1 core (in'))?.rssMB.toFixed(0)} MB; Parquet output (96 MB heap): ${res.parquetRss['1/4 input']?.toFixed(0)} MB → ${res.parquetRss['whole input']?.toFixed(0)} MB`,
);
console.log('\n| target | needed | measured | met |\n|---|---|---|---|');
for (const [name, v, t] of targets) {
  const x = name.includes('×');
  console.log(
    `| ${name} | ${x ? `${t}×` : `${t} MB/s`} | ${Number.isFinite(v) ? (x ? `${v.toFixed(2)}×` : `${v.toFixed(0)} MB/s`) : 'n/a'} | ${Number.isFinite(v) ? (v >= t ? 'met' : 'NOT MET') : 'n/a'} |`,
  );
}
void readFileSync;
