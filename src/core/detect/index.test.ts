import { describe, expect, it } from 'vitest';
import { INFO_TYPE_NAMES } from '../infotypes.js';
import { createDetectors, DETECTORS, trimValue } from './index.js';

describe('DETECTORS registry', () => {
  it('has a detector for every infoType', () => {
    for (const t of INFO_TYPE_NAMES) {
      expect(DETECTORS[t].infoType).toBe(t);
      expect(typeof DETECTORS[t].validate).toBe('function');
    }
  });
  it('validate trims, check does not', () => {
    expect(DETECTORS.CN_MOBILE.validate('  13812345678\u3000')).toBe(true);
    expect(DETECTORS.CN_MOBILE.check(' 13812345678')).toBe(false);
    expect(trimValue('abc')).toBe('abc');
    expect(trimValue('\ufeff abc \t')).toBe('abc');
  });
  it('uses `today` to reject births in the future', () => {
    const d = createDetectors({ today: '2025-06-30' });
    expect(d.DATE_OF_BIRTH.validate('2025-07-01')).toBe(false);
    expect(d.DATE_OF_BIRTH.validate('2025-06-30')).toBe(true);
    expect(DETECTORS.DATE_OF_BIRTH.validate('2025-07-01')).toBe(true);
  });
  it('offers a stricter standalone form for context types', () => {
    expect(DETECTORS.GENDER.validate('M')).toBe(true);
    expect(DETECTORS.GENDER.standalone?.('M')).toBe(false);
    expect(DETECTORS.GENDER.standalone?.('男')).toBe(true);
  });
});
