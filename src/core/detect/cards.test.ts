import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Rng } from '../synth/prng.js';
import { V } from '../synth/values.js';
import { isBankCard, isImei, isUnionPayLuhnFail } from './cards.js';
import { changeDigit } from './test-helpers.js';

describe('BANK_CARD', () => {
  it('accepts Luhn-valid numbers with an issuer prefix, with spaces or dashes', () => {
    for (const v of [
      '4111111111111111',
      '6222021234567890128',
      '6222 0212 3456 7890 128',
      '5500-0000-0000-0004',
      '378282246310005',
      '2221000000000009',
    ])
      expect(isBankCard(v), v).toBe(true);
  });
  it('rejects Luhn failures, unknown prefixes and wrong lengths', () => {
    expect(isBankCard('6222021234567890126')).toBe(false);
    expect(isBankCard('9111111111111116')).toBe(false); // Luhn ok, no issuer
    expect(isBankCard('411111111111')).toBe(false);
    expect(isBankCard('41111111111111111111')).toBe(false);
  });
  it('knows the real Luhn-failing UnionPay card only as a loose match', () => {
    expect(isBankCard('6214832018989180')).toBe(false);
    expect(isUnionPayLuhnFail('6214832018989180')).toBe(true);
    expect(isUnionPayLuhnFail('6222021234567890128')).toBe(false);
    expect(isUnionPayLuhnFail('4214832018989180')).toBe(false);
  });
  test.prop([fc.integer()])('generated cards are accepted', (seed) => {
    expect(isBankCard(V.bankCard(new Rng(seed)))).toBe(true);
  });
  test.prop([fc.integer()])('Luhn-failing 16-digit decoys are rejected', (seed) => {
    expect(isBankCard(V.luhnFail16(new Rng(seed)))).toBe(false);
  });
  test.prop([fc.integer(), fc.nat(), fc.integer({ min: 1, max: 9 })])(
    'changing one digit is rejected (Luhn)',
    (seed, p, delta) => {
      const v = V.bankCard(new Rng(seed));
      expect(isBankCard(changeDigit(v, p % v.length, delta))).toBe(false);
    },
  );
});

describe('IMEI', () => {
  it('accepts 15 Luhn-valid digits, with dashes', () => {
    expect(isImei('490154203237518')).toBe(true);
    expect(isImei('49-015420-323751-8')).toBe(true);
    expect(isImei('490154203237519')).toBe(false);
    expect(isImei('49015420323751')).toBe(false);
  });
  test.prop([fc.integer()])('generated IMEIs are accepted', (seed) => {
    expect(isImei(V.imei(new Rng(seed)))).toBe(true);
  });
  test.prop([fc.integer(), fc.nat({ max: 14 }), fc.integer({ min: 1, max: 9 })])(
    'changing one digit is rejected',
    (seed, p, delta) => {
      expect(isImei(changeDigit(V.imei(new Rng(seed)), p, delta))).toBe(false);
    },
  );
});
