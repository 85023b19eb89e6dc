/**
 * @module core/ledger/sha256
 * SHA-256 compression in plain JS over 32-bit words, for the hot loops where a native call per hash costs
 * more than the hash itself: the keyed subject hash (HMAC midstates) and the RFC 9162 node hash
 * `SHA-256(0x01 ‖ left ‖ right)` that `verify` computes once per leaf. Measured on Node 20 (OpenSSL 3), a
 * native one-shot `crypto.hash` of 65 bytes costs about as much as these two compressions, and
 * `createHash` twice that; the win is that nothing is allocated per node.
 * Words are big-endian as in FIPS 180-4; digests are kept as 8 words (`Int32Array`) until they must be bytes.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** The SHA-256 initial hash value. */
export const SHA256_IV: Readonly<Int32Array> = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/**
 * One SHA-256 compression of the block already loaded in `W[0..15]` (W has 64 entries; 16..63 are
 * overwritten): `out[oo..oo+7] = st[so..so+7] + F(st, W)`. `out` may be `st`.
 */
export function compress(W: Int32Array, st: Int32Array, so: number, out: Int32Array, oo: number): void {
  for (let i = 16; i < 64; i++) {
    const w15 = W[i - 15] as number;
    const w2 = W[i - 2] as number;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = ((W[i - 16] as number) + s0 + (W[i - 7] as number) + s1) | 0;
  }
  let a = st[so] as number;
  let b = st[so + 1] as number;
  let c = st[so + 2] as number;
  let d = st[so + 3] as number;
  let e = st[so + 4] as number;
  let f = st[so + 5] as number;
  let g = st[so + 6] as number;
  let h = st[so + 7] as number;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + (K[i] as number) + (W[i] as number)) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + S0 + maj) | 0;
  }
  const s0 = st[so] as number;
  const s1 = st[so + 1] as number;
  const s2 = st[so + 2] as number;
  const s3 = st[so + 3] as number;
  const s4 = st[so + 4] as number;
  const s5 = st[so + 5] as number;
  const s6 = st[so + 6] as number;
  const s7 = st[so + 7] as number;
  out[oo] = (s0 + a) | 0;
  out[oo + 1] = (s1 + b) | 0;
  out[oo + 2] = (s2 + c) | 0;
  out[oo + 3] = (s3 + d) | 0;
  out[oo + 4] = (s4 + e) | 0;
  out[oo + 5] = (s5 + f) | 0;
  out[oo + 6] = (s6 + g) | 0;
  out[oo + 7] = (s7 + h) | 0;
}

/** Loads 64 bytes at `off` as 16 big-endian words into `W`. */
export function loadBlock(W: Int32Array, buf: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const o = off + i * 4;
    W[i] =
      ((buf[o] as number) << 24) |
      ((buf[o + 1] as number) << 16) |
      ((buf[o + 2] as number) << 8) |
      (buf[o + 3] as number);
  }
}

/** Reads a 32-byte digest at `off` as 8 big-endian words into `out[oo..oo+7]`. */
export function digestToWords(bytes: Uint8Array, off: number, out: Int32Array, oo: number): void {
  for (let i = 0; i < 8; i++) {
    const o = off + i * 4;
    out[oo + i] =
      ((bytes[o] as number) << 24) |
      ((bytes[o + 1] as number) << 16) |
      ((bytes[o + 2] as number) << 8) |
      (bytes[o + 3] as number);
  }
}

/** Writes 8 words at `wo` as a 32-byte big-endian digest into `out` at `off`. */
export function wordsToDigest(words: Int32Array, wo: number, out: Uint8Array, off: number): void {
  for (let i = 0; i < 8; i++) {
    const w = words[wo + i] as number;
    const o = off + i * 4;
    out[o] = w >>> 24;
    out[o + 1] = (w >>> 16) & 0xff;
    out[o + 2] = (w >>> 8) & 0xff;
    out[o + 3] = w & 0xff;
  }
}

/**
 * Makes `(words, l, r, out)`: `words[out..out+7] = SHA-256(0x01 ‖ left ‖ right)` where left and right are
 * digests held as 8 words at offsets `l` and `r` of `words` (RFC 9162 node hash, 65 bytes = 2 blocks).
 * Not re-entrant (one scratch schedule per hasher).
 */
export function createWordNodeHasher(): (words: Int32Array, l: number, r: number, out: number) => void {
  const W = new Int32Array(64);
  const st = new Int32Array(8);
  return (x, l, r, out) => {
    // Block 1: 0x01 ‖ left (32 bytes) ‖ right[0..30]; the 0x01 prefix shifts every word by one byte.
    let prev = 1;
    for (let i = 0; i < 8; i++) {
      const w = x[l + i] as number;
      W[i] = (prev << 24) | (w >>> 8);
      prev = w & 0xff;
    }
    for (let i = 0; i < 8; i++) {
      const w = x[r + i] as number;
      W[8 + i] = (prev << 24) | (w >>> 8);
      prev = w & 0xff;
    }
    compress(W, SHA256_IV as Int32Array, 0, st, 0);
    // Block 2: right[31] ‖ 0x80 ‖ zeros ‖ bit length 520.
    W[0] = (prev << 24) | 0x800000;
    for (let i = 1; i < 15; i++) W[i] = 0;
    W[15] = 520;
    compress(W, st, 0, x, out);
  };
}
