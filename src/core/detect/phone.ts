/**
 * @module core/detect/phone
 * CN_MOBILE (`1[3-9]` + 9 digits, with `+86`, `0086`, `86` prefixes, spaces and dashes tolerated) and
 * CN_LANDLINE (`0` + 2–3 digit area code + 7–8 digit local number; separators `-`, space, `(021)`).
 */
import { allDigits } from './checksums.js';

function isMobileCore(d: string, at: number): boolean {
  if (d.length - at !== 11) return false;
  if (d.charCodeAt(at) !== 49) return false;
  const c1 = d.charCodeAt(at + 1);
  if (c1 < 51 || c1 > 57) return false;
  return allDigits(d, at + 2, d.length);
}

/** Only digits and the separators a phone number is written with (`+`, space, `-`, `.`, brackets). */
function phoneChars(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (
      !(
        (c >= 48 && c <= 57) ||
        c === 32 ||
        c === 9 ||
        c === 0xa0 ||
        c === 0x3000 ||
        c === 45 ||
        c === 43 ||
        c === 46 ||
        c === 40 ||
        c === 41 ||
        c === 0xff08 ||
        c === 0xff09
      )
    )
      return false;
  }
  return true;
}

/** Removes spaces, dashes and dots between digits (only called when the fast path fails). */
function stripSeparators(v: string): string {
  return v.replace(/[\s\-.()（）]/g, '');
}

/** True for a mainland mobile number. */
export function isMobile(v: string): boolean {
  const n = v.length;
  if (n === 11) return isMobileCore(v, 0);
  if (n < 11 || n > 20) return false;
  const c0 = v.charCodeAt(0);
  if (c0 !== 43 && c0 !== 48 && c0 !== 56 && c0 !== 49 && c0 !== 40) return false; // + 0 8 1 (
  if (!phoneChars(v)) return false;
  const d = stripSeparators(v);
  if (d.length === 11) return isMobileCore(d, 0);
  if (d.startsWith('+86')) return isMobileCore(d, 3);
  if (d.startsWith('0086')) return isMobileCore(d, 4);
  if (d.startsWith('86')) return isMobileCore(d, 2);
  return false;
}

/** Area-code length for a national number starting with 0: 010 and 02x have 3 digits, others 4. */
function areaLength(d: string): number {
  const c1 = d.charCodeAt(1);
  return c1 === 49 || c1 === 50 ? 3 : 4;
}

const EXTENSION = /^(.*\d)\s*(?:-|转|分机|ext\.?|x|#)\s*\d{1,5}$/i;

/**
 * True for a fixed-line number with area code (`021-62345678`, `0571 8765 4321`, `(010)12345678`, `+86-21-…`),
 * optionally with an extension (`021-62345678-8001`, `010-12345678转123`).
 */
export function isLandline(v: string): boolean {
  if (isLandlineCore(v)) return true;
  if (v.length < 12 || v.length > 28 || v.charCodeAt(0) > 48) return false;
  const m = EXTENSION.exec(v);
  return m !== null && isLandlineCore(m[1] as string);
}

function isLandlineCore(v: string): boolean {
  const n = v.length;
  if (n < 10 || n > 20) return false;
  const c0 = v.charCodeAt(0);
  if (c0 !== 48 && c0 !== 40 && c0 !== 43 && c0 !== 65288) return false; // 0 ( + （
  let d = v;
  if (!allDigits(v)) {
    if (!phoneChars(v)) return false;
    d = stripSeparators(v);
    if (d.startsWith('+86')) d = `0${d.slice(3)}`;
    if (!allDigits(d)) return false;
  }
  if (d.charCodeAt(0) !== 48) return false;
  const c1 = d.charCodeAt(1);
  if (c1 === 48) return false; // 00 = international prefix
  const area = areaLength(d);
  const local = d.length - area;
  if (local !== 7 && local !== 8) return false;
  const l0 = d.charCodeAt(area);
  return l0 !== 48 && l0 !== 49; // local numbers do not start with 0 or 1
}
