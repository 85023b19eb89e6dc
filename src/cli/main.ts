/**
 * @module cli/main
 * The `datapass` command line: wiring only. Each command lives in its own module and registers itself.
 */
import { type Command, CommanderError } from 'commander';
import { type Problem, problem } from '../core/problems.js';
import { ExitCode } from './exit-codes.js';
import { buildProgram } from './program.js';
import { langOf, printProblems, reportInternalError } from './run.js';

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

/** A commander usage error as a DataPass problem (so it is worded like every other error, in `--lang`). */
function commanderProblem(err: CommanderError): Problem {
  const [first = '', ...rest] = err.message.replace(/^error: /, '').split('\n');
  const suggestion = /^\(Did you mean (.*)\?\)$/.exec(rest.join(' ').trim())?.[1];
  const extra = suggestion ? { help: `did you mean ${suggestion}?` } : {};
  const quoted = /'([^']*)'/.exec(first)?.[1] ?? '';
  switch (err.code) {
    case 'commander.unknownCommand':
      return problem('usage.unknown_command', { command: quoted }, [], extra);
    case 'commander.unknownOption':
      return problem('usage.unknown_option', { option: quoted }, [], extra);
    case 'commander.missingArgument':
      return problem('usage.missing_argument', { name: `<${quoted}>` });
    case 'commander.missingMandatoryOptionValue':
    case 'commander.optionMissingArgument':
      return problem('usage.missing_argument', { name: quoted });
    case 'commander.excessArguments': {
      const m = /Expected (\d+) arguments? but got (\d+)/.exec(first);
      return problem('usage.too_many_arguments', { expected: m?.[1] ?? '?', received: m?.[2] ?? '?' });
    }
    default:
      return problem('usage.invalid_argument', { name: 'the command line', value: first, detail: '' });
  }
}

async function main(): Promise<void> {
  const command = commandName(process.argv);
  // A reader that stops early closes the pipe. Help, lists and reports stop quietly, as other tools do; an export
  // to standard output did not complete: it says so and exits 1 (no ledger entry: the batch never got that far).
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    if (command === 'apply') {
      printProblems([problem('gateway.output_closed')], langOf(undefined));
      process.exit(ExitCode.Blocking);
    }
    process.exit(ExitCode.Ok);
  });
  const program = await buildProgram(command);
  // `--help` speaks the language of the run's messages; the Chinese wording loads only when asked for.
  if (langOf(undefined) === 'zh') (await import('./help-zh.js')).useChineseHelp(program);
  // Commander's own errors are usage errors: exit 2, printed by us as `datapass: …` problems;
  // help asked for and the version are success, help shown for a missing subcommand is bad usage.
  const setOverride = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.configureOutput({ outputError: () => {} });
    for (const sub of cmd.commands) setOverride(sub);
  };
  setOverride(program);
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.version'].includes(err.code)) process.exitCode = ExitCode.Ok;
      else if (err.code === 'commander.help') process.exitCode = err.exitCode === 0 ? ExitCode.Ok : ExitCode.BadInput;
      else {
        printProblems([commanderProblem(err)], langOf(undefined));
        process.stderr.write('(run with --help for usage)\n');
        process.exitCode = ExitCode.BadInput;
      }
      return;
    }
    throw err;
  }
}

// Not a top-level await: the CLI is also bundled as one CommonJS script (scripts/bundle.mjs), which has none.
main().catch(reportInternalError);
