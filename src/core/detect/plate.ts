/**
 * @module core/detect/plate
 * CN_LICENSE_PLATE: province character + authority letter + 5 alphanumerics (no I/O), or a new-energy plate with a
 * 6-char serial (small: D/F-class letter first + letter/digit + 4 digits; large: 5 digits + D/F-class letter).
 * Tolerates `·`, `•`, `-` or a space after the authority letter, and 挂/学/警/港/澳/领/使 suffix plates.
 */

import { CharSet } from './charset.js';

/** Province (and embassy) characters that start a plate. */
export const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领';
const PROV = new CharSet(PLATE_PROVINCES);
const SUFFIX = new CharSet('挂学警港澳领使试超');

function isAlnumNoIO(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90 && c !== 73 && c !== 79);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
/** New-energy class letters (hutool: A–K without I). */
function isNevLetter(c: number): boolean {
  return c >= 65 && c <= 75 && c !== 73;
}

/** True for a Chinese licence plate. */
export function isLicensePlate(v: string): boolean {
  const n = v.length;
  if (n < 7 || n > 9) return false;
  if (!PROV.has(v.charCodeAt(0))) return false;
  const a = v.charCodeAt(1);
  if (a < 65 || a > 90) return false;
  let at = 2;
  const sep = v.charCodeAt(2);
  if (sep === 0xb7 || sep === 0x2022 || sep === 45 || sep === 32 || sep === 0x30fb) at = 3;
  const len = n - at;
  if (len === 5) {
    if (SUFFIX.has(v.charCodeAt(n - 1))) {
      for (let i = at; i < n - 1; i++) if (!isAlnumNoIO(v.charCodeAt(i))) return false;
      return true;
    }
    let letters = 0;
    for (let i = at; i < n; i++) {
      const c = v.charCodeAt(i);
      if (!isAlnumNoIO(c)) return false;
      if (c >= 65) letters++;
    }
    return letters <= 3;
  }
  if (len === 6) {
    const c0 = v.charCodeAt(at);
    const last = v.charCodeAt(n - 1);
    if (SUFFIX.has(last)) {
      for (let i = at; i < n - 1; i++) if (!isAlnumNoIO(v.charCodeAt(i))) return false;
      return true;
    }
    if (isNevLetter(c0)) {
      if (!isAlnumNoIO(v.charCodeAt(at + 1))) return false;
      for (let i = at + 2; i < n; i++) if (!isDigit(v.charCodeAt(i))) return false;
      return true;
    }
    if (isNevLetter(last)) {
      for (let i = at; i < n - 1; i++) if (!isDigit(v.charCodeAt(i))) return false;
      return true;
    }
    return false;
  }
  return false;
}
