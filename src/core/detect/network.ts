/**
 * @module core/detect/network
 * EMAIL (RFC 5322 practical subset), IP_ADDRESS (IPv4 dotted quad and IPv6 with `::` and an embedded IPv4
 * tail, parsed, not pattern-matched) and MAC_ADDRESS (six hex octets with `:` or `-`, or Cisco `xxxx.xxxx.xxxx`).
 */

function isLocalChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 46 || // .
    c === 95 || // _
    c === 37 || // %
    c === 43 || // +
    c === 45 || // -
    c === 39 // '
  );
}

function isLabelChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;
}

/** True for an e-mail address: `local@domain.tld`, dot-atoms without empty parts, TLD of 2+ letters. */
export function isEmail(v: string): boolean {
  const n = v.length;
  if (n < 6 || n > 254) return false;
  const at = v.indexOf('@');
  if (at < 1 || at > 64 || at !== v.lastIndexOf('@')) return false;
  let prev = 46;
  for (let i = 0; i < at; i++) {
    const c = v.charCodeAt(i);
    if (!isLocalChar(c)) return false;
    if (c === 46 && prev === 46) return false;
    prev = c;
  }
  if (prev === 46) return false;
  let labelLen = 0;
  let labels = 0;
  let tldAlpha = true;
  for (let i = at + 1; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c === 46) {
      if (labelLen === 0 || v.charCodeAt(i - 1) === 45) return false;
      labels++;
      labelLen = 0;
      tldAlpha = true;
      continue;
    }
    if (!isLabelChar(c)) return false;
    if (labelLen === 0 && c === 45) return false;
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) tldAlpha = false;
    labelLen++;
    if (labelLen > 63) return false;
  }
  return labels >= 1 && labelLen >= 2 && tldAlpha;
}

/** Parses a dotted-quad IPv4 address in `v[from, to)`; no leading zeros, each part 0–255. */
export function isIPv4(v: string, from = 0, to = v.length): boolean {
  const n = to - from;
  if (n < 7 || n > 15) return false;
  let parts = 0;
  let val = 0;
  let digits = 0;
  let lead0 = false;
  for (let i = from; i <= to; i++) {
    const c = i === to ? 46 : v.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || (lead0 && digits > 1) || val > 255) return false;
      parts++;
      val = 0;
      digits = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return false;
    if (digits === 0) lead0 = d === 0;
    val = val * 10 + d;
    digits++;
    if (digits > 3) return false;
  }
  return parts === 4;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Parses an IPv6 address (RFC 4291 text forms: full, `::`-compressed, IPv4 tail), without zone or brackets. */
export function isIPv6(v: string): boolean {
  const n = v.length;
  if (n < 2 || n > 45) return false;
  let groups = 0;
  let compressed = false;
  let i = 0;
  if (v.charCodeAt(0) === 58) {
    if (v.charCodeAt(1) !== 58) return false;
    compressed = true;
    i = 2;
    if (n === 2) return true;
  }
  while (i < n) {
    let j = i;
    while (j < n && isHex(v.charCodeAt(j))) j++;
    const len = j - i;
    if (j < n && v.charCodeAt(j) === 46) {
      // IPv4 tail
      if (!isIPv4(v, i, n)) return false;
      groups += 2;
      i = n;
      break;
    }
    if (len === 0 || len > 4) return false;
    groups++;
    if (j === n) {
      i = n;
      break;
    }
    if (v.charCodeAt(j) !== 58) return false;
    if (v.charCodeAt(j + 1) === 58) {
      if (compressed) return false;
      compressed = true;
      i = j + 2;
      if (i === n) break;
    } else {
      i = j + 1;
      if (i === n) return false;
    }
  }
  return compressed ? groups < 8 : groups === 8;
}

/** True for an IPv4 or IPv6 address. */
export function isIpAddress(v: string): boolean {
  const n = v.length;
  if (n < 2 || n > 45) return false;
  const c0 = v.charCodeAt(0);
  if (n <= 15 && c0 >= 48 && c0 <= 57 && isIPv4(v)) return true;
  return v.indexOf(':') >= 0 && isIPv6(v);
}

/** True for a 48-bit MAC address: `aa:bb:cc:dd:ee:ff`, `AA-BB-CC-DD-EE-FF` or `aabb.ccdd.eeff`. */
export function isMacAddress(v: string): boolean {
  const n = v.length;
  if (n === 17) {
    const sep = v.charCodeAt(2);
    if (sep !== 58 && sep !== 45) return false;
    for (let i = 0; i < 17; i++) {
      const c = v.charCodeAt(i);
      if (i % 3 === 2) {
        if (c !== sep) return false;
      } else if (!isHex(c)) return false;
    }
    return true;
  }
  if (n === 14) {
    for (let i = 0; i < 14; i++) {
      const c = v.charCodeAt(i);
      if (i === 4 || i === 9) {
        if (c !== 46) return false;
      } else if (!isHex(c)) return false;
    }
    return true;
  }
  return false;
}
