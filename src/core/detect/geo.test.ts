import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Rng } from '../synth/prng.js';
import { V } from '../synth/values.js';
import { isGeoPair, isInChina, isLatitude, isLongitude } from './geo.js';

describe('GEO_COORDINATE', () => {
  it('accepts lat,lon and lon,lat pairs with ≥ 3 decimals in range', () => {
    for (const v of [
      '31.230416,121.473701',
      '121.473701, 31.230416',
      '(31.2304,121.4737)',
      '-33.8688,151.2093',
      '31.2304，121.4737',
    ])
      expect(isGeoPair(v), v).toBe(true);
    for (const v of ['31.2,121.4', '91.0000,181.0000', '1,2', 'a.bcd,1.234', '31.230416;121.473701', '12.5,30.2'])
      expect(isGeoPair(v), v).toBe(false);
  });
  it('knows China’s box and single latitudes / longitudes', () => {
    expect(isInChina('31.2304,121.4737')).toBe(true);
    expect(isInChina('121.4737,31.2304')).toBe(true);
    expect(isInChina('48.8566,2.3522')).toBe(false);
    expect(isLatitude('31.23')).toBe(true);
    expect(isLatitude('91.23')).toBe(false);
    expect(isLatitude('31')).toBe(false);
    expect(isLongitude('121.473701')).toBe(true);
    expect(isLongitude('-181.00')).toBe(false);
  });
  test.prop([fc.integer()])('generated pairs are accepted and lie in China', (seed) => {
    const v = V.geoPair(new Rng(seed));
    expect(isGeoPair(v)).toBe(true);
    expect(isInChina(v)).toBe(true);
  });
});
