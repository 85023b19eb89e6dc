/**
 * @module cli/main
 * The `datapass` command line: wiring only. Each command lives in its own module and registers itself.
 */
import { type Command, CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { ExitCode } from './exit-codes.js';

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
