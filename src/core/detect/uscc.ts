/**
 * @module core/detect/uscc
 * CN_USCC: Unified Social Credit Code (GB 32100-2015): 18 symbols over `0-9A-HJ-NPQRTUWXY`, positions 3–8 an
 * administrative division (digits), position 18 a MOD 31 check symbol.
 */
import { allDigits, usccCheckChar } from './checksums.js';

/** True for a valid USCC (upper case, as printed on licences). */
export function isUscc(v: string): boolean {
  if (v.length !== 18) return false;
  if (!allDigits(v, 2, 8)) return false;
  const check = usccCheckChar(v);
  return check !== '' && check.charCodeAt(0) === v.charCodeAt(17);
}
