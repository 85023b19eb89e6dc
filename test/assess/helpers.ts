/**
 * Shared helpers of the assessment tests: the shipped rules, and a profile-only assessment through the
 * same core functions the CLI uses (without the catalogue or the ledger).
 */
import { join } from 'node:path';
import { loadRules } from '../../src/adapters/assess/index.js';
import { assess, type Decision } from '../../src/core/assess/engine.js';
import { parseProfile } from '../../src/core/assess/profile.js';
import { DataPassError, type Problem, problem } from '../../src/core/problems.js';
import { ROOT } from '../helpers/cli.js';

export const RULES_DIR = join(ROOT, 'rules');

export type Outcome = { ok: true; decision: Decision } | { ok: false; problems: Problem[] };

/** Assesses a profile object on a date, as `datapass assess PROFILE.json --date DATE` would. */
export function assessProfile(raw: unknown, date: string): Outcome {
  let rules: ReturnType<typeof loadRules>;
  try {
    rules = loadRules(RULES_DIR, date);
  } catch (err) {
    if (err instanceof DataPassError) return { ok: false, problems: err.problems };
    throw err;
  }
  const r = parseProfile(raw, rules.zones);
  if (!r.ok) return { ok: false, problems: r.problems };
  const p = r.value;
  for (const key of ['personalSubjectsYtd', 'sensitiveSubjectsYtd'] as const)
    if (p.data[key] === undefined)
      return { ok: false, problems: [problem('assess.volumes_missing', { key: `data.${key}` }, ['data', key])] };
  const decision = assess({
    rules,
    profile: p,
    date,
    volumes: { personal: p.data.personalSubjectsYtd ?? 0, sensitive: p.data.sensitiveSubjectsYtd ?? 0, notes: [] },
  });
  return { ok: true, decision };
}
