/**
 * @module cli/demo-run
 * `datapass demo run`: the main flow on synthetic data, end to end, with the real commands —
 * lists → demo data → scan → assess → keys → manifest → apply → ledger. This is what `npm start` runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ensureDir } from '../adapters/paths.js';
import { MAX_DEMO_ROWS, MAX_SEED } from './demo.js';
import { ExitCode } from './exit-codes.js';
import { action, globalOptions, usageError } from './run.js';

const LIST = 'lingang.icv.after_sales';
const EXPORTER = 'demo-motors';
const KEY_ID = 'demo-motors-trial';
const RECIPIENT = 'demo-motors-gmbh';

interface Step {
  title: string;
  args: string[];
  /** Exit codes that mean the step worked (a blocking finding can be the point of a step). */
  ok?: number[];
}

function runStep(dataDir: string, step: Step, n: number, total: number): number {
  process.stdout.write(`\n\x1b[1m[${n}/${total}] ${step.title}\x1b[0m\n$ datapass ${step.args.join(' ')}\n`);
  // Re-run this same CLI (built or from source) as a child, exactly as a user would type it.
  const entry = process.argv[1] as string;
  const r = spawnSync(process.execPath, [...process.execArgv, entry, '--data-dir', dataDir, ...step.args], {
    stdio: 'inherit',
    env: process.env,
  });
  return r.status ?? ExitCode.Internal;
}

/** Adds `run` to the `demo` command registered by cli/demo.ts. */
export function registerDemoRunCommand(program: Command): void {
  let demo = program.commands.find((c) => c.name() === 'demo');
  if (!demo) demo = program.command('demo').description('demonstration data and the main flow on it');
  demo
    .command('run')
    .description('run the main flow on synthetic after-sales repair orders: scan, assess, manifest, apply, ledger')
    .option('--rows <n>', 'rows of demo data', '2000')
    .option('--seed <n>', 'seed of the demo data (a new seed means new data subjects)', '1')
    .addHelpText(
      'after',
      `
Writes everything under <data-dir>/demo and <data-dir> itself (database, keys, ledger).
Run it twice: the second batch finds its data subjects already counted in the ledger.

Example:
  datapass demo run
  datapass --data-dir /tmp/dp demo run --rows 10000 --seed 2`,
    )
    .action(
      action((opts: { rows: string; seed: string }, cmd: Command) => {
        const g = globalOptions(cmd.optsWithGlobals());
        if (!/^\d+$/.test(opts.rows) || Number(opts.rows) < 1 || Number(opts.rows) > MAX_DEMO_ROWS)
          usageError('--rows', opts.rows, `a positive whole number up to ${MAX_DEMO_ROWS}`);
        if (!/^\d+$/.test(opts.seed) || Number(opts.seed) > MAX_SEED)
          usageError('--seed', opts.seed, `a whole number up to ${MAX_SEED}`);
        const dataDir = resolve(g.dataDir);
        const dir = join(dataDir, 'demo');
        ensureDir(dir);
        const dataset = join(dir, 'repair_orders.ndjson');
        const profile = join(dir, 'transfer-profile.json');
        const manifest = join(dir, 'manifest.yaml');
        const keyFile = join(dataDir, 'keys', `${KEY_ID}.key`);
        const batch = readdirSync(dir).filter((f) => /^export-\d+\.ndjson$/.test(f)).length + 1;
        const out = join(dir, `export-${batch}.ndjson`);
        writeFileSync(
          profile,
          `${JSON.stringify(
            {
              exporter: { name: EXPORTER, ciio: false, zone: 'lingang' },
              recipient: { name: RECIPIENT, country: 'DE' },
              scenario: LIST,
              basis: 'none',
              origin: 'domestic',
              data: { importantData: false, coreData: false },
            },
            null,
            2,
          )}\n`,
        );
        if (existsSync(manifest)) rmSync(manifest);

        const steps: Step[] = [
          { title: 'The list catalogue: signed, versioned general data lists and the negative list', args: ['lists'] },
          {
            title: 'Synthetic after-sales repair orders (with ground-truth labels)',
            args: [
              'demo',
              'data',
              '--kind',
              'repair_orders',
              '--rows',
              opts.rows,
              '--seed',
              opts.seed,
              '--format',
              'ndjson',
              '--out',
              dir,
            ],
          },
          { title: `Scan: classify every column and map it to ${LIST}`, args: ['scan', dataset, '--list', LIST] },
          {
            title: 'Assess: the legal pathway and a decision per field, with the articles',
            args: ['assess', '--list', LIST, '--dataset', dataset, '--profile', profile],
            ok: [0, 1],
          },
          ...(existsSync(keyFile)
            ? []
            : [
                {
                  title: 'A signing key for self-signed trial manifests, trusted in this data directory',
                  args: ['keys', 'generate', '--id', KEY_ID, '--issuer', EXPORTER, '--trust'],
                },
              ]),
          {
            title: 'Draft an export manifest from the field decisions',
            args: [
              'manifest',
              'init',
              '--list',
              LIST,
              '--dataset',
              dataset,
              '--exporter',
              EXPORTER,
              '--issuer',
              EXPORTER,
              '--recipient',
              RECIPIENT,
              '--country',
              'DE',
              '--id',
              'demo.after_sales.export',
              '--out',
              manifest,
            ],
          },
          { title: 'Sign the manifest (self-signed trial)', args: ['manifest', 'sign', manifest, '--key', keyFile] },
          {
            title: 'Apply: only what the manifest allows leaves; the batch goes into the ledger',
            args: ['apply', '--manifest', manifest, '--in', dataset, '--out', out, '--to', RECIPIENT],
          },
          { title: 'Verify the ledger: every leaf, every signed tree head', args: ['ledger', 'verify'] },
          { title: 'Data subjects counted this calendar year', args: ['ledger', 'counts'] },
        ];
        for (const [i, step] of steps.entries()) {
          const code = runStep(dataDir, step, i + 1, steps.length);
          if (!(step.ok ?? [0]).includes(code)) {
            process.stderr.write(`datapass: demo stopped at step ${i + 1} (exit ${code})\n`);
            return code === 0 ? ExitCode.Internal : code;
          }
        }
        process.stdout.write(
          `\nDone. Output: ${out}\nNext: \`datapass ledger show\`, \`datapass manifest check ${manifest} --dataset ${dataset}\`, \`datapass lists show ${LIST}\`.\n`,
        );
        return ExitCode.Ok;
      }),
    );
}
