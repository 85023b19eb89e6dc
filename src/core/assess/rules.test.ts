import { describe, expect, it } from 'vitest';
import { evalExpr, parseRulesFile } from './rules.js';

describe('condition language', () => {
  const facts = { n: 100_000, b: true, s: 'contract' };
  it('gte includes the number (以上), lt excludes it (不满)', () => {
    expect(evalExpr({ fact: 'n', gte: 100_000 }, facts)).toBe(true);
    expect(evalExpr({ fact: 'n', lt: 100_000 }, facts)).toBe(false);
    expect(evalExpr({ fact: 'n', gt: 100_000 }, facts)).toBe(false);
    expect(evalExpr({ fact: 'n', lte: 100_000 }, facts)).toBe(true);
  });
  it('all / any / not, equality and membership', () => {
    expect(evalExpr({ all: [] }, facts)).toBe(true);
    expect(evalExpr({ any: [] }, facts)).toBe(false);
    expect(evalExpr({ not: { fact: 'b', eq: false } }, facts)).toBe(true);
    expect(evalExpr({ fact: 's', in: ['hr', 'contract'] }, facts)).toBe(true);
    expect(evalExpr({ fact: 's', ne: 'contract' }, facts)).toBe(false);
  });
  it('is total: an unknown fact or a type mismatch is false, never a throw', () => {
    expect(evalExpr({ fact: 'missing', eq: 1 }, facts)).toBe(false);
    expect(evalExpr({ fact: 's', gte: 1 }, facts)).toBe(false);
  });
});

describe('parseRulesFile', () => {
  const base = {
    schemaVersion: 1,
    kind: 'AssessmentRules',
    id: 'x',
    version: '1',
    title: { en: 'x', zh: 'x' },
    effective: '2024-03-22',
    zones: [{ id: 'lingang', zh: '临港', en: 'Lingang', confidence: 'secondary' }],
    obligations: [],
    next_steps: [],
  };
  const rule = (id: string, order: number, when: unknown) => ({
    id,
    order,
    effect: 'require',
    pathway: 'security_assessment',
    when,
    article: { ref: 'r', en: 'e', zh: 'z' },
    text: { en: 'e', zh: 'z' },
    source: 'https://example.org',
    effective: '2024-03-22',
    confidence: 'confirmed',
  });
  it('names an unknown fact with a did-you-mean', () => {
    const r = parseRulesFile({ ...base, rules: [rule('a', 1, { fact: 'ciioo', eq: true })] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]?.code).toBe('assess.unknown_fact');
    expect(r.problems[0]?.help).toContain('ciio');
  });
  it('rejects duplicate ids and orders, and comparisons of the wrong type', () => {
    const r = parseRulesFile({
      ...base,
      rules: [rule('a', 1, { fact: 'ciio', eq: true }), rule('a', 1, { fact: 'ciio', gte: 1 })],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.code).sort()).toEqual([
      'assess.duplicate_rule_id',
      'assess.duplicate_rule_order',
      'assess.fact_type',
    ]);
  });
  it('rejects unknown keys', () => {
    const r = parseRulesFile({ ...base, rules: [{ ...rule('a', 1, { fact: 'ciio', eq: true }), priority: 3 }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]?.code).toBe('schema.unknown_key');
  });
});
