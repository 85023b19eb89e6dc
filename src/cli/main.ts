/**
 * @module cli/main
 * The `datapass` command line: wiring only. Each command lives in its own module and registers itself.
 */
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands.js';
import { ExitCode } from './exit-codes.js';

export function buildProgram(): Command {
  const program = new Command('datapass')
    .description(
      'DataPass: cross-border data export under the Lingang general data list + negative list mechanism.\n' +
        'DataPass：临港新片区数据跨境 一般数据清单 + 负面清单 的工具。',
    )
    .version('0.1.0')
    .option('--data-dir <dir>', 'where DataPass keeps its database, keys and ledger (default: $DATAPASS_HOME, else ./data)')
    .option('--lang <lang>', 'language of human output: en or zh', 'en')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: false })
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

async function main(): Promise<void> {
  const program = buildProgram();
  // Commander's own errors are usage errors: exit 2; help and version are success.
  const setOverride = (cmd: Command): void => {
    cmd.exitOverride();
    for (const sub of cmd.commands) setOverride(sub);
  };
  setOverride(program);
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      const ok = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(err.code);
      process.exitCode = ok ? ExitCode.Ok : ExitCode.BadInput;
      return;
    }
    throw err;
  }
}

await main();
