/**
 * The YAML case corpus (test/cases/assess/*.yaml): each case gives a profile and either the pathway with
 * the exact rules that fired, in order, or the problem code (and path) of bad input.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatPath } from '../../src/core/problems.js';
import { ROOT } from '../helpers/cli.js';
import { assessProfile } from './helpers.js';

interface Case {
  note: string;
  date?: string;
  input: { profile: unknown };
  want?: {
    pathway: string;
    rules: string[];
    next_steps_include?: string[];
    next_steps_exclude?: string[];
    obligations_include?: string[];
    obligations_exclude?: string[];
  };
  want_problem_code?: string;
  want_problem_path?: string;
}

const DIR = join(ROOT, 'test/cases/assess');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('assessment case corpus', () => {
  it('has at least 40 cases', () => {
    const n = files.reduce(
      (acc, f) => acc + (parse(readFileSync(join(DIR, f), 'utf8')) as { cases: Case[] }).cases.length,
      0,
    );
    expect(n).toBeGreaterThanOrEqual(40);
  });
  for (const file of files) {
    const { cases } = parse(readFileSync(join(DIR, file), 'utf8')) as { cases: Case[] };
    describe(file, () => {
      for (const c of cases) {
        it(c.note, () => {
          const out = assessProfile(c.input.profile, c.date ?? '2025-06-01');
          if (c.want_problem_code !== undefined) {
            expect(out.ok).toBe(false);
            if (out.ok) return;
            const hit = out.problems.find((p) => p.code === c.want_problem_code);
            expect(hit, JSON.stringify(out.problems)).toBeDefined();
            if (c.want_problem_path !== undefined) expect(formatPath(hit?.path ?? [])).toBe(c.want_problem_path);
            return;
          }
          expect(out.ok, out.ok ? '' : JSON.stringify(out.problems)).toBe(true);
          if (!out.ok || !c.want) return;
          const d = out.decision;
          expect(d.pathway).toBe(c.want.pathway);
          expect(d.reasons.map((r) => r.rule)).toEqual(c.want.rules);
          const steps = d.nextSteps.map((s) => s.id);
          const obligations = d.obligations.map((o) => o.id);
          for (const s of c.want.next_steps_include ?? []) expect(steps).toContain(s);
          for (const s of c.want.next_steps_exclude ?? []) expect(steps).not.toContain(s);
          for (const o of c.want.obligations_include ?? []) expect(obligations).toContain(o);
          for (const o of c.want.obligations_exclude ?? []) expect(obligations).not.toContain(o);
        });
      }
    });
  }
});
