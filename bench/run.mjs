#!/usr/bin/env node
/**
 * Runs every DataPass benchmark in one go, each beside the tools a user would otherwise pick:
 *   sources  — dataset readers vs papaparse and a bare JSON.parse loop
 *   scan     — `scan --full` vs redact-pii, @redactpii/node, @arcjet/redact
 *   ledger   — appends, verify, proofs, subject counting vs createHmac
 *   gateway  — `apply` vs jq, Miller and DuckDB
 * Usage: npm run build && node bench/run.mjs [sources scan ledger gateway]
 * Each bench prints its own table with ratios and the load average (the VM is noisy: compare within a run).
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const all = ['sources', 'scan', 'ledger', 'gateway'];
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : all;
let failed = 0;
for (const name of chosen) {
  if (!all.includes(name)) {
    process.stderr.write(`bench: unknown benchmark \`${name}\` (known: ${all.join(', ')})\n`);
    process.exit(2);
  }
  process.stdout.write(
    `\n=== ${name} (load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}) ===\n`,
  );
  const r = spawnSync(process.execPath, [join(here, `${name}.mjs`)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
