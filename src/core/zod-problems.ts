/**
 * @module core/zod-problems
 * Zod issues as DataPass problems, and the calendar-date test the schemas share. Apart from the list schema, so
 * that a command validating a manifest, a proof or a trust store does not build the list schema (~13 ms of start).
 */
import type { z } from 'zod';
import { isCalendarDate as isRealDate } from './detect/checksums.js';
import { type PathSegment, type Problem, problem } from './problems.js';

/** The value at `path` in `input`, or undefined (also where the path leaves the document). */
function valueAt(input: unknown, path: readonly PathSegment[]): unknown {
  let cur = input;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/**
 * Translates zod issues into DataPass problems. `input`: the document that was parsed; with it, a key that is
 * missing is named as missing also where zod reports only that a literal or an enum did not match.
 */
export function zodProblems(error: z.ZodError, input?: unknown): Problem[] {
  const out: Problem[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
    if (
      input !== undefined &&
      (issue.code === 'invalid_value' || issue.code === 'invalid_union') &&
      path.length > 0 &&
      valueAt(input, path) === undefined &&
      typeof valueAt(input, path.slice(0, -1)) === 'object'
    ) {
      out.push(problem('schema.missing_key', { key: String(path[path.length - 1]) }, path));
      continue;
    }
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) out.push(problem('schema.unknown_key', { key }, [...path, key]));
        break;
      case 'invalid_type': {
        const received = /received (\w+)/.exec(issue.message)?.[1] ?? 'another type';
        if (received === 'undefined') {
          const key = String(path[path.length - 1] ?? '');
          out.push(problem('schema.missing_key', { key }, path));
        } else out.push(problem('schema.invalid_type', { expected: issue.expected, received }, path));
        break;
      }
      case 'invalid_format':
        out.push(problem('schema.invalid_format', { format: issue.format, detail: detailOf(issue.message) }, path));
        break;
      case 'too_small':
        out.push(problem('schema.too_small', { detail: boundOf(issue.message) }, path));
        break;
      case 'too_big':
        out.push(problem('schema.too_big', { detail: boundOf(issue.message) }, path));
        break;
      case 'invalid_value':
        out.push(
          problem(
            'schema.invalid_value',
            { detail: `: expected one of ${issue.values.map((v) => `\`${String(v)}\``).join(', ')}` },
            path,
          ),
        );
        break;
      case 'invalid_union': {
        const disc = (issue as { note?: string }).note;
        out.push(problem('schema.invalid_value', { detail: disc ? `: ${disc.toLowerCase()}` : '' }, path));
        break;
      }
      default:
        out.push(problem('schema.invalid_value', { detail: detailOf(issue.message) }, path));
    }
  }
  return out;
}

/** `Too big: expected number to be <=5` → `expected number to be <=5` (the template already says "too big"). */
function boundOf(message: string): string {
  const m = message.replace(/^Too (big|small):\s*/i, '').trim();
  return m ? `${m.charAt(0).toLowerCase()}${m.slice(1)}` : message;
}

function detailOf(message: string): string {
  const m = message.replace(/^Invalid (input|string)(: )?/i, '').trim();
  return m ? `: ${m.charAt(0).toLowerCase()}${m.slice(1)}` : '';
}

/** True for a real calendar date YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}
