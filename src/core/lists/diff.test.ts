import { describe, expect, it } from 'vitest';
import { diffLists } from './diff.js';
import type { GeneralDataList, NegativeList } from './schema.js';

const field = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  zh: id,
  en: id,
  infoTypes: [],
  piClass: 'none',
  aliases: [],
  conditions: [],
  ...extra,
});
const list = (version: string, fields: unknown[]) =>
  ({
    kind: 'GeneralDataList',
    id: 'x',
    version,
    title: { zh: 'x', en: 'x' },
    effective: '2024-01-01',
    illustrative: true,
    scenario: { id: 's', zh: 's', en: 's' },
    categories: [{ id: 'c', zh: 'c', en: 'c', fields }],
  }) as unknown as GeneralDataList;

describe('diffLists', () => {
  it('reports added and removed fields, PI class and condition changes with directions', () => {
    const a = list('1.0.0', [
      field('vin', { piClass: 'personal', conditions: [{ type: 'requirement', text: { zh: 'x', en: 'no person' } }] }),
      field('date', { conditions: [{ type: 'generalised', granularity: 'month' }] }),
      field('gone'),
      field('free', { conditions: [{ type: 'pseudonymised' }] }),
    ]);
    const b = list('1.1.0', [
      field('vin', {
        piClass: 'sensitive',
        conditions: [{ type: 'requirement', text: { zh: 'x', en: 'no person' } }, { type: 'pseudonymised' }],
      }),
      field('date', { conditions: [{ type: 'generalised', granularity: 'year' }] }),
      field('free'),
      field('new'),
    ]);
    const d = diffLists(a, b);
    const byKind = d.changes.map((c) => `${c.kind}:${c.target}:${c.direction}`);
    expect(byKind).toEqual([
      'pi_class_changed:vin:tightened',
      'condition_added:vin:tightened',
      'condition_changed:date:tightened',
      'condition_removed:free:loosened',
      'field_added:new:loosened',
      'field_removed:gone:tightened',
    ]);
    expect(d.summary).toEqual({ added: 1, removed: 1, tightened: 4, loosened: 2, neutral: 0 });
  });
  it('finds nothing between identical versions', () => {
    const a = list('1.0.0', [field('a')]);
    expect(diffLists(a, { ...a, version: '1.0.1' }).changes).toEqual([]);
  });
  it('diffs negative lists: a lower threshold and a stricter procedure tighten', () => {
    const entry = (value: number, procedure: string) => ({
      id: 'e',
      sector: 's',
      category: { zh: 'c', en: 'c' },
      description: { zh: 'd', en: 'd' },
      infoTypes: [],
      fields: [],
      keywords: [],
      threshold: { measure: 'subjects', comparison: 'gte', value, window: 'calendar_year' },
      procedure,
    });
    const neg = (version: string, e: unknown) =>
      ({
        kind: 'NegativeList',
        id: 'n',
        version,
        title: { zh: 'n', en: 'n' },
        effective: '2025-01-01',
        illustrative: true,
        zones: ['lingang'],
        entries: [e],
      }) as unknown as NegativeList;
    const d = diffLists(
      neg('1', entry(100000, 'contract_or_certification')),
      neg('2', entry(10000, 'security_assessment')),
    );
    expect(d.changes.map((c) => `${c.kind}:${c.direction}`)).toEqual([
      'threshold_changed:tightened',
      'procedure_changed:tightened',
    ]);
  });
});
