import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Rng } from '../synth/prng.js';
import { V } from '../synth/values.js';
import { iso6346CheckDigit } from './checksums.js';
import { isContainerNumber, isImoNumber } from './shipping.js';
import { changeDigit } from './test-helpers.js';

describe('IMO_NUMBER', () => {
  it('accepts 7 digits with the check digit, with or without the IMO prefix', () => {
    for (const v of ['9074729', 'IMO 9074729', 'IMO9074729', 'imo 9074729']) expect(isImoNumber(v), v).toBe(true);
    for (const v of ['9074728', '907472', 'IMO  9074729', '0074721', 'IMX 9074729'])
      expect(isImoNumber(v), v).toBe(false);
  });
  test.prop([fc.integer()])('generated IMO numbers are accepted', (seed) => {
    expect(isImoNumber(V.imo(new Rng(seed)))).toBe(true);
  });
  // Σ(d × w) mod 10 with w = 7..2: a change δ at an even weight (6, 4, 2) goes unnoticed when δ·w ≡ 0 (mod 10),
  // i.e. δ = 5. The property covers every change the scheme can detect.
  test.prop([fc.integer(), fc.nat({ max: 6 }), fc.integer({ min: 1, max: 9 })])(
    'changing one digit is rejected unless δ·weight ≡ 0 (mod 10)',
    (seed, pos, delta) => {
      const raw = V.imo(new Rng(seed)).replace(/^IMO ?/, '');
      const w = pos === 6 ? 1 : 7 - pos;
      const changed = changeDigit(raw, pos, delta);
      if (changed.startsWith('0')) return;
      const d0 = raw.charCodeAt(pos) - 48;
      const d1 = changed.charCodeAt(pos) - 48;
      const undetectable = ((d1 - d0) * w) % 10 === 0;
      expect(isImoNumber(changed)).toBe(undetectable);
    },
  );
});

describe('CONTAINER_NUMBER', () => {
  it('accepts ISO 6346 numbers (with spaces) and rejects wrong check digits and categories', () => {
    expect(isContainerNumber('CSQU3054383')).toBe(true);
    expect(isContainerNumber('CSQU 305438 3')).toBe(true);
    expect(isContainerNumber('CSQU3054384')).toBe(false);
    expect(isContainerNumber('CSQX3054383')).toBe(false);
    expect(isContainerNumber('csqu3054383')).toBe(false);
  });
  test.prop([fc.integer()])('generated container numbers are accepted', (seed) => {
    expect(isContainerNumber(V.container(new Rng(seed)))).toBe(true);
  });
  // Σ value·2^i mod 11, then mod 10: residues 0 and 10 both give check digit 0, so a change that moves the residue
  // between 0 and 10 is not detectable. Every other single-digit change is.
  test.prop([fc.integer(), fc.integer({ min: 4, max: 10 }), fc.integer({ min: 1, max: 9 })])(
    'changing one digit is rejected unless it only swaps residue 0 and 10',
    (seed, pos, delta) => {
      const v = V.container(new Rng(seed));
      const changed = changeDigit(v, pos, delta);
      if (pos === 10) {
        expect(isContainerNumber(changed)).toBe(false);
        return;
      }
      const residue = (s: string): number => {
        let sum = 0;
        const vals = 'A10B12C13D14E15F16G17H18I19J20K21L23M24N25O26P27Q28R29S30T31U32V34W35X36Y37Z38';
        for (let i = 0; i < 10; i++) {
          const ch = s.charAt(i);
          const val = /\d/.test(ch) ? Number(ch) : Number(vals.slice(vals.indexOf(ch) + 1, vals.indexOf(ch) + 3));
          sum += val * 2 ** i;
        }
        return sum % 11;
      };
      const pair = [residue(v), residue(changed)].sort().join(',');
      expect(iso6346CheckDigit(changed)).toBe(residue(changed) % 10);
      expect(isContainerNumber(changed)).toBe(pair === '0,10');
    },
  );
});
