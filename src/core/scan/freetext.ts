/**
 * @module core/scan/freetext
 * Finds identifiers inside prose (remarks, fault descriptions, adverse-event narratives) in one pass over the
 * text: ASCII runs are cut into tokens and each token goes through the validating detectors (so a 17-char part
 * number in a sentence is not a VIN unless its check digit is right); licence plates, `张先生`-style names and
 * diagnosis terms are found around CJK characters.
 */
import { isBankCard, isImei } from '../detect/cards.js';
import { DIAGNOSIS_TERMS_EN, DIAGNOSIS_TERMS_ZH, isGeneticSequence } from '../detect/health.js';
import { isEmail, isIPv4, isMacAddress } from '../detect/network.js';
import { COMMON_SURNAMES } from '../detect/person.js';
import { isLandline, isMobile } from '../detect/phone.js';
import { isLicensePlate, PLATE_PROVINCES } from '../detect/plate.js';
import { DEFAULT_MAX_BIRTH, isResidentId } from '../detect/resident-id.js';
import { isContainerNumber, isImoNumber } from '../detect/shipping.js';
import { isPassport } from '../detect/travel-docs.js';
import { isUscc } from '../detect/uscc.js';
import { isVin } from '../detect/vin.js';
import type { InfoType } from '../infotypes.js';

/** One identifier found in a text: its type and UTF-16 offsets `[start, end)`. */
export interface TextSpan {
  infoType: InfoType;
  start: number;
  end: number;
}

// one byte of flags per BMP char from U+3400: 1 = plate province, 2 = surname, 4 = a diagnosis term starts with it
const CJK0 = 0x3400;
const FLAGS = new Uint8Array(0x10000 - CJK0);
const F_PROVINCE = 1;
const F_SURNAME = 2;
const F_TERM = 4;
function setFlag(c: number, f: number): void {
  if (c >= CJK0) FLAGS[c - CJK0] = (FLAGS[c - CJK0] as number) | f;
}
for (let i = 0; i < PLATE_PROVINCES.length; i++) setFlag(PLATE_PROVINCES.charCodeAt(i), F_PROVINCE);
for (let i = 0; i < COMMON_SURNAMES.length; i++) setFlag(COMMON_SURNAMES.charCodeAt(i), F_SURNAME);
const HONORIFICS = ['先生', '女士', '小姐', '师傅'];
const HONORIFIC_FIRST = new Set(HONORIFICS.map((h) => h.charCodeAt(0)));

const PLATE_LENGTHS = [9, 8, 7] as const;

/** Diagnosis terms by first character (longest first), for the CJK scan. */
const ZH_TERMS = new Map<number, string[]>();
for (const t of [...DIAGNOSIS_TERMS_ZH].sort((a, b) => b.length - a.length)) {
  if (t.length < 2) continue;
  const c = t.charCodeAt(0);
  if (c < 0x3000) continue;
  const list = ZH_TERMS.get(c) ?? [];
  list.push(t);
  ZH_TERMS.set(c, list);
  setFlag(c, F_TERM);
}
const EN_TERMS = new Set(DIAGNOSIS_TERMS_EN.filter((t) => !t.includes(' ') && t.length >= 5));

const TOKEN_CHARS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) TOKEN_CHARS[c] = 1;
for (let c = 65; c <= 90; c++) TOKEN_CHARS[c] = 1;
for (let c = 97; c <= 122; c++) TOKEN_CHARS[c] = 1;
for (const c of '-.@_+:%') TOKEN_CHARS[c.charCodeAt(0)] = 1;

