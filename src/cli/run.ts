/**
 * @module cli/run
 * Shared plumbing for commands: one place that turns thrown problems into stderr lines and exit codes.
 */
import { Command } from 'commander';
import { formatProblem, type Lang } from '../core/messages/index.js';
import { DataPassError, type Problem, problem } from '../core/problems.js';
import { ExitCode, exitCodeFor } from './exit-codes.js';

/** Options every command may see (set on the root program). */
export interface GlobalOptions {
  dataDir: string;
  lang: Lang;
}

export function globalOptions(opts: { dataDir?: string; lang?: string }): GlobalOptions {
  const lang = opts.lang === 'zh' ? 'zh' : 'en';
  const dataDir = opts.dataDir ?? process.env.DATAPASS_HOME ?? 'data';
  if (dataDir === '') usageError('--data-dir', dataDir, 'a directory');
  return { dataDir, lang };
}

/**
 * The language of messages for a run: `--lang` as commander parsed it (any position, `--lang zh` or
 * `--lang=zh`), read from the command the action belongs to; before parsing, from argv.
 */
export function langOf(cmd: Command | undefined, argv: readonly string[] = process.argv): Lang {
  let lang: unknown;
  if (cmd) lang = (cmd.optsWithGlobals() as { lang?: unknown }).lang;
  else
    for (let i = 2; i < argv.length; i++) {
      const a = argv[i] as string;
      if (a === '--') break;
      if (a === '--lang') lang = argv[++i];
      else if (a.startsWith('--lang=')) lang = a.slice('--lang='.length);
    }
  return lang === 'zh' ? 'zh' : 'en';
}

/** Prints problems to stderr, one per line, in the chosen language. */
export function printProblems(problems: readonly Problem[], lang: Lang = 'en'): void {
  for (const p of problems) process.stderr.write(`datapass: ${formatProblem(p, lang)}\n`);
}

/** Writes machine output: one JSON document and a newline. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Wraps a command action: a returned number is the exit code; a DataPassError prints its problems
 * and exits with the code its problems call for; anything else is a bug (exit 3) without a stack trace
 * unless DATAPASS_DEBUG is set.
 */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<number | undefined> | number | undefined,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    // Commander passes the command itself as the last argument of every action.
    const cmd = args.findLast((a): a is Command => a instanceof Command);
    const lang = langOf(cmd);
    try {
      const given = cmd ? (cmd.optsWithGlobals() as { lang?: unknown }).lang : undefined;
      if (given !== undefined && given !== 'en' && given !== 'zh') usageError('--lang', String(given), 'en or zh');
      const code = await fn(...args);
      process.exitCode = code ?? ExitCode.Ok;
    } catch (err) {
      if (err instanceof DataPassError) {
        printProblems(err.problems, lang);
        process.exitCode = exitCodeFor(err.problems);
        return;
      }
      const e = err as NodeJS.ErrnoException;
      // A database that cannot be opened or read (not a database, corrupt, locked) is bad input, not a bug.
      if (typeof e?.code === 'string' && e.code.startsWith('SQLITE_')) {
        const p = problem('input.database_error', { reason: e.message });
        printProblems([p], lang);
        process.exitCode = exitCodeFor([p]);
        return;
      }
      if (e?.code === 'EPIPE') {
        process.exitCode = ExitCode.Ok;
        return;
      }
      reportInternalError(err);
    }
  };
}

/** An error that is no problem of the input: a bug. Exit 3; the stack with DATAPASS_DEBUG set. */
export function reportInternalError(err: unknown): void {
  const e = err as Error | undefined;
  process.stderr.write(`datapass: internal error: ${e?.message ?? String(err)}\n`);
  if (process.env.DATAPASS_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
  process.exitCode = ExitCode.Internal;
}

/** Throws a usage problem (exit 2). */
export function usageError(name: string, value: string, detail = ''): never {
  throw new DataPassError(problem('usage.invalid_argument', { name, value, detail: detail ? `: ${detail}` : '' }));
}
