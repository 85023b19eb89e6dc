/**
 * @module core/detect/shipping
 * IMO_NUMBER (7 digits, optional `IMO` prefix, check digit Σ(d1..d6 × 7..2) mod 10) and CONTAINER_NUMBER
 * (ISO 6346: 3-letter owner code + U/J/Z category + 6 digits + check digit; spaces or a dash tolerated).
 */
import { allDigits, imoCheckDigit, iso6346CheckDigit } from './checksums.js';

/** True for an IMO ship number (`9074729`, `IMO 9074729`, `IMO9074729`). */
export function isImoNumber(v: string): boolean {
  let n = v.length;
  let s = v;
  if (n !== 7) {
    if (n < 10 || n > 11) return false;
    const c0 = v.charCodeAt(0) | 32;
    if (c0 !== 105 || (v.charCodeAt(1) | 32) !== 109 || (v.charCodeAt(2) | 32) !== 111) return false;
    s = v.charCodeAt(3) === 32 ? v.slice(4) : v.slice(3);
    n = s.length;
    if (n !== 7) return false;
  }
  if (!allDigits(s)) return false;
  if (s.charCodeAt(0) === 48) return false;
  return imoCheckDigit(s) === s.charCodeAt(6) - 48;
}

/** True for an ISO 6346 container number (`CSQU3054383`, `MSCU 305438 3`). */
export function isContainerNumber(v: string): boolean {
  let n = v.length;
  let s = v;
  if (n !== 11) {
    if (n < 12 || n > 14) return false;
    s = v.replace(/[\s-]/g, '');
    n = s.length;
    if (n !== 11) return false;
  }
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i);
    if (c < 65 || c > 90) return false;
  }
  const cat = s.charCodeAt(3);
  if (cat !== 85 && cat !== 74 && cat !== 90) return false;
  if (!allDigits(s, 4, 11)) return false;
  return iso6346CheckDigit(s) === s.charCodeAt(10) - 48;
}
