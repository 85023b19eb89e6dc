/**
 * @module core/detect/geo
 * GEO_COORDINATE: a `lat,lon` (or `lon,lat`, as AMap/Baidu write it) pair in one value, or a latitude / a
 * longitude alone (separate columns; the classifier needs the header for those).
 * A pair needs at least 3 decimals on both numbers (a position, not a measurement) and valid ranges.
 */

/** Parses a signed decimal in `v[from, to)`; returns NaN when it is not one. Sets `lastDecimals`. */
let lastDecimals = 0;
function parseDecimal(v: string, from: number, to: number): number {
  let i = from;
  while (i < to && v.charCodeAt(i) === 32) i++;
  while (to > i && v.charCodeAt(to - 1) === 32) to--;
  if (i >= to) return Number.NaN;
  let neg = false;
  const c = v.charCodeAt(i);
  if (c === 45 || c === 43) {
    neg = c === 45;
    i++;
  }
  let intPart = 0;
  let intDigits = 0;
  while (i < to) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    intPart = intPart * 10 + d;
    intDigits++;
    i++;
  }
  if (intDigits === 0 || intDigits > 3) return Number.NaN;
  let frac = 0;
  let scale = 1;
  let decimals = 0;
  if (i < to && v.charCodeAt(i) === 46) {
    i++;
    while (i < to) {
      const d = v.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return Number.NaN;
      if (decimals < 12) {
        frac = frac * 10 + d;
        scale *= 10;
      }
      decimals++;
      i++;
    }
    if (decimals === 0) return Number.NaN;
  }
  if (i !== to) return Number.NaN;
  lastDecimals = decimals;
  const x = intPart + frac / scale;
  return neg ? -x : x;
}

/** A latitude: decimal in [-90, 90] with at least 2 decimals. */
export function isLatitude(v: string): boolean {
  const x = parseDecimal(v, 0, v.length);
  return lastDecimals >= 2 && x >= -90 && x <= 90;
}

/** A longitude: decimal in [-180, 180] with at least 2 decimals. */
export function isLongitude(v: string): boolean {
  const x = parseDecimal(v, 0, v.length);
  return lastDecimals >= 2 && x >= -180 && x <= 180;
}

/** Bits of {@link latLonBits}. */
export const LAT = 1;
export const LON = 2;
/** At least 5 decimals. */
export const PRECISE = 4;

/** One parse for both checks: `LAT` when {@link isLatitude}, `LON` when {@link isLongitude}, `PRECISE` (≥ 5 decimals). */
export function latLonBits(v: string): number {
  const x = parseDecimal(v, 0, v.length);
  if (Number.isNaN(x) || lastDecimals < 2) return 0;
  let bits = 0;
  if (x >= -90 && x <= 90) bits |= LAT;
  if (x >= -180 && x <= 180) bits |= LON;
  if (lastDecimals >= 5) bits |= PRECISE;
  return bits;
}

/** A `lat,lon` or `lon,lat` pair, both with ≥ 3 decimals, in range (one must exceed 90 when ambiguous order). */
export function isGeoPair(v: string): boolean {
  const n = v.length;
  if (n < 9 || n > 60) return false;
  let comma = v.indexOf(',');
  if (comma < 0) comma = v.indexOf('，');
  if (comma < 0) return false;
  let from = 0;
  let to = n;
  if (v.charCodeAt(0) === 40 && v.charCodeAt(n - 1) === 41) {
    from = 1;
    to = n - 1;
  }
  const a = parseDecimal(v, from, comma);
  const da = lastDecimals;
  const b = parseDecimal(v, comma + 1, to);
  const db = lastDecimals;
  if (Number.isNaN(a) || Number.isNaN(b) || da < 3 || db < 3) return false;
  const latLon = a >= -90 && a <= 90 && b >= -180 && b <= 180;
  const lonLat = b >= -90 && b <= 90 && a >= -180 && a <= 180;
  return latLon || lonLat;
}

/** True when a coordinate pair (either order) falls in China's rough box (lat 3–54, lon 73–136). */
export function isInChina(v: string): boolean {
  const comma = v.indexOf(',');
  if (comma < 0) return false;
  const start = v.charCodeAt(0) === 40 ? 1 : 0;
  const end = v.charCodeAt(v.length - 1) === 41 ? v.length - 1 : v.length;
  const a = parseDecimal(v, start, comma);
  const b = parseDecimal(v, comma + 1, end);
  const inBox = (lat: number, lon: number): boolean => lat >= 3 && lat <= 54 && lon >= 73 && lon <= 136;
  return inBox(a, b) || inBox(b, a);
}
