/**
 * @module adapters/gateway/hmac
 * HMAC-SHA256 for the `hash` operator, in plain JS with the key's inner and outer pad states computed once:
 * a short value (a VIN, a phone number) costs two SHA-256 compressions and no allocation, and the hex digest is
 * written straight into the output buffer. Node's `createHmac` allocates two objects per call and was about 3×
 * slower on 17-byte values here (docs/gateway.md). Verified against `node:crypto` in hmac.test.ts.
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
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const HEX = new Uint8Array(Array.from('0123456789abcdef', (c) => c.charCodeAt(0)));

/** Writes 32 bytes `src[at, at + 32)` as 64 lowercase hex digits at `out[pos]`; returns the new position. */
export function hex32Into(src: Uint8Array, at: number, out: Uint8Array, pos: number): number {
  let o = pos;
  for (let i = at; i < at + 32; i++) {
    const b = src[i] as number;
    out[o++] = HEX[b >>> 4] as number;
    out[o++] = HEX[b & 15] as number;
  }
  return o;
}

function compress(H: Int32Array, W: Int32Array, b: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const j = off + i * 4;
    W[i] = ((b[j] as number) << 24) | ((b[j + 1] as number) << 16) | ((b[j + 2] as number) << 8) | (b[j + 3] as number);
  }
  for (let i = 16; i < 64; i++) {
    const w15 = W[i - 15] as number;
    const w2 = W[i - 2] as number;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = ((W[i - 16] as number) + s0 + (W[i - 7] as number) + s1) | 0;
  }
  let a = H[0] as number;
  let bb = H[1] as number;
  let c = H[2] as number;
  let d = H[3] as number;
  let e = H[4] as number;
  let f = H[5] as number;
  let g = H[6] as number;
  let h = H[7] as number;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + (K[i] as number) + (W[i] as number)) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & bb) ^ (a & c) ^ (bb & c);
    const t2 = (S0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = bb;
    bb = a;
    a = (t1 + t2) | 0;
  }
  H[0] = ((H[0] as number) + a) | 0;
  H[1] = ((H[1] as number) + bb) | 0;
  H[2] = ((H[2] as number) + c) | 0;
  H[3] = ((H[3] as number) + d) | 0;
  H[4] = ((H[4] as number) + e) | 0;
  H[5] = ((H[5] as number) + f) | 0;
  H[6] = ((H[6] as number) + g) | 0;
  H[7] = ((H[7] as number) + h) | 0;
}

/** A keyed HMAC-SHA256 with precomputed pad states. Not thread-safe (scratch buffers); one per worker. */
export class FastHmac {
  private readonly inner = new Int32Array(8);
  private readonly outer = new Int32Array(8);
  private readonly H = new Int32Array(8);
  private readonly W = new Int32Array(64);
  private readonly block = new Uint8Array(128);

  constructor(key: Uint8Array) {
    let k = key;
    if (k.length > 64) {
      // Long keys are hashed first (RFC 2104); our keys are 32 bytes, so this path is only for completeness.
      const h = new FastHmac(new Uint8Array(0));
      k = h.sha256(key);
    }
    const pad = new Uint8Array(64);
    this.inner.set(IV);
    pad.fill(0x36);
    for (let i = 0; i < k.length; i++) pad[i] = (pad[i] as number) ^ (k[i] as number);
    compress(this.inner, this.W, pad, 0);
    this.outer.set(IV);
    pad.fill(0x5c);
    for (let i = 0; i < k.length; i++) pad[i] = (pad[i] as number) ^ (k[i] as number);
    compress(this.outer, this.W, pad, 0);
  }

  /** Plain SHA-256 (used only to shorten over-long keys). */
  private sha256(msg: Uint8Array): Uint8Array {
    this.H.set(IV);
    this.finish(this.H, msg, 0, msg.length, 0);
    return this.digestBytes(this.H);
  }

