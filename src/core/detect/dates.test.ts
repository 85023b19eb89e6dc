import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Rng } from '../synth/prng.js';
import { V } from '../synth/values.js';
import { isDateOfBirth, parseDate } from './dates.js';

describe('DATE_OF_BIRTH', () => {
  it('parses the common notations', () => {
    expect(parseDate('1985-07-12')).toBe(19850712);
    expect(parseDate('1985/7/2')).toBe(19850702);
    expect(parseDate('19850712')).toBe(19850712);
    expect(parseDate('1985年7月12日')).toBe(19850712);
    expect(parseDate('1985.07.12')).toBe(19850712);
    expect(parseDate('1985-07-12T00:00:00Z')).toBe(19850712);
    expect(parseDate('1985-07-12 08:30')).toBe(19850712);
  });
  it('rejects impossible dates and other shapes', () => {
    for (const v of [
      '1985-02-30',
      '1900-02-29',
      '1985-13-01',
      '1985-07',
      '85-07-12',
      '1985-07/12',
      '3985-01-01',
      '198507121',
    ])
      expect(parseDate(v), v).toBe(-1);
    expect(parseDate('2000-02-29')).toBe(20000229);
  });
  it('parses month-first and day-first dates (English-locale exports)', () => {
    expect(parseDate('07/12/1985')).toBe(19850712); // month first when both readings are dates
    expect(parseDate('31/12/1985')).toBe(19851231); // day first when the first part cannot be a month
    expect(parseDate('12/31/1985')).toBe(19851231);
    expect(parseDate('1/2/1985')).toBe(19850102);
    expect(parseDate('31.12.1985 08:30')).toBe(19851231);
    for (const v of ['13/13/1985', '07/12/85', '021-62345678', '1.2.3.4', '07/12-1985'])
      expect(parseDate(v), v).toBe(-1);
  });
  it('needs an age of 0–120 at `today`', () => {
    expect(isDateOfBirth('1985-07-12', 20250630)).toBe(true);
    expect(isDateOfBirth('2026-01-01', 20250630)).toBe(false);
    expect(isDateOfBirth('1890-01-01', 20250630)).toBe(false);
  });
  test.prop([fc.integer(), fc.integer({ min: 0, max: 3 })])(
    'generated birth dates are accepted in every notation',
    (seed, style) => {
      expect(isDateOfBirth(V.dob(new Rng(seed), style), 20250630)).toBe(true);
    },
  );
});
