/**
 * @module cli/assess
 * `datapass assess`: the legal pathway of a transfer and a decision for every field, each with the
 * article that decides it. Exit 0 with a decision; 1 when the pathway is `prohibited`; 2 on bad input.
 */
import type { Command } from 'commander';
import { runAssessment } from '../adapters/assess/index.js';
import { systemClock } from '../adapters/clock.js';
import { decisionJson, renderDecision } from '../core/assess/render.js';
import { isCalendarDate } from '../core/zod-problems.js';
import { ExitCode } from './exit-codes.js';
import { action, globalOptions, printJson, usageError } from './run.js';
import { renderTable } from './table.js';

interface AssessCliOptions {
  list?: string;
  dataset?: string;
  scan?: string;
  profile?: string;
  date?: string;
  recipientType?: string;
  rules?: string;
  json?: boolean;
}

export function registerAssessCommands(program: Command): void {
  program
    .command('assess')
    .description(
      'assess a transfer: the legal pathway and a decision for every field, each with the article that decides it',
    )
    .argument('[profile]', 'transfer profile (JSON): exporter, recipient, scenario, basis, origin, data')
    .option('--list <ref>', 'general data list ID[@VERSION] to decide the fields against')
    .option(
      '--dataset <source>',
      'dataset to scan and decide field by field (csv, ndjson, json, parquet, xlsx, sqlite:…, postgres://…)',
    )
    .option('--scan <report>', 'a saved scan report (`datapass scan --json`) instead of scanning a dataset')
    .option('--profile <file>', 'transfer profile, when a list and dataset are given')
    .option(
      '--date <date>',
      'transfer date YYYY-MM-DD (default today in Asia/Shanghai): which rules and list versions apply',
    )
    .option('--recipient-type <type>', 'kind of recipient abroad, checked against `recipient_types` list conditions')
    .option('--rules <dir>', 'folder of rules files (default: the shipped rules/)')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      `
Pathways: exempt | contract_or_certification | security_assessment | prohibited (exit 1).

Examples:
  datapass assess profile.json
  datapass assess profile.json --json --date 2026-03-01
  datapass assess --list lingang.icv.after_sales --dataset repairs.csv --profile profile.json
  datapass assess --list lingang.icv.after_sales@1.0.0 --scan scan.json --profile profile.json --lang zh`,
    )
    .action(
      action(async (positional: string | undefined, opts: AssessCliOptions, cmd: Command) => {
        const g = globalOptions(cmd.optsWithGlobals());
        if (positional !== undefined && opts.profile !== undefined)
          usageError('--profile', opts.profile, 'give the profile either as an argument or with --profile, not both');
        if (opts.dataset !== undefined && opts.scan !== undefined)
          usageError('--scan', opts.scan, 'give either --dataset or --scan, not both');
        // The dataset is read twice (scan, then distinct subjects): standard input can be read only once.
        if (opts.dataset === '-')
          usageError(
            '--dataset',
            '-',
            'standard input can be read only once; save it to a file, or `datapass scan - --json > r.json` and pass --scan r.json',
          );
        const date = opts.date ?? systemClock().today();
        if (!isCalendarDate(date)) usageError('--date', date, 'expected a date YYYY-MM-DD');
        const profileFile = positional ?? opts.profile;
        const decision = await runAssessment({
          dataDir: g.dataDir,
          date,
          ...(profileFile !== undefined ? { profileFile } : {}),
          ...(opts.list !== undefined ? { list: opts.list } : {}),
          ...(opts.dataset !== undefined ? { dataset: opts.dataset } : {}),
          ...(opts.scan !== undefined ? { scan: opts.scan } : {}),
          ...(opts.recipientType !== undefined ? { recipientType: opts.recipientType } : {}),
          ...(opts.rules !== undefined ? { rulesDir: opts.rules } : {}),
        });
        if (opts.json) printJson(decisionJson(decision, g.lang));
        else process.stdout.write(renderDecision(decision, g.lang, renderTable));
        return decision.pathway === 'prohibited' ? ExitCode.Blocking : ExitCode.Ok;
      }),
    );
}
