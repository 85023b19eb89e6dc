/**
 * @module core/bytes
 * Small byte helpers the pure core needs without `node:buffer`.
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/** base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += B64[a >> 2];
    out += B64[((a & 3) << 4) | ((b ?? 0) >> 4)];
    if (b !== undefined) out += B64[((b & 15) << 2) | ((c ?? 0) >> 6)];
    if (c !== undefined) out += B64[c & 63];
  }
  return out;
}

/** Decodes canonical base64url or base64 (padding optional); undefined on any invalid or non-canonical input. */
export function fromBase64Url(s: string): Uint8Array | undefined {
  const clean = s.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  if (clean.length % 4 === 1) return undefined;
  const out: number[] = [];
  let buf = 0;
  let bits = 0;
  for (const ch of clean) {
    const v = B64_INDEX.get(ch);
    if (v === undefined) return undefined;
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buf >> bits) & 0xff);
    }
  }
  const bytes = Uint8Array.from(out);
  // Canonical only: leftover bits must be zero, so one value has exactly one spelling.
  if (toBase64Url(bytes) !== clean) return undefined;
  return bytes;
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** Index of the first byte that starts an invalid UTF-8 sequence (or `buf.length` if none). */
export function firstInvalidUtf8(buf: Uint8Array): number {
  const len = buf.length;
  let i = 0;
  while (i < len) {
    const b = buf[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = b === 0xe0 ? 0xa0 : 0x80;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = b === 0xf0 ? 0x90 : 0x80;
      if (b === 0xf4) max = 0x8f;
    } else return i;
    if (i + need >= len) return i;
    const b1 = buf[i + 1] as number;
    if (b1 < min || b1 > max) return i;
    for (let k = 2; k <= need; k++) {
      const c = buf[i + k] as number;
      if ((c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return len;
}

const encoder = new TextEncoder();

/**
 * The bytes a text is hashed as: its UTF-8, except that an unpaired surrogate (a JSON `"\ud800"`) is written as
 * its own three bytes (WTF-8) instead of U+FFFD, which UTF-8 encoders put there. Distinct texts give distinct
 * bytes: `"\ud800"`, `"\udbff"` and `"\ufffd"` no longer hash alike (they would count as one data subject).
 * Equal to UTF-8 for every well-formed text.
 */
export function textBytes(text: string): Uint8Array {
  if (!/\p{Cs}/u.test(text)) return encoder.encode(text);
  const parts: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp >= 0xd800 && cp <= 0xdfff) parts.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else for (const b of encoder.encode(ch)) parts.push(b);
  }
  return Uint8Array.from(parts);
}
