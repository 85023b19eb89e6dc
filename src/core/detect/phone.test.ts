import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Rng } from '../synth/prng.js';
import { V } from '../synth/values.js';
import { isLandline, isMobile } from './phone.js';

describe('CN_MOBILE', () => {
  it('accepts 1[3-9] + 9 digits with +86 / 0086 / 86, spaces and dashes', () => {
    for (const v of [
      '13812345678',
      '+8613812345678',
      '+86 138 1234 5678',
      '0086-138-1234-5678',
      '8613812345678',
      '138-1234-5678',
      '19912345678',
    ])
      expect(isMobile(v), v).toBe(true);
  });
  it('rejects 11-digit numbers not starting with 1[3-9], and wrong lengths', () => {
    for (const v of [
      '12812345678',
      '10012345678',
      '23812345678',
      '1381234567',
      '138123456789',
      '+1 138 1234 5678',
      '1381234567a',
    ])
      expect(isMobile(v), v).toBe(false);
  });
  test.prop([fc.integer()])('generated mobiles are accepted; 11-digit decoys are not', (seed) => {
    const r = new Rng(seed);
    expect(isMobile(V.mobile(r))).toBe(true);
    expect(isMobile(V.num11(r))).toBe(false);
  });
});

describe('CN_LANDLINE', () => {
  it('accepts area code + local number in common notations', () => {
    for (const v of [
      '021-62345678',
      '0571-8765432',
      '(010)62345678',
      '02162345678',
      '0755 2345 6789',
      '+86-21-62345678',
    ])
      expect(isLandline(v), v).toBe(true);
  });
  it('accepts an extension after the number', () => {
    for (const v of ['021-62345678-8001', '010-62345678转123', '0571-87654321 ext 12', '(021)62345678#66'])
      expect(isLandline(v), v).toBe(true);
    for (const v of ['021-62345678-800123', '13812345678-12', 'SF1234567890-1']) expect(isLandline(v), v).toBe(false);
  });
  it('rejects mobiles, short numbers, local numbers starting 0/1 and international prefixes', () => {
    for (const v of ['13812345678', '021-1234567', '021-02345678', '00862162345678', '021-623456789'])
      expect(isLandline(v), v).toBe(false);
  });
  test.prop([fc.integer()])('generated landlines are accepted', (seed) => {
    expect(isLandline(V.landline(new Rng(seed)))).toBe(true);
  });
});
