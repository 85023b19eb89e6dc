/**
 * @module cli/exit-codes
 * The one table from outcomes to process exit codes.
 */
import { kindOf, type Problem } from '../core/problems.js';

export const ExitCode = {
  /** Success. */
  Ok: 0,
  /** A finding that blocks: a failed verification, a prohibited transfer, a tampered ledger. */
  Blocking: 1,
  /** Bad usage or bad input. */
  BadInput: 2,
  /** A bug or an I/O failure we did not expect. */
  Internal: 3,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Bad input outranks a blocking finding: the caller must fix the input first. */
export function exitCodeFor(problems: readonly Problem[]): ExitCode {
  let code: ExitCode = ExitCode.Ok;
  for (const p of problems) {
    if (p.severity !== 'error') continue;
    const k = kindOf(p.code);
    if (k === 'input') return ExitCode.BadInput;
    if (k === 'internal') code = ExitCode.Internal;
    else if (k === 'blocking' && code === ExitCode.Ok) code = ExitCode.Blocking;
  }
  return code;
}
