/**
 * @module core/detect/travel-docs
 * CN_PASSPORT (`E` + 8 digits, `E` + letter + 7 digits, legacy `G` + 8 digits, `DE`/`SE`/`PE` + 7 digits) and
 * CN_HMT_PERMIT (HK/Macao permit `C` + 8 chars or booklet `W` + 8 digits; mainland permit for HK/Macao
 * residents `H`/`M` + 8 or 10 digits). No check digit is published: the classifier gates these by header or by
 * a whole column of them.
 */
import { allDigits } from './checksums.js';

function upper(c: number): number {
  return c >= 97 && c <= 122 ? c - 32 : c;
}

/** True for a PRC passport number shape. */
export function isPassport(v: string): boolean {
  const n = v.length;
  if (n !== 9) return false;
  const c0 = upper(v.charCodeAt(0));
  const c1 = upper(v.charCodeAt(1));
  if (c0 === 69) {
    // E + 8 digits, or E + letter (not I, O) + 7 digits
    if (c1 >= 48 && c1 <= 57) return allDigits(v, 2);
    return c1 >= 65 && c1 <= 90 && c1 !== 73 && c1 !== 79 && allDigits(v, 2);
  }
  if (c0 === 71) return allDigits(v, 1); // G
  if ((c0 === 68 || c0 === 83 || c0 === 80) && c1 === 69) return allDigits(v, 2); // DE SE PE
  return false;
}

/** True for a HK/Macao/Taiwan travel permit number shape. */
export function isHmtPermit(v: string): boolean {
  const n = v.length;
  const c0 = upper(v.charCodeAt(0));
  if (n === 9) {
    if (c0 === 67) {
      const c1 = upper(v.charCodeAt(1));
      return ((c1 >= 48 && c1 <= 57) || (c1 >= 65 && c1 <= 90)) && allDigits(v, 2);
    }
    if (c0 === 87 || c0 === 72 || c0 === 77) return allDigits(v, 1);
    return false;
  }
  if (n === 11) return (c0 === 72 || c0 === 77) && allDigits(v, 1);
  return false;
}
