import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Rng } from '../synth/prng.js';
import { V } from '../synth/values.js';
import { isLicensePlate } from './plate.js';

describe('CN_LICENSE_PLATE', () => {
  it('accepts ordinary, new-energy (small and large) and suffix plates, with separators', () => {
    for (const v of [
      '沪A12345',
      '京B1234X',
      '沪AD12345',
      '粤B12345D',
      '沪A·D12345',
      '沪A-12345',
      '苏E1234挂',
      '粤Z1234港',
      '沪A DF1234',
    ])
      expect(isLicensePlate(v), v).toBe(true);
  });
  it('rejects I/O, a non-province first char, wrong lengths and bad NEV shapes', () => {
    for (const v of ['沪AI12345', '沪A1234O', '中A12345', '沪A1234', '沪A1234567', '沪AX12345', '沪A12D345', 'AA12345'])
      expect(isLicensePlate(v), v).toBe(false);
  });
  test.prop([fc.integer()])('generated plates are accepted', (seed) => {
    expect(isLicensePlate(V.plate(new Rng(seed)))).toBe(true);
  });
});
