/**
 * @module cli/main
 * The `datapass` command line: wiring only. Each command lives in its own module and registers itself.
 */
import { type Command, CommanderError } from 'commander';
import { ExitCode } from './exit-codes.js';
import { buildProgram } from './program.js';

/** The top-level command named on the command line, if any (after global options). */
function commandName(argv: readonly string[]): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--data-dir' || a === '--lang') {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return a === 'help' ? undefined : a;
  }
  return undefined;
}

async function main(): Promise<void> {
  const program = await buildProgram(commandName(process.argv));
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
