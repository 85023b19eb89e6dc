// Export ledger benchmarks: durable appends, verify, proofs, subject counting.
// Run: npm run build && node bench/ledger.mjs   (or: npx tsx bench/ledger.mjs, which falls back to src/ when
// there is no build; BENCH_SRC=1 npx tsx bench/ledger.mjs always measures src/)
// Sizes: LEAVES (default 1,000,000), SUBJECTS (default 10,000,000), GROUP (default 500 batches per commit).
import { createHash, createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const distEntry = new URL('../dist/adapters/ledger/index.js', import.meta.url);
const mod =
  existsSync(distEntry) && !process.env.BENCH_SRC
    ? await import(distEntry.href)
    : await import('../src/adapters/ledger/index.ts');
const { openLedger, verifyInclusionProof } = mod;

const LEAVES = Number(process.env.LEAVES ?? 1_000_000);
const SUBJECTS = Number(process.env.SUBJECTS ?? 10_000_000);
const GROUP = Number(process.env.GROUP ?? 500);
const rows = [];
const rate = (n, ms) => Math.round(n / (ms / 1000));

function intent(i, subjects = { sensitive: [], personal: [] }) {
  return {
    exporter: 'acme',
    manifest: { id: 'acme-aftersales', version: '3' },
    lists: [{ id: 'lingang-icv-general', version: '2024.1' }],
    recipient: 'Acme GmbH',
    country: 'DE',
    gateway: 'gw-1',
    fields: ['vin', 'fault_code', 'mileage'],
    records: 1000,
    sha256: createHash('sha256').update(String(i)).digest('hex'),
    bytes: 65536,
    output: { kind: 'stdout' },
    subjects,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'datapass-bench-ledger-'));
try {
  // 1. Durable appends (synchronous=FULL), group commits of GROUP batches, one signed head per group.
  {
    const l = openLedger(join(dir, 'append'));
    const N = 20_000;
    const t = performance.now();
    for (let i = 0; i < N; i += GROUP) {
      const batch = [];
      for (let j = i; j < Math.min(N, i + GROUP); j++) batch.push(intent(j));
      await l.commitMany(await l.prepareMany(batch));
    }
    const ms = performance.now() - t;
    rows.push([
      'append (group prepare + group commit, FULL fsync)',
      `${N} batches, groups of ${GROUP}`,
      `${rate(N, ms)} batches/s`,
      '≥ 5,000/s',
    ]);
    const t1 = performance.now();
    const M = 300;
    for (let i = 0; i < M; i++) await l.commit(await l.prepare(intent(i)));
    rows.push([
      'append, one commit + head per batch',
      `${M} batches`,
      `${rate(M, performance.now() - t1)} batches/s`,
      '(fsync bound)',
    ]);
    await l.close();
  }
  // 2. Verify LEAVES leaves; 3. proofs.
  {
    const l = openLedger(join(dir, 'verify'), { synchronous: 'NORMAL' });
    const BUILD = 5000;
    const tb = performance.now();
    for (let i = 0; i < LEAVES; i += BUILD) {
      const batch = [];
      for (let j = i; j < Math.min(LEAVES, i + BUILD); j++) batch.push(intent(j));
      await l.commitMany(await l.prepareMany(batch));
    }
    const buildMs = performance.now() - tb;
    rows.push(['build for verify (NORMAL sync)', `${LEAVES} leaves`, `${rate(LEAVES, buildMs)} batches/s`, '']);
    // Three back-to-back runs (the VM is shared: the best one is the least disturbed), with the load average.
    let r;
    for (let run = 1; run <= 3; run++) {
      const load = loadavg()[0].toFixed(1);
      const t = performance.now();
      const cpu0 = process.cpuUsage();
      r = await l.verify();
      const ms = performance.now() - t;
      const cpu = process.cpuUsage(cpu0);
      if (!r.ok) throw new Error(`verify failed: ${JSON.stringify(r.firstBad)}`);
      rows.push([
        `verify, run ${run} (leaf hashes, roots, head signatures, counters)`,
        `${r.size} leaves, ${r.heads} heads`,
        `${(ms / 1000).toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, load ${load})`,
        '≤ 3 s',
      ]);
    }
    const shown = await l.show({ limit: 2000 });
    const P = 1000;
    const tp = performance.now();
    let proof;
    for (let i = 0; i < P; i++) proof = await l.prove(shown[(i * 7919) % shown.length].leaf.batchId);
    const pms = (performance.now() - tp) / P;
    rows.push([
      'prove (inclusion, self-checked)',
      `tree of ${r.size}, path ${proof.path.length}`,
      `${(pms * 1000).toFixed(0)} µs/proof`,
      '< 1 ms',
    ]);
    const tv = performance.now();
    for (let i = 0; i < P; i++) verifyInclusionProof(proof);
    rows.push([
      'verifyInclusionProof (third party)',
      'incl. Ed25519 head check',
      `${(((performance.now() - tv) / P) * 1000).toFixed(0)} µs/proof`,
      '',
    ]);
    const tc = performance.now();
    for (let i = 0; i < P; i++) await l.consistency(Math.min(r.size, BUILD * (1 + (i % 10))), r.size);
    rows.push([
      'consistency proof',
      `→ ${r.size}`,
      `${(((performance.now() - tc) / P) * 1000).toFixed(0)} µs/proof`,
      '< 1 ms',
    ]);
    await l.close();
  }
  // 4. Subject counting: keyed hash + exact set, one exporter-year of SUBJECTS subjects.
  {
    const hmacKey = Buffer.alloc(32, 9);
    const values = Array.from({ length: 200_000 }, (_, i) => `3101011990${String(i).padStart(8, '0')}`);
    let t = performance.now();
    for (const v of values) createHmac('sha256', hmacKey).update(v).digest();
    const ref = rate(values.length, performance.now() - t);
    const l = openLedger(join(dir, 'count'), { synchronous: 'FULL' });
    const hmac = l.subjectHasher();
    t = performance.now();
    for (const v of values) hmac(v);
    const fast = rate(values.length, performance.now() - t);
    t = performance.now();
    hmac.hashMany(values);
    const many = rate(values.length, performance.now() - t);
    rows.push(['keyed hash: fresh createHmac per value', '200k values', `${ref}/s`, '']);
    rows.push([
      'keyed hash: subjectHasher (JS SHA-256 midstates)',
      '200k values',
      `${fast}/s`,
      `${(fast / ref).toFixed(1)}× createHmac`,
    ]);
    rows.push(['keyed hash: subjectHasher().hashMany (packed)', '200k values', `${many}/s`, '']);
    const B = 100_000;
    const yearTime = new Date('2026-06-01T00:00:00Z');
    const vins = (from, n) => {
      const out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = `VIN${String(from + i).padStart(14, '0')}`;
      return out;
    };
    t = performance.now();
    const cpu1 = process.cpuUsage();
    for (let done = 0; done < SUBJECTS; done += B) {
      const personal = hmac.hashMany(vins(done, B));
      const id = await l.prepare(intent(done, { sensitive: [], personal }));
      await l.commit(id, yearTime);
    }
    const ms = performance.now() - t;
    const cpuCount = process.cpuUsage(cpu1);
    rows.push([
      'count subjects (hash + prepare + commit, all new)',
      `${SUBJECTS} subjects, batches of ${B}`,
      `${rate(SUBJECTS, ms)} subjects/s (per CPU s: ${rate(SUBJECTS, (cpuCount.user + cpuCount.system) / 1000)})`,
      '≥ 500,000/s',
    ]);
    // Re-send the first 1M subjects: all already counted.
    t = performance.now();
    const R = Math.min(1_000_000, SUBJECTS);
    for (let done = 0; done < R; done += B) {
      const personal = hmac.hashMany(vins(done, B));
      await l.commit(await l.prepare(intent(done, { sensitive: [], personal })), yearTime);
    }
    rows.push([
      'count subjects (all seen before)',
      `${R} subjects`,
      `${rate(R, performance.now() - t)} subjects/s`,
      '',
    ]);
    // The gateway's per-record path: one Buffer per subject from subjectHasher(), arrays into prepare.
    t = performance.now();
    for (let done = 0; done < R; done += B) {
      const personal = vins(done, B).map((v) => hmac(v));
      await l.commit(await l.prepare({ ...intent(done, { sensitive: [], personal }), exporter: 'acme-2' }), yearTime);
    }
    rows.push([
      'count subjects, per-value hasher + arrays (all new)',
      `${R} subjects, other exporter`,
      `${rate(R, performance.now() - t)} subjects/s`,
      '',
    ]);
    t = performance.now();
    await l.close();
    rows.push([
      'close (writes the set snapshots)',
      `${SUBJECTS} + ${R} members`,
      `${((performance.now() - t) / 1000).toFixed(2)} s`,
      '',
    ]);
    // Restart: load the set (snapshot + chunks after it), then count one more batch.
    const restart = async (label, expected) => {
      const l2 = openLedger(join(dir, 'count'));
      const t2 = performance.now();
      await l2.commit(
        await l2.prepare(intent(0, { sensitive: [], personal: [hmac(`VIN-new-${expected}`)] })),
        yearTime,
      );
      rows.push([label, `${expected - 1} members`, `${((performance.now() - t2) / 1000).toFixed(2)} s`, '']);
      const c = await l2.counts('acme', 2026);
      if (c.personal !== expected) throw new Error(`count is ${c.personal}, expected ${expected}`);
      await l2.close();
    };
    await restart('restart: load set from snapshot + first commit', SUBJECTS + 1);
    // Without snapshots (first start after a crash): rebuild from the chunk rows.
    const snaps = join(dir, 'count', 'ledger.db.subjects');
    for (const f of existsSync(snaps) ? readdirSync(snaps) : []) rmSync(join(snaps, f));
    await restart('restart without snapshot: replay chunks + first commit', SUBJECTS + 2);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => String(r[i]).length), 6));
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
for (const r of [['measure', 'size', 'result', 'target'], ...rows]) {
  console.log(r.map((c, i) => String(c).padEnd(w[i])).join('  '));
}
