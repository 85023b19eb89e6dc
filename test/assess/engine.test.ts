/**
 * Properties of the engine over the shipped rules: total, deterministic, monotone in the volumes, and
 * never `exempt` with important data or core data.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/adapters/assess/index.js';
import { assess } from '../../src/core/assess/engine.js';
import type { TransferProfile } from '../../src/core/assess/profile.js';
import { pathwayRank } from '../../src/core/assess/rules.js';
import { RULES_DIR } from './helpers.js';

const DATES = ['2024-06-01', '2025-02-07', '2025-06-01', '2026-01-01'];
const RULES = new Map(DATES.map((d) => [d, loadRules(RULES_DIR, d)]));

const profileArb = fc.record({
  ciio: fc.boolean(),
  zone: fc.constantFrom(undefined, 'lingang', 'beijing_ftz', 'guangdong_ftz'),
  basis: fc.constantFrom(undefined, 'none', 'contract', 'hr', 'emergency') as fc.Arbitrary<TransferProfile['basis']>,
  origin: fc.constantFrom(undefined, 'domestic', 'foreign_transit') as fc.Arbitrary<TransferProfile['origin']>,
  important: fc.boolean(),
  core: fc.boolean(),
  neg: fc.constantFrom(undefined, true, false),
  date: fc.constantFrom(...DATES),
});
const countArb = fc.oneof(fc.constantFrom(0, 1, 9_999, 10_000, 99_999, 100_000, 999_999, 1_000_000), fc.nat(3_000_000));

function run(
  p: {
    ciio: boolean;
    zone: string | undefined;
    basis: TransferProfile['basis'];
    origin: TransferProfile['origin'];
    important: boolean;
    core: boolean;
    neg: boolean | undefined;
    date: string;
  },
  personal: number,
  sensitive: number,
) {
  const profile: TransferProfile = {
    exporter: { name: 'x', ciio: p.ciio, ...(p.zone ? { zone: p.zone } : {}) },
    recipient: { name: 'y', country: 'DE' },
    ...(p.basis ? { basis: p.basis } : {}),
    ...(p.origin ? { origin: p.origin } : {}),
    data: {
      personalSubjectsYtd: personal,
      sensitiveSubjectsYtd: sensitive,
      importantData: p.important,
      coreData: p.core,
      ...(p.neg !== undefined ? { onNegativeList: p.neg } : {}),
    },
  };
  const rules = RULES.get(p.date);
  if (!rules) throw new Error('no rules');
  return assess({ rules, profile, date: p.date, volumes: { personal, sensitive, notes: [] } });
}

describe('engine properties', () => {
  test.prop([profileArb, countArb, countArb, countArb, countArb])(
    'increasing volumes never makes the pathway less restrictive',
    (p, a, b, c, d) => {
      const lo = run(p, Math.min(a, b), Math.min(c, d));
      const hi = run(p, Math.max(a, b), Math.max(c, d));
      expect(pathwayRank(hi.pathway)).toBeGreaterThanOrEqual(pathwayRank(lo.pathway));
    },
  );

  test.prop([profileArb, countArb, countArb])(
    'important data is never exempt; core data is always prohibited',
    (p, a, b) => {
      const d = run({ ...p, important: true }, a, b);
      expect(d.pathway).not.toBe('exempt');
      expect(run({ ...p, core: true }, a, b).pathway).toBe('prohibited');
    },
  );

  test.prop([profileArb, countArb, countArb])('adding important data never lowers the pathway', (p, a, b) => {
    const without = run({ ...p, important: false }, a, b);
    const withIt = run({ ...p, important: true }, a, b);
    expect(pathwayRank(withIt.pathway)).toBeGreaterThanOrEqual(pathwayRank(without.pathway));
  });

  test.prop([profileArb, countArb, countArb])(
    'total and deterministic: some rule always decides, same bytes twice',
    (p, a, b) => {
      const x = run(p, a, b);
      expect(x.reasons.map((r) => r.rule)).not.toContain('no_rule_matched');
      expect(JSON.stringify(run(p, a, b))).toBe(JSON.stringify(x));
    },
  );

  test.prop([profileArb, countArb, countArb])(
    'a CIIO with personal information is never exempt without an Art. 3–5 ground',
    (p, a, b) => {
      fc.pre(a + b > 0 && !p.core);
      const d = run({ ...p, ciio: true, basis: 'none', origin: 'domestic' }, a, b);
      expect(d.pathway).toBe('security_assessment');
    },
  );

  it('Art. 6 needs a processor in a zone with a negative list in force', () => {
    const base = { ciio: false, basis: undefined, origin: undefined, important: false, core: false, neg: false };
    expect(run({ ...base, zone: 'beijing_ftz', date: '2025-06-01' }, 500_000, 0).pathway).toBe('exempt');
    expect(run({ ...base, zone: undefined, date: '2025-06-01' }, 500_000, 0).pathway).toBe('contract_or_certification');
    expect(run({ ...base, zone: 'beijing_ftz', date: '2024-06-01' }, 500_000, 0).pathway).toBe(
      'contract_or_certification',
    );
  });
});
