import { describe, expect, it } from 'vitest';
import { compileManifest, transformObject } from './compile.js';
import { checkDestination, exampleManifest, parseManifest, subjectClassOf } from './manifest.js';
import { generalizeValue, maskText, type OperatorContext } from './operators.js';

const ctx: OperatorContext = { hash: (t) => `h(${t})`, tokenize: (ns, t) => `t(${ns}:${t})` };

describe('manifest schema', () => {
  it('parses the example', () => {
    const r = parseManifest(exampleManifest());
    expect(r.ok).toBe(true);
  });

  it('rejects unknown keys, duplicate paths, overlapping paths and __proto__', () => {
    const m = exampleManifest() as unknown as Record<string, unknown>;
    expect(parseManifest({ ...m, extra: 1 }).ok).toBe(false);
    const fields = [
      { path: 'a', operator: 'keep' },
      { path: 'a', operator: 'drop' },
      { path: 'o', operator: 'keep' },
      { path: 'o.x', operator: 'drop' },
      { path: '__proto__', operator: 'keep' },
    ];
    const r = parseManifest({ ...m, fields });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.map((p) => p.code).sort()).toEqual([
        'gateway.duplicate_field_path',
        'gateway.forbidden_path',
        'gateway.overlapping_paths',
      ]);
  });

  it('rejects paths with quotes or backslashes', () => {
    const m = exampleManifest();
    expect(parseManifest({ ...m, fields: [{ path: 'a"b', operator: 'keep' }] }).ok).toBe(false);
    expect(parseManifest({ ...m, fields: [{ path: 'a\\b', operator: 'keep' }] }).ok).toBe(false);
  });

  it('derives the subject class from the fields that leave', () => {
    const m = exampleManifest();
    expect(subjectClassOf(m)).toBe('personal');
    expect(subjectClassOf({ ...m, fields: [{ path: 'x', operator: 'drop', piClass: 'sensitive' }] })).toBe('none');
    expect(subjectClassOf({ ...m, fields: [{ path: 'x', operator: 'hash', piClass: 'sensitive' }] })).toBe('sensitive');
    // compile.ts repeats the rule without importing the schema: they must agree.
    for (const fields of [
      m.fields,
      [{ path: 'x', operator: 'drop' as const, piClass: 'sensitive' as const }],
      [{ path: 'x', operator: 'keep' as const }],
    ])
      for (const subjectClass of [undefined, 'sensitive' as const]) {
        const mm = { ...m, fields, ...(subjectClass ? { subjectClass } : {}) };
        expect(compileManifest(mm).subjectClass).toBe(subjectClassOf(mm));
      }
  });

  it('checks recipient and country', () => {
    const m = exampleManifest();
    expect(checkDestination(m, undefined, undefined).ok).toBe(true);
    const bad = checkDestination(m, 'someone-else', undefined);
    expect(bad.ok ? '' : bad.problems[0]?.code).toBe('gateway.recipient_not_allowed');
    const badC = checkDestination(m, 'acme-gmbh', 'US');
    expect(badC.ok ? '' : badC.problems[0]?.code).toBe('gateway.country_not_allowed');
  });
});

describe('operators', () => {
  it('masks by code points and never returns a short value unmasked', () => {
    expect(maskText('13812345678', 3, 4)).toBe('138****5678');
    expect(maskText('张三丰', 1, 0)).toBe('张**');
    expect(maskText('ab', 1, 1)).toBe('**');
  });

  it('generalises dates, ages, coordinates, resident ids, VINs and plates', () => {
    const s = (kind: 'string' | 'number', text: string, to: Parameters<typeof generalizeValue>[2], o = {}) =>
      generalizeValue(kind, text, to, o);
    expect(s('string', '2024-03-15', 'year')).toEqual({ kind: 'string', text: '2024' });
    expect(s('string', '2024-03-15T10:00:00', 'month')).toEqual({ kind: 'string', text: '2024-03' });
    expect(s('string', '20240315', 'month')).toEqual({ kind: 'string', text: '2024-03' });
    expect(s('string', '2024年3月5日', 'month')).toEqual({ kind: 'string', text: '2024-03' });
    expect(s('string', 'soon', 'year')).toEqual({ kind: 'null' });
    expect(s('number', '37', 'age_band')).toEqual({ kind: 'string', text: '30-39' });
    expect(s('number', '37', 'age_band', { width: 5 })).toEqual({ kind: 'string', text: '35-39' });
    expect(s('number', '31.230416', 'decimals', { decimals: 2 })).toEqual({ kind: 'number', text: '31.23' });
    expect(s('string', '31.230416,121.473701', 'decimals', { decimals: 1 })).toEqual({
      kind: 'string',
      text: '31.2,121.5',
    });
    expect(s('string', '110101199003071234', 'region_birth_year')).toEqual({ kind: 'string', text: '110000-1990' });
    expect(s('string', '11010119900307123X', 'birth_year')).toEqual({ kind: 'string', text: '1990' });
    expect(s('string', 'LSVAB12345C678901', 'wmi')).toEqual({ kind: 'string', text: 'LSV' });
    expect(s('string', 'LSVAB1', 'wmi')).toEqual({ kind: 'null' });
    expect(s('string', '沪AD12345', 'province')).toEqual({ kind: 'string', text: '沪' });
    expect(s('string', 'XAD12345', 'province')).toEqual({ kind: 'null' });
  });
});

describe('reference transform', () => {
  it('keeps manifest order, drops unnamed fields, suppresses and rejects missing subject keys', () => {
    const m = parseManifest({
      ...exampleManifest(),
      fields: [
        { path: 'brand', operator: 'keep' },
        { path: 'vin', operator: 'hash' },
        { path: 'owner.city', operator: 'keep' },
      ],
      suppress: [{ path: 'status', equals: 'test' }],
    });
    if (!m.ok) throw new Error('bad manifest');
    const c = compileManifest(m.value);
    expect(transformObject(c, { vin: 'V1', brand: 'B', secret: 'S', owner: { city: 'SH', phone: '1' } }, ctx)).toEqual({
      kind: 'out',
      value: { brand: 'B', vin: 'h(V1)', owner: { city: 'SH' } },
      subject: 'V1',
    });
    expect(transformObject(c, { vin: 'V1', status: 'test' }, ctx)).toEqual({ kind: 'suppressed' });
    expect(transformObject(c, { brand: 'B' }, ctx)).toMatchObject({ kind: 'reject', path: 'vin' });
    expect(transformObject(c, { vin: '' }, ctx)).toMatchObject({ kind: 'reject' });
  });
});
