/**
 * @module core/detect/vin
 * VIN (ISO 3779 / GB 16735): 17 chars without I, O, Q; position 9 is the check digit (GB 16735 makes it
 * mandatory in China); position 10 (model year) is never I, O, Q, U, Z or 0.
 *
 * Decision (docs/scan.md): a VIN failing its check digit is not counted as a VIN. Many European VINs do not
 * use the check digit; a column whose header names a VIN and in which at least half the values pass is still
 * classified VIN, but only the passing values are counted in `findings`.
 */
import { vinCheckChar } from './checksums.js';

/** Model-year position (10) must not be I O Q U Z 0 (either case). */
function yearOk(c: number): boolean {
  return (
    c !== 73 &&
    c !== 79 &&
    c !== 81 &&
    c !== 85 &&
    c !== 90 &&
    c !== 48 &&
    c !== 105 &&
    c !== 111 &&
    c !== 113 &&
    c !== 117 &&
    c !== 122
  );
}

/** True for a valid VIN (check digit at position 9; either case). */
export function isVin(v: string): boolean {
  if (v.length !== 17) return false;
  const check = vinCheckChar(v);
  if (check === '') return false;
  let c9 = v.charCodeAt(8);
  if (c9 === 120) c9 = 88;
  return c9 === check.charCodeAt(0) && yearOk(v.charCodeAt(9));
}