/** ASCII letters, digits and `- . @ _ + : %` (the chars identifier tokens are made of). */
function isTokenChar(c: number): boolean {
  return c < 128 && TOKEN_CHARS[c] === 1;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Classifies one ASCII token; returns the infoType or null. */
function classifyToken(tok: string, maxBirth: number, prev: string): InfoType | null {
  const n = tok.length;
  if (n < 7) return null;
  if (tok.indexOf('@') > 0) return isEmail(tok) ? 'EMAIL' : null;
  const c0 = tok.charCodeAt(0);
  let digits = 0;
  let letters = 0;
  let dashes = 0;
  let dots = 0;
  let colons = 0;
  for (let i = 0; i < n; i++) {
    const c = tok.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
    else if (c === 45) dashes++;
    else if (c === 46) dots++;
    else if (c === 58) colons++;
  }
  if (digits === n) {
    if (n === 11) return isMobile(tok) ? 'CN_MOBILE' : isLandline(tok) ? 'CN_LANDLINE' : null;
    if (n === 18 || n === 15) {
      if (isResidentId(tok, maxBirth)) return 'CN_RESIDENT_ID';
      if (n === 18 && isUscc(tok)) return 'CN_USCC';
      if (n === 15 && isImei(tok)) return 'IMEI';
    }
    if (n >= 13 && n <= 19 && isBankCard(tok)) return 'BANK_CARD';
    if (n === 7 && /imo\s*$/i.test(prev) && isImoNumber(tok)) return 'IMO_NUMBER';
    if ((n === 12 || n === 10) && isLandline(tok)) return 'CN_LANDLINE';
    return null;
  }
  if (c0 === 43 || (dashes > 0 && letters === 0 && dots === 0 && colons === 0)) {
    if (isMobile(tok)) return 'CN_MOBILE';
    if (isLandline(tok)) return 'CN_LANDLINE';
    if (isBankCard(tok)) return 'BANK_CARD';
    return null;
  }
  if (dots === 3 && letters === 0 && isIPv4(tok)) return 'IP_ADDRESS';
  if (colons === 5 && isMacAddress(tok)) return 'MAC_ADDRESS';
  if (dashes === 5 && n === 17 && isMacAddress(tok)) return 'MAC_ADDRESS';
  if (n === 18 && isResidentId(tok, maxBirth)) return 'CN_RESIDENT_ID';
  if (n === 18 && isUscc(tok)) return 'CN_USCC';
  if (n === 17 && isVin(tok)) return 'VIN';
  if (n === 11 && isContainerNumber(tok)) return 'CONTAINER_NUMBER';
  if (n === 10 && (c0 | 32) === 105 && isImoNumber(tok)) return 'IMO_NUMBER';
  if (n === 9 && isPassport(tok)) return 'CN_PASSPORT';
  if (letters === n && n >= 20 && isGeneticSequence(tok)) return 'GENETIC_SEQUENCE';
  if (letters === n && EN_TERMS.has(tok.toLowerCase())) return 'HEALTH_DIAGNOSIS';
  return null;
}

/**
 * Finds identifiers inside a text. `maxBirth` (YYYYMMDD, normally today) bounds resident-ID birth dates.
 * Spans do not overlap; they come in text order.
 */
export function findInText(text: string, maxBirth: number = DEFAULT_MAX_BIRTH): TextSpan[] {
  const out: TextSpan[] = [];
  scanText(text, maxBirth, (infoType, start, end) => {
    out.push({ infoType, start, end });
  });
  return out;
}

/** Callback form of {@link findInText} (no allocation per span); used by the column scanner. */
export function scanText(
  text: string,
  maxBirth: number,
  onSpan: (infoType: InfoType, start: number, end: number) => void,
): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isTokenChar(c)) {
      let j = i + 1;
      while (j < n && isTokenChar(text.charCodeAt(j))) j++;
      // trim trailing punctuation that is not part of a token
      let end = j;
      while (end > i) {
        const e = text.charCodeAt(end - 1);
        if (e === 46 || e === 45 || e === 58 || e === 43 || e === 95) end--;
        else break;
      }
      let start = i;
      while (start < end && !isAlnum(text.charCodeAt(start)) && text.charCodeAt(start) !== 43) start++;
      if (end - start >= 7) {
        const tok = text.slice(start, end);
        const prev = start >= 4 ? text.slice(start - 4, start) : text.slice(0, start);
        let t = classifyToken(tok, maxBirth, prev);
        // digits separated by single spaces: `138 1234 5678`
        if (t === null && j < n && text.charCodeAt(j) === 32 && /^\+?\d{2,4}$/.test(tok)) {
          const m = /^[ \d-]{8,16}/.exec(text.slice(start, start + 20));
          if (m) {
            const cand = m[0].trimEnd();
            if (isMobile(cand)) {
              onSpan('CN_MOBILE', start, start + cand.length);
              i = start + cand.length;
              continue;
            }
          }
        }
        if (t !== null) onSpan(t, start, end);
        else if (tok.length > 18) {
          // a long run such as `VIN:LSVAB…` glued to a label: try the tail
          const tail = tok.slice(-17);
          if (isVin(tail)) t = 'VIN';
          if (t) onSpan(t, end - 17, end);
        }
      } else if (end - start >= 4 && j < n && text.charCodeAt(j) === 32) {
        // `138 1234 5678` starting with a short group
        const m = /^\+?[\d][ \d-]{9,16}\d/.exec(text.slice(start, start + 20));
        if (m && isMobile(m[0])) {
          onSpan('CN_MOBILE', start, start + m[0].length);
          i = start + m[0].length;
          continue;
        }
      } else if (end - start === 3 && j < n && text.charCodeAt(j) === 32) {
        const m = /^\d{3}[ -]\d{4}[ -]\d{4}/.exec(text.slice(start, start + 13));
        if (m && isMobile(m[0])) {
          onSpan('CN_MOBILE', start, start + 13);
          i = start + 13;
          continue;
        }
      }
      i = j;
      continue;
    }
    const f = c >= CJK0 ? (FLAGS[c - CJK0] as number) : 0;
    if (f !== 0) {
      // licence plate: province + letter + 5–6 (with an optional separator)
      if ((f & F_PROVINCE) !== 0 && i + 1 < n) {
        const a = text.charCodeAt(i + 1);
        if (a >= 65 && a <= 90) {
          let matched = 0;
          for (const len of PLATE_LENGTHS) {
            if (i + len > n) continue;
            const after = i + len < n ? text.charCodeAt(i + len) : 32;
            if (isAlnum(after)) continue;
            if (isLicensePlate(text.slice(i, i + len))) {
              matched = len;
              break;
            }
          }
          if (matched > 0) {
            onSpan('CN_LICENSE_PLATE', i, i + matched);
            i += matched;
            continue;
          }
        }
      }
      // 张先生 / 王女士
      if ((f & F_SURNAME) !== 0 && i + 2 < n && HONORIFIC_FIRST.has(text.charCodeAt(i + 1))) {
        const h = text.slice(i + 1, i + 3);
        if (HONORIFICS.includes(h)) {
          onSpan('PERSON_NAME', i, i + 3);
          i += 3;
          continue;
        }
      }
      const terms = (f & F_TERM) !== 0 ? ZH_TERMS.get(c) : undefined;
      if (terms) {
        let hit = '';
        for (const t of terms) {
          if (text.startsWith(t, i)) {
            hit = t;
            break;
          }
        }
        if (hit) {
          onSpan('HEALTH_DIAGNOSIS', i, i + hit.length);
          i += hit.length;
          continue;
        }
      }
    }
    i++;
  }
}
