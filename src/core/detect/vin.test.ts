import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Rng } from '../synth/prng.js';
import { V } from '../synth/values.js';
import { changeDigit, digitPositions } from './test-helpers.js';
import { isVin } from './vin.js';

describe('VIN', () => {
  it('accepts the reference vectors (either case)', () => {
    for (const v of [
      '1M8GDM9AXKP042788',
      'LSJA24U62JG269225',
      'LDC613P23A1305189',
      '11111111111111111',
      'lsja24u62jg269225',
    ])
      expect(isVin(v), v).toBe(true);
  });
  it('rejects a changed check digit, I/O/Q, a bad model year and wrong lengths', () => {
    expect(isVin('LSJA24U63JG269225')).toBe(false);
    expect(isVin('LSJA24U62IG269225')).toBe(false);
    expect(isVin('1M8GDM9AXKP04278')).toBe(false);
    expect(isVin('1M8GDM9AXKP0427888')).toBe(false);
  });
  test.prop([fc.integer()])('generated VINs are accepted', (seed) => {
    expect(isVin(V.vin(new Rng(seed)))).toBe(true);
  });
  test.prop([fc.integer()])('17-char part numbers (SKU decoys) are rejected', (seed) => {
    expect(isVin(V.sku17(new Rng(seed)))).toBe(false);
  });
  test.prop([fc.integer(), fc.nat(), fc.integer({ min: 1, max: 9 })])(
    'changing one digit is rejected (weights are non-zero mod 11 except at the check position itself)',
    (seed, p, delta) => {
      const v = V.vin(new Rng(seed));
      const pos = digitPositions(v);
      expect(isVin(changeDigit(v, pos[p % pos.length] as number, delta))).toBe(false);
    },
  );
});
