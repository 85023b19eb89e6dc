/**
 * CLI fixtures for the gateway tests: a data directory, a manifest, input files.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { openLedger } from '../../src/adapters/ledger/index.js';
import { type CliResult, runCli, tempDir } from '../helpers/cli.js';

export const NOW = '2026-06-01T04:00:00Z';

export function baseManifest(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemaVersion: 1,
    kind: 'ExportManifest',
    id: 'acme.repairs.to_de',
    version: '1.0.0',
    issuer: { id: 'acme', name: { zh: '示例汽车', en: 'Acme Motors' } },
    exporter: 'acme-sh',
    recipients: [
      { name: 'acme-gmbh', type: 'headquarters', countries: ['DE'] },
      { name: 'acme-sarl', type: 'affiliate', countries: ['FR', 'BE'] },
    ],
    list: { id: 'lingang.icv.after_sales', version: '1.1.0' },
    effective: '2026-01-01',
    expires: '2026-12-31',
    subjectKeys: ['vin'],
    fields: [
      { path: 'order_id', operator: 'keep' },
      { path: 'vin', operator: 'hash', piClass: 'personal' },
      { path: 'brand', operator: 'keep' },
      { path: 'owner_name', operator: 'drop', note: 'not on the list' },
    ],
    ...extra,
  };
}

export interface Env {
  dir: string;
  dataDir: string;
  manifest: string;
  cli(args: string[], opts?: { input?: string | Buffer; env?: Record<string, string> }): Promise<CliResult>;
  /** `apply` of this manifest to `acme-gmbh`, from `input` to `out`, with `extra` options. */
  apply(input: string, out: string, ...extra: string[]): Promise<CliResult>;
  /** Committed batches in the ledger. */
  batches(): Promise<number>;
}

export function setup(manifest: Record<string, unknown> = baseManifest()): Env {
  const dir = tempDir('dp-gw-');
  const dataDir = join(dir, 'data');
  const file = join(dir, 'm.yaml');
  writeFileSync(file, stringify(manifest));
  const cli: Env['cli'] = (args, opts = {}) =>
    runCli(['--data-dir', dataDir, ...args], {
      env: { DATAPASS_NOW: NOW, DATAPASS_NO_SHIPPED_TRUST: '0', ...opts.env },
      ...(opts.input !== undefined ? { input: opts.input } : {}),
      timeoutMs: 120_000,
    });
  return {
    dir,
    dataDir,
    manifest: file,
    cli,
    apply: (input, out, ...extra) =>
      cli(['apply', '--manifest', file, '--to', 'acme-gmbh', '--in', input, '--out', out, ...extra]),
    batches: async () => {
      const l = openLedger(dataDir);
      try {
        return (await l.show()).length;
      } finally {
        await l.close();
      }
    },
  };
}

export function orders(n: number, extra: (i: number) => Record<string, unknown> = () => ({})): string {
  let s = '';
  for (let i = 0; i < n; i++)
    s += `${JSON.stringify({ order_id: `RO${i}`, vin: `LSVAB12345C${String(i % 50).padStart(6, '0')}`, brand: '上汽大众', owner_name: `王${i}明`, ...extra(i) })}\n`;
  return s;
}