  private finish(H: Int32Array, src: Uint8Array, start: number, end: number, prefixLen: number): void {
    let p = start;
    while (end - p >= 64) {
      compress(H, this.W, src, p);
      p += 64;
    }
    const rest = end - p;
    const blk = this.block;
    for (let i = 0; i < rest; i++) blk[i] = src[p + i] as number;
    blk[rest] = 0x80;
    const total = rest < 56 ? 64 : 128;
    blk.fill(0, rest + 1, total - 8);
    const bits = (prefixLen + (end - start)) * 8;
    const hi = Math.floor(bits / 0x100000000);
    blk[total - 8] = hi >>> 24;
    blk[total - 7] = hi >>> 16;
    blk[total - 6] = hi >>> 8;
    blk[total - 5] = hi;
    blk[total - 4] = bits >>> 24;
    blk[total - 3] = bits >>> 16;
    blk[total - 2] = bits >>> 8;
    blk[total - 1] = bits;
    compress(H, this.W, blk, 0);
    if (total === 128) compress(H, this.W, blk, 64);
  }

  private digestBytes(H: Int32Array): Uint8Array {
    const out = new Uint8Array(32);
    for (let i = 0; i < 8; i++) {
      const v = H[i] as number;
      out[i * 4] = v >>> 24;
      out[i * 4 + 1] = v >>> 16;
      out[i * 4 + 2] = v >>> 8;
      out[i * 4 + 3] = v;
    }
    return out;
  }

  /** Computes HMAC(key, src[start, end)) into the internal state. */
  private mac(src: Uint8Array, start: number, end: number): Int32Array {
    const H = this.H;
    H.set(this.inner);
    this.finish(H, src, start, end, 64);
    // Outer hash: one block holding the 32-byte inner digest and its padding.
    const blk = this.block;
    for (let i = 0; i < 8; i++) {
      const v = H[i] as number;
      blk[i * 4] = v >>> 24;
      blk[i * 4 + 1] = v >>> 16;
      blk[i * 4 + 2] = v >>> 8;
      blk[i * 4 + 3] = v;
    }
    blk[32] = 0x80;
    blk.fill(0, 33, 62);
    blk[62] = 0x03; // (64 + 32) * 8 = 768 bits = 0x0300
    blk[63] = 0x00;
    H.set(this.outer);
    compress(H, this.W, blk, 0);
    return H;
  }

  /** Writes the 64 lowercase hex digits of HMAC(key, src[start, end)) at `out[pos]`; returns the new position. */
  hexInto(src: Uint8Array, start: number, end: number, out: Uint8Array, pos: number): number {
    const H = this.mac(src, start, end);
    let o = pos;
    for (let i = 0; i < 8; i++) {
      const v = H[i] as number;
      for (let s = 28; s >= 0; s -= 4) out[o++] = HEX[(v >>> s) & 15] as number;
    }
    return o;
  }

  /** Writes the raw 32-byte HMAC(key, src[start, end)) at `out[pos]`. */
  rawInto(src: Uint8Array, start: number, end: number, out: Uint8Array, pos: number): void {
    const H = this.mac(src, start, end);
    for (let i = 0; i < 8; i++) {
      const v = H[i] as number;
      out[pos + i * 4] = v >>> 24;
      out[pos + i * 4 + 1] = v >>> 16;
      out[pos + i * 4 + 2] = v >>> 8;
      out[pos + i * 4 + 3] = v;
    }
  }

  /** HMAC of a string's UTF-8 bytes, as 64 lowercase hex digits. */
  hex(text: string): string {
    const bytes = Buffer.from(text, 'utf8');
    const out = Buffer.allocUnsafe(64);
    this.hexInto(bytes, 0, bytes.length, out, 0);
    return out.toString('latin1');
  }

  /** HMAC of bytes, raw 32 bytes. */
  bytes(src: Uint8Array): Uint8Array {
    return this.digestBytes(this.mac(src, 0, src.length));
  }
}
