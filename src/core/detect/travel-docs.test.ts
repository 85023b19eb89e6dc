import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Rng } from '../synth/prng.js';
import { V } from '../synth/values.js';
import { isHmtPermit, isPassport } from './travel-docs.js';

describe('CN_PASSPORT', () => {
  it('accepts E+8, E+letter+7, G+8, DE/SE/PE+7', () => {
    for (const v of ['E12345678', 'EA1234567', 'G12345678', 'DE1234567', 'e12345678'])
      expect(isPassport(v), v).toBe(true);
    for (const v of ['E1234567', 'EI1234567', 'EO1234567', 'A12345678', 'E123456789', 'EA123456X'])
      expect(isPassport(v), v).toBe(false);
  });
  test.prop([fc.integer()])('generated passports are accepted and are not permits', (seed) => {
    const v = V.passport(new Rng(seed));
    expect(isPassport(v)).toBe(true);
    expect(isHmtPermit(v)).toBe(false);
  });
});

describe('CN_HMT_PERMIT', () => {
  it('accepts C+8, W+8, H/M+8 or +10 digits', () => {
    for (const v of ['C12345678', 'CA2345678', 'W12345678', 'H12345678', 'M1234567890'])
      expect(isHmtPermit(v), v).toBe(true);
    for (const v of ['C1234567', 'X12345678', 'H123456789', 'E12345678']) expect(isHmtPermit(v), v).toBe(false);
  });
});
