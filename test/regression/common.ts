/** Shared checks for the regression tests: one clear `datapass:` line per problem, never a stack trace. */
import { expect } from 'vitest';
import type { CliResult } from '../helpers/cli.js';

export function expectCleanFailure(r: CliResult, code: 1 | 2): void {
  expect(r.code).toBe(code);
  expect(r.stderr).toMatch(/^datapass: /);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toContain('internal error');
}
