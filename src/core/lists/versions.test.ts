import { describe, expect, it } from 'vitest';
import type { ListDocument } from './schema.js';
import { parseListRef, resolveVersion, statusOn, versionInForce } from './versions.js';

const v = (version: string, effective: string, expires?: string) =>
  ({
    kind: 'GeneralDataList',
    id: 'x',
    version,
    effective,
    ...(expires ? { expires } : {}),
  }) as unknown as ListDocument;

const versions = [
  v('1.0.0', '2024-05-17', '2025-05-16'),
  v('1.1.0', '2025-05-17', '2027-05-16'),
  v('2.0.0', '2027-01-01'),
];

describe('versions', () => {
  it('parses references', () => {
    expect(parseListRef('lingang.icv.after_sales@1.1.0')).toEqual({
      ok: true,
      value: { id: 'lingang.icv.after_sales', version: '1.1.0' },
      warnings: [],
    });
    expect(parseListRef('a.b')).toMatchObject({ ok: true, value: { id: 'a.b' } });
    expect(parseListRef('A B@x').ok).toBe(false);
  });
  it('picks the version in force on a date, at the edges', () => {
    expect(versionInForce(versions, '2024-05-16')).toBeUndefined();
    expect(versionInForce(versions, '2024-05-17')?.version).toBe('1.0.0');
    expect(versionInForce(versions, '2025-05-16')?.version).toBe('1.0.0');
    expect(versionInForce(versions, '2025-05-17')?.version).toBe('1.1.0');
    // Overlap: the higher version supersedes.
    expect(versionInForce(versions, '2027-02-01')?.version).toBe('2.0.0');
  });
  it('gives each version a status', () => {
    expect(statusOn(versions[0] as never, versions as never, '2026-01-01')).toBe('expired');
    expect(statusOn(versions[1] as never, versions as never, '2027-02-01')).toBe('superseded');
    expect(statusOn(versions[2] as never, versions as never, '2026-01-01')).toBe('pending');
    expect(statusOn(versions[1] as never, versions as never, '2026-01-01')).toBe('in_force');
  });
  it('resolves explicit and implicit references with clear problems', () => {
    expect(resolveVersion(versions, { id: 'x', version: '1.0' }, '2026-01-01')).toMatchObject({
      ok: true,
      value: { version: '1.0.0' },
    });
    expect(resolveVersion(versions, { id: 'x', version: '9' }, '2026-01-01')).toMatchObject({
      ok: false,
      problems: [{ code: 'list.version_not_found' }],
    });
    expect(resolveVersion(versions, { id: 'x' }, '2020-01-01')).toMatchObject({
      ok: false,
      problems: [{ code: 'list.no_version_in_force' }],
    });
    expect(resolveVersion([], { id: 'x' }, '2020-01-01')).toMatchObject({
      ok: false,
      problems: [{ code: 'list.not_found' }],
    });
  });
});
