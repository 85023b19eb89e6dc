import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Rng } from '../synth/prng.js';
import { V } from '../synth/values.js';
import { isResidentId } from './resident-id.js';
import { changeDigit, digitPositions } from './test-helpers.js';

describe('CN_RESIDENT_ID', () => {
  it('accepts the reference vectors', () => {
    for (const v of [
      '11010519491231002X',
      '440524188001010014',
      '810000199408230021',
      '830000198512120016',
      '11010519491231002x',
    ])
      expect(isResidentId(v), v).toBe(true);
  });
  it('rejects a wrong check char, bad dates, bad provinces, future births', () => {
    expect(isResidentId('110105194912310021')).toBe(false);
    expect(isResidentId('830000198512120015')).toBe(false);
    expect(isResidentId('110105194902300000'.slice(0, 17) + 'X')).toBe(false); // Feb 30
    expect(isResidentId('200000202401011234')).toBe(false); // 20 is not a province
    const future = `110105203001010${'01'}`;
    expect(isResidentId(future + '0', 20250630)).toBe(false);
  });
  it('rejects 18-digit order numbers', () => {
    for (const v of ['202405121234567890', '123456789012345678', '000000000000000000'])
      expect(isResidentId(v)).toBe(false);
  });
  it('accepts 15-digit legacy numbers with a real date and province', () => {
    expect(isResidentId('110105491231002')).toBe(true);
    expect(isResidentId('110105491331002')).toBe(false); // month 13
    expect(isResidentId('990105491231002')).toBe(false);
  });
  it('accepts the 2023 foreign permanent-residence card (9 + MOD 11-2)', () => {
    const body = '93310019900101123';
    const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = [...body].reduce((a, c, i) => a + Number(c) * (W[i] as number), 0);
    const v = body + '10X98765432'.charAt(sum % 11);
    expect(isResidentId(v)).toBe(true);
    expect(isResidentId(changeDigit(v, 5, 1))).toBe(false);
  });
  it('rejects wrong lengths and letters', () => {
    for (const v of ['', '1101051949123100', '11010519491231002XX', '1101051949123100A2', '11010519491231002Y'])
      expect(isResidentId(v)).toBe(false);
  });
  test.prop([fc.integer()])('generated IDs are accepted', (seed) => {
    expect(isResidentId(V.residentId(new Rng(seed)), 20250630)).toBe(true);
  });
  test.prop([fc.integer(), fc.nat(), fc.integer({ min: 1, max: 9 })])(
    'changing any one digit is rejected (MOD 11-2 detects every single substitution)',
    (seed, p, delta) => {
      const v = V.residentId(new Rng(seed));
      const pos = digitPositions(v);
      const at = pos[p % pos.length] as number;
      expect(isResidentId(changeDigit(v, at, delta))).toBe(false);
    },
  );
});
