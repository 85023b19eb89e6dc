/**
 * @module core/detect/resident-id
 * CN_RESIDENT_ID: 18-char resident identity number (GB 11643-1999), the HK/Macao/Taiwan residence permit
 * (same number, regions 81/82/83), the 2023 foreign permanent-residence card (18 chars starting with 9,
 * MOD 11-2), and 15-digit legacy numbers (region + YYMMDD + 3 digits, no check char).
 */
import { digitsAt, isCalendarDate, mod112CheckChar } from './checksums.js';

/** Valid first-two-digit province codes (GB/T 2260), plus 81/82/83 for residence permits. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 83,
]);

/** Province codes, for generators. */
export const PROVINCE_CODES: readonly number[] = [...PROVINCES];

/** Latest birth date accepted when no `today` is given (YYYYMMDD). */
export const DEFAULT_MAX_BIRTH = 20991231;

/**
 * True for a valid 18-char or 15-digit resident ID. `maxBirth` (YYYYMMDD, normally today) rejects birth dates
 * in the future; the earliest accepted birth year is 1850. Lower-case `x` is accepted as the check char.
 */
export function isResidentId(v: string, maxBirth: number = DEFAULT_MAX_BIRTH): boolean {
  const n = v.length;
  if (n === 18) {
    let last = v.charCodeAt(17);
    if (last === 120) last = 88; // x → X
    const check = mod112CheckChar(v);
    if (check === '' || check.charCodeAt(0) !== last) return false;
    const p = digitsAt(v, 0, 2);
    if (p >= 90) return true; // 2023 foreign permanent-residence card: inner layout not published, check char only
    if (!PROVINCES.has(p)) return false;
    const y = digitsAt(v, 6, 4);
    const m = digitsAt(v, 10, 2);
    const d = digitsAt(v, 12, 2);
    if (y < 1850 || !isCalendarDate(y, m, d)) return false;
    return y * 10000 + m * 100 + d <= maxBirth;
  }
  if (n === 15) {
    const p = digitsAt(v, 0, 2);
    if (p < 0 || !PROVINCES.has(p) || digitsAt(v, 6, 9) < 0) return false;
    const y = 1900 + digitsAt(v, 6, 2);
    const m = digitsAt(v, 8, 2);
    const d = digitsAt(v, 10, 2);
    return isCalendarDate(y, m, d) && y * 10000 + m * 100 + d <= maxBirth;
  }
  return false;
}
