import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { compareVersions, isCalendarDate, normaliseAlias, parseListDocument } from './validate.js';

const minimal = () => ({
  kind: 'GeneralDataList',
  schemaVersion: 1,
  id: 'x.list',
  version: '1.0.0',
  title: { zh: '清单', en: 'List' },
  issuer: { id: 'issuer-a', name: { zh: '甲', en: 'A' } },
  domain: 'd',
  zone: 'lingang',
  scenario: { id: 's', zh: '场景', en: 'S' },
  effective: '2024-01-01',
  illustrative: true,
  categories: [
    {
      id: 'c',
      zh: '类',
      en: 'C',
      fields: [
        { id: 'a.one', zh: '一', en: 'One', piClass: 'none', aliases: ['one', 'yi'] },
        { id: 'a.two', zh: '二', en: 'Two', piClass: 'personal', infoTypes: ['VIN'] },
      ],
    },
  ],
});

const codes = (input: unknown) => {
  const r = parseListDocument(input);
  return r.ok ? [] : r.problems.map((p) => `${p.code}@${p.path.join('.')}`);
};

describe('parseListDocument', () => {
  it('accepts a minimal list and fills defaults', () => {
    const r = parseListDocument(minimal());
    expect(r.ok).toBe(true);
    if (r.ok && r.value.kind === 'GeneralDataList') expect(r.value.categories[0]?.fields[0]?.conditions).toEqual([]);
  });
  it('rejects unknown keys, naming the key', () => {
    expect(codes({ ...minimal(), colour: 'blue' })).toEqual(['schema.unknown_key@colour']);
  });
  it('names a missing key', () => {
    const { title: _t, ...rest } = minimal();
    expect(codes(rest)).toEqual(['schema.missing_key@title']);
  });
  it('rejects duplicate field ids with the path of the duplicate', () => {
    const doc = minimal();
    doc.categories[0]!.fields[1]!.id = 'a.one';
    expect(codes(doc)).toEqual(['list.duplicate_field_id@categories.0.fields.1.id']);
  });
  it('rejects an unknown infoType with a did-you-mean hint', () => {
    const doc = minimal();
    doc.categories[0]!.fields[1]!.infoTypes = ['VINN'];
    const r = parseListDocument(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems[0]?.code).toBe('list.unknown_info_type');
      expect(r.problems[0]?.help).toBe('did you mean `VIN`?');
    }
  });
  it('rejects impossible dates and an expiry before the effective date', () => {
    expect(codes({ ...minimal(), effective: '2024-02-30' })).toEqual(['list.invalid_date@effective']);
    expect(codes({ ...minimal(), expires: '2023-12-31' })).toEqual(['list.expiry_before_effective@expires']);
  });
  it('rejects one alias naming two fields (after normalisation)', () => {
    const doc = minimal();
    (doc.categories[0]!.fields[1] as { aliases?: string[] }).aliases = ['Y_I'];
    expect(codes(doc)).toEqual(['list.alias_conflict@categories.0.fields.1.aliases.0']);
  });
  it('reports every problem, sorted', () => {
    const doc = { ...minimal(), colour: 'x', effective: '2024-13-01' };
    expect(codes(doc).length).toBeGreaterThanOrEqual(1);
  });
});

describe('helpers', () => {
  it('knows the calendar', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('2024-04-31')).toBe(false);
  });
  it('normalises aliases', () => {
    expect(normaliseAlias('Plate_No')).toBe(normaliseAlias('plate-no'));
    expect(normaliseAlias('车牌 号')).toBe('车牌号');
  });
  test.prop([
    fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 3 }),
    fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 3 }),
  ])('compareVersions is antisymmetric and numeric', (a, b) => {
    const va = a.join('.');
    const vb = b.join('.');
    expect(compareVersions(va, vb) + compareVersions(vb, va)).toBe(0);
  });
  it('orders 1.10 after 1.9', () => {
    expect(compareVersions('1.10', '1.9')).toBe(1);
    expect(compareVersions('1.0', '1.0.0')).toBe(0);
  });
});
