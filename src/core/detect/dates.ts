/**
 * @module core/detect/dates
 * Date parsing for DATE_OF_BIRTH: `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYYMMDD`, `YYYY年M月D日`,
 * `MM/DD/YYYY` and `DD/MM/YYYY` (English-locale exports), optionally followed by a time (`T…` or ` hh:mm…`).
 * A date of birth is a real date with an age of 0–120 at `today`.
 */
import { digitsAt, isCalendarDate } from './checksums.js';

const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
const isDateSep = (c: number): boolean => c === 47 || c === 45 || c === 46;

/**
 * `MM/DD/YYYY` or `DD/MM/YYYY` (also with `-` or `.`), as English-locale exports write dates: month first when both
 * readings are real dates (the year, which is what a birth date needs, is the same either way).
 */
function dayMonthFirst(v: string, n: number): number {
  if (n < 8) return -1;
  let i = 0;
  let a = 0;
  while (i < 2 && isDigitCode(v.charCodeAt(i))) a = a * 10 + v.charCodeAt(i++) - 48;
  const sep = v.charCodeAt(i);
  if (i === 0 || !isDateSep(sep)) return -1;
  const j0 = ++i;
  let b = 0;
  while (i < j0 + 2 && isDigitCode(v.charCodeAt(i))) b = b * 10 + v.charCodeAt(i++) - 48;
  if (i === j0 || v.charCodeAt(i) !== sep) return -1;
  i++;
  if (i + 4 > n) return -1;
  const y = digitsAt(v, i, 4);
  if (y < 1000) return -1;
  i += 4;
  if (i < n) {
    const t = v.charCodeAt(i);
    if (t !== 32 && t !== 84) return -1;
  }
  if (isCalendarDate(y, a, b)) return y * 10000 + a * 100 + b;
  if (isCalendarDate(y, b, a)) return y * 10000 + b * 100 + a;
  return -1;
}

/** Parses a date to YYYYMMDD as a number, or -1. */
export function parseDate(v: string): number {
  const n = v.length;
  if (n < 8) return -1;
  const c0 = v.charCodeAt(0);
  if (c0 < 49 || c0 > 50 || !isDigitCode(v.charCodeAt(2))) return dayMonthFirst(v, n);
  const y = digitsAt(v, 0, 4);
  if (y < 0) return dayMonthFirst(v, n);
  let m: number;
  let d: number;
  let end: number;
  const sep = v.charCodeAt(4);
  if (sep >= 48 && sep <= 57) {
    if (n !== 8 && !(n > 8 && (v.charCodeAt(8) === 32 || v.charCodeAt(8) === 84))) return -1;
    m = digitsAt(v, 4, 2);
    d = digitsAt(v, 6, 2);
    end = 8;
  } else if (sep === 45 || sep === 47 || sep === 46 || sep === 24180 /* 年 */) {
    let i = 5;
    let mv = 0;
    let md = 0;
    while (i < n && md < 2) {
      const x = v.charCodeAt(i) - 48;
      if (x < 0 || x > 9) break;
      mv = mv * 10 + x;
      md++;
      i++;
    }
    if (md === 0) return -1;
    const sep2 = v.charCodeAt(i);
    if (sep === 24180 ? sep2 !== 26376 /* 月 */ : sep2 !== sep) return -1;
    i++;
    let dv = 0;
    let dd = 0;
    while (i < n && dd < 2) {
      const x = v.charCodeAt(i) - 48;
      if (x < 0 || x > 9) break;
      dv = dv * 10 + x;
      dd++;
      i++;
    }
    if (dd === 0) return -1;
    if (sep === 24180) {
      if (v.charCodeAt(i) === 26085 /* 日 */) i++;
    }
    m = mv;
    d = dv;
    end = i;
  } else return -1;
  if (end < n) {
    const t = v.charCodeAt(end);
    if (t !== 32 && t !== 84) return -1;
  }
  if (!isCalendarDate(y, m, d)) return -1;
  return y * 10000 + m * 100 + d;
}

/** True for a date of birth: a real date, not after `today` (YYYYMMDD) and at most 120 years before it. */
export function isDateOfBirth(v: string, today = 20991231): boolean {
  const ymd = parseDate(v);
  if (ymd < 0) return false;
  return ymd <= today && ymd >= today - 1_200_000;
}
