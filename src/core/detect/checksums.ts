/**
 * @module core/detect/checksums
 * Check-digit algorithms shared by the detectors, written as char-code loops (no regex, no allocation).
 * Each takes the value exactly as it must be checked (callers strip separators first).
 */

/** True when every char of `s` from `from` (inclusive) to `to` (exclusive) is an ASCII digit. */
export function allDigits(s: string, from = 0, to = s.length): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Luhn (ISO/IEC 7812-1) over an all-digit string. False when a char is not a digit. */
export function luhnValid(s: string): boolean {
  let sum = 0;
  let dbl = false;
  for (let i = s.length - 1; i >= 0; i--) {
    let d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return s.length > 0 && sum % 10 === 0;
}

/** The Luhn check digit to append to `body` (all digits). */
export function luhnCheckDigit(body: string): number {
  let sum = 0;
  let dbl = true;
  for (let i = body.length - 1; i >= 0; i--) {
    let d = body.charCodeAt(i) - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return (10 - (sum % 10)) % 10;
}

const MOD112_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const MOD112_C = '10X98765432';

/** ISO 7064 MOD 11-2 check character (`0`–`9` or `X`) of the 17 digits of a resident ID; `''` if not digits. */
export function mod112CheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const d = first17.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return '';
    sum += d * (MOD112_W[i] as number);
  }
  return MOD112_C.charAt(sum % 11);
}

/** USCC alphabet (GB 32100-2015): 31 symbols, no I O S V Z. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_VAL = new Int8Array(128).fill(-1);
for (let i = 0; i < USCC_ALPHABET.length; i++) USCC_VAL[USCC_ALPHABET.charCodeAt(i)] = i;
const USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Value of a USCC symbol, or -1. */
export function usccValue(code: number): number {
  return code < 128 ? (USCC_VAL[code] as number) : -1;
}

/** The USCC check symbol for the first 17 symbols, or `''` when a symbol is outside the alphabet. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = usccValue(first17.charCodeAt(i));
    if (v < 0) return '';
    sum += v * (USCC_W[i] as number);
  }
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

// VIN transliteration (ISO 3779): digits keep their value; I, O, Q are invalid (-1).
const VIN_VAL = new Int8Array(128).fill(-1);
for (let d = 0; d <= 9; d++) VIN_VAL[48 + d] = d;
{
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9];
  for (let i = 0; i < letters.length; i++) {
    VIN_VAL[letters.charCodeAt(i)] = values[i] as number;
    VIN_VAL[letters.charCodeAt(i) + 32] = values[i] as number; // lower case
  }
}
const VIN_W = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** Transliterated value of a VIN char (either case), or -1 for I, O, Q and anything else. */
export function vinValue(code: number): number {
  return code < 128 ? (VIN_VAL[code] as number) : -1;
}

/** The VIN check char (`0`–`9` or `X`) of a 17-char VIN (position 9 ignored), or `''` when a char is invalid. */
export function vinCheckChar(vin: string): string {
  if (vin.length !== 17) return '';
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = vinValue(vin.charCodeAt(i));
    if (v < 0) return '';
    sum += v * (VIN_W[i] as number);
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/** IMO ship number check: Σ(d1..d6 × 7 6 5 4 3 2) mod 10 = d7. `s` = exactly 7 digits. */
export function imoCheckDigit(first6: string): number {
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += (first6.charCodeAt(i) - 48) * (7 - i);
  return sum % 10;
}

// ISO 6346 letter values: A=10, skipping multiples of 11.
const ISO6346_VAL = new Int8Array(128).fill(-1);
{
  let v = 10;
  for (let c = 65; c <= 90; c++) {
    if (v % 11 === 0) v++;
    ISO6346_VAL[c] = v;
    v++;
  }
  for (let d = 0; d <= 9; d++) ISO6346_VAL[48 + d] = d;
}

/** ISO 6346 check digit of the first 10 chars (4 letters + 6 digits), or -1 when a char is invalid. */
export function iso6346CheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const c = first10.charCodeAt(i);
    const v = c < 128 ? (ISO6346_VAL[c] as number) : -1;
    if (v < 0) return -1;
    sum += v * (1 << i);
  }
  return (sum % 11) % 10;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for a real Gregorian calendar date. */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const max = m === 2 && leap ? 29 : (DAYS[m - 1] as number);
  return d <= max;
}

/** Parses `n` ASCII digits at `at`; -1 when one is not a digit. */
export function digitsAt(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1; // also NaN past the end
    v = v * 10 + d;
  }
  return v;
}
