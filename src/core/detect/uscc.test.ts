import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Rng } from '../synth/prng.js';
import { V } from '../synth/values.js';
import { changeDigit, digitPositions } from './test-helpers.js';
import { isUscc } from './uscc.js';

describe('CN_USCC', () => {
  it('accepts the reference vectors', () => {
    expect(isUscc('91350100M000100Y43')).toBe(true);
    expect(isUscc('91310115MA1K3AB27Q')).toBe(true);
  });
  it('rejects a wrong check symbol, forbidden letters, a non-digit region and wrong lengths', () => {
    expect(isUscc('913100007178852800')).toBe(false);
    expect(isUscc('91310115MA1K3AB27I')).toBe(false);
    expect(isUscc('91A10115MA1K3AB27Q')).toBe(false);
    expect(isUscc('91310115MA1K3AB27')).toBe(false);
    expect(isUscc('91310115ma1k3ab27q')).toBe(false);
  });
  test.prop([fc.integer()])('generated codes are accepted', (seed) => {
    expect(isUscc(V.uscc(new Rng(seed)))).toBe(true);
  });
  test.prop([fc.integer(), fc.nat(), fc.integer({ min: 1, max: 9 })])(
    'changing one digit is rejected (MOD 31)',
    (seed, p, delta) => {
      const v = V.uscc(new Rng(seed));
      const pos = digitPositions(v);
      expect(isUscc(changeDigit(v, pos[p % pos.length] as number, delta))).toBe(false);
    },
  );
});
