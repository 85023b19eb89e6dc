/**
 * @module core/detect/address
 * POSTAL_ADDRESS: Chinese addresses (an administrative unit — 省 市 区 县 镇 乡 — followed by a road/building
 * part — 路 街 道 巷 弄 号 村 栋 室 …) and English street addresses (`12 Nanjing Road`, `Room 5, 88 Century Ave`).
 */

// one byte per CJK char (U+4E00–U+9FFF): 1 = administrative unit, 2 = road/number part
const CJK_FLAGS = new Uint8Array(0xa000 - 0x4e00);
for (const c of '省市区县镇乡旗州盟') CJK_FLAGS[c.charCodeAt(0) - 0x4e00] = 1;
for (const c of '路街道巷弄号村栋幢楼室苑园庄里胡同组') CJK_FLAGS[c.charCodeAt(0) - 0x4e00] = 2;

/** A Chinese address: ≥ 6 chars, mostly CJK/digits, an administrative unit before a road/number part. */
export function isChineseAddress(v: string): boolean {
  const n = v.length;
  if (n < 6 || n > 120) return false;
  let admin = -1;
  let admins = 0;
  let local = 0;
  let digitsAfter = false;
  let cjk = 0;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) {
      cjk++;
      const f = CJK_FLAGS[c - 0x4e00] as number;
      if (f === 0) continue;
      if (f === 1 && i >= 1 && local === 0) {
        if (admin < 0) admin = i;
        admins++;
      } else if (admin >= 0 && f === 2) local++;
    } else if (c >= 48 && c <= 57) {
      if (admin >= 0) digitsAfter = true;
    } else if (c === 12290 || c === 65281 || c === 65311 || c === 33 || c === 63) {
      return false; // sentence punctuation: prose, not an address
    }
  }
  return admin >= 0 && cjk >= 5 && (local >= 2 || (local >= 1 && (digitsAfter || admins >= 2)));
}

const EN_ADDR =
  /^(?:(?:room|rm|flat|unit|suite|floor|fl)\.? ?[0-9a-z-]+,? )?\d{1,5}[a-z]?(?:-\d{1,5})?,? (?:[a-z0-9.'-]+ ){0,5}(?:street|st|road|rd|avenue|ave|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl|highway|hwy|square|sq|terrace|parkway|pkwy|lu|jie|dadao)\.?(?:\b|,|$)/i;

/** An English-style street address: number + street words + a street type. */
export function isEnglishAddress(v: string): boolean {
  const n = v.length;
  if (n < 8 || n > 160) return false;
  const c0 = v.charCodeAt(0);
  if (
    !(
      (c0 >= 48 && c0 <= 57) ||
      c0 === 82 ||
      c0 === 114 ||
      c0 === 70 ||
      c0 === 102 ||
      c0 === 85 ||
      c0 === 117 ||
      c0 === 83 ||
      c0 === 115
    )
  )
    return false;
  return EN_ADDR.test(v);
}

/** True for a postal address in Chinese or English. */
export function isPostalAddress(v: string): boolean {
  const c0 = v.charCodeAt(0);
  return c0 >= 0x4e00 ? isChineseAddress(v) : isEnglishAddress(v);
}
