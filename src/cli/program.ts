/**
 * @module cli/program
 * Builds the `datapass` command tree (no side effects, so tests can walk it).
 */
import { Command } from 'commander';
import { loadCommands } from './commands.js';

/** Builds the command tree; with `only`, just that top-level command (faster start-up). */
export async function buildProgram(only?: string): Promise<Command> {
  const program = new Command('datapass')
    .description(
      'DataPass: cross-border data export under the Lingang general data list + negative list mechanism.\n' +
        'DataPass：临港新片区数据跨境 一般数据清单 + 负面清单 的工具。',
    )
    .version('0.1.0')
    .option(
      '--data-dir <dir>',
      'where DataPass keeps its database, keys and ledger (default: $DATAPASS_HOME, else ./data)',
    )
    .option('--lang <lang>', 'language of human output: en or zh', 'en')
    .addHelpText(
      'after',
      `
The flow of one export:
  datapass lists                                              which lists exist, which version is in force
  datapass scan orders.csv --list lingang.icv.after_sales     classify columns, map them to list fields
  datapass assess --list lingang.icv.after_sales --dataset orders.csv --profile transfer.json
  datapass manifest init --list lingang.icv.after_sales --dataset orders.csv --recipient acme-gmbh --country DE --out m.yaml
  datapass manifest sign m.yaml --key data/keys/acme.key
  datapass apply --manifest m.yaml --in orders.ndjson --out export.ndjson --to acme-gmbh
  datapass ledger verify

Try it on demo data:  datapass demo run
Exit codes: 0 ok, 1 a blocking finding (failed verification, prohibited transfer, tampered ledger), 2 bad usage or input.`,
    )
    .configureHelp({ sortSubcommands: false })
    .exitOverride();
  for (const register of await loadCommands(only)) register(program);
  return program;
}
