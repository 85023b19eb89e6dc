/**
 * @module core/detect/cards
 * BANK_CARD (13–19 digits, issuer prefix, Luhn) and IMEI (15 digits, Luhn). Spaces and dashes between digit
 * groups are tolerated (`6222 0212 3456 7890 128`, `35-209900-176148-1`).
 */
import { allDigits, luhnValid } from './checksums.js';

/** Strips spaces and dashes when the value is digits separated by them; else returns it unchanged. */
export function compactDigits(v: string): string {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 32 || c === 45) return v.replace(/[ -]/g, '');
  }
  return v;
}

/** Issuer prefix and length: UnionPay 62 (16–19), Visa 4 (13/16/19), Mastercard 51–55 and 2221–2720 (16), JCB 3528–3589 (16–19), Amex 34/37 (15). */
export function hasIssuerPrefix(d: string): boolean {
  const n = d.length;
  const c0 = d.charCodeAt(0);
  const c1 = d.charCodeAt(1);
  if (c0 === 54 && c1 === 50) return n >= 16 && n <= 19; // 62
  if (c0 === 52) return n === 13 || n === 16 || n === 19; // 4
  if (c0 === 53) return c1 >= 49 && c1 <= 53 && n === 16; // 51–55
  if (c0 === 50) {
    if (n !== 16) return false;
    const p = (c0 - 48) * 1000 + (c1 - 48) * 100 + (d.charCodeAt(2) - 48) * 10 + (d.charCodeAt(3) - 48);
    return p >= 2221 && p <= 2720;
  }
  if (c0 === 51) {
    if (c1 === 52 || c1 === 55) return n === 15; // 34, 37
    const p = (c0 - 48) * 1000 + (c1 - 48) * 100 + (d.charCodeAt(2) - 48) * 10 + (d.charCodeAt(3) - 48);
    return p >= 3528 && p <= 3589 && n >= 16 && n <= 19;
  }
  return false;
}

/** True for a payment card number: 13–19 digits, a known issuer prefix, Luhn valid. */
export function isBankCard(v: string): boolean {
  const n = v.length;
  if (n < 13 || n > 23) return false;
  const d = compactDigits(v);
  if (d.length < 13 || d.length > 19 || !allDigits(d)) return false;
  return hasIssuerPrefix(d) && luhnValid(d);
}

/**
 * A UnionPay-prefixed (62) 16–19 digit number that FAILS Luhn. Some real domestic debit cards do
 * (`6214832018989180`); the classifier counts these as bank cards only when the header names a bank card.
 */
export function isUnionPayLuhnFail(v: string): boolean {
  const n = v.length;
  if (n < 16 || n > 23) return false;
  const d = compactDigits(v);
  const m = d.length;
  if (m < 16 || m > 19 || d.charCodeAt(0) !== 54 || d.charCodeAt(1) !== 50 || !allDigits(d)) return false;
  return !luhnValid(d);
}

/** True for an IMEI: 15 digits with a Luhn check digit. */
export function isImei(v: string): boolean {
  const n = v.length;
  if (n < 15 || n > 18) return false;
  const d = n === 15 ? v : compactDigits(v);
  return d.length === 15 && luhnValid(d);
}
