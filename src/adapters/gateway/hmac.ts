/**
 * @module adapters/gateway/hmac
 * HMAC-SHA256 for the `hash` operator, in plain JS with the key's inner and outer pad states computed once:
 * a short value (a VIN, a phone number) costs two SHA-256 compressions and no allocation, and the hex digest is
 * written straight into the output buffer. Node's `createHmac` allocates two objects per call and was about 3×
 * slower on 17-byte values here (docs/gateway.md). Verified against `node:crypto` in hmac.test.ts.
 */
import { textBytes } from '../../core/bytes.js';
import { loadBlock, SHA256_IV, compress as sha256Compress } from '../../core/ledger/sha256.js';

const IV = SHA256_IV;
const HEX = new Uint8Array(Array.from('0123456789abcdef', (c) => c.charCodeAt(0)));

/** Per byte value, its two hex digits as a little-endian 16-bit number (first digit in the low byte). */
const HEX2 = new Int32Array(256);
for (let b = 0; b < 256; b++) HEX2[b] = (HEX[b >>> 4] as number) | ((HEX[b & 15] as number) << 8);

/** DataViews of the last arrays `hex32Into` saw (the memo arena and the output buffer: the same for many calls). */
let srcOf: Uint8Array | undefined;
let srcView: DataView = new DataView(new ArrayBuffer(0));
let outOf: Uint8Array | undefined;
let outView: DataView = new DataView(new ArrayBuffer(0));

/**
 * Writes 32 bytes `src[at, at + 32)` as 64 lowercase hex digits at `out[pos]`; returns the new position.
 * 4 bytes in and 8 digits out per step through DataViews (table of digit pairs): ~3× faster than 64 byte stores.
 */
export function hex32Into(src: Uint8Array, at: number, out: Uint8Array, pos: number): number {
  if (src !== srcOf) {
    srcOf = src;
    srcView = new DataView(src.buffer, src.byteOffset, src.byteLength);
  }
  if (out !== outOf) {
    outOf = out;
    outView = new DataView(out.buffer, out.byteOffset, out.byteLength);
  }
  const sv = srcView;
  const ov = outView;
  for (let i = 0; i < 32; i += 4) {
    const w = sv.getInt32(at + i, true);
    const o = pos + 2 * i;
    ov.setInt32(o, (HEX2[w & 0xff] as number) | ((HEX2[(w >>> 8) & 0xff] as number) << 16), true);
    ov.setInt32(o + 4, (HEX2[(w >>> 16) & 0xff] as number) | ((HEX2[w >>> 24] as number) << 16), true);
  }
  return pos + 64;
}

/** Compresses the 64-byte block at `b[off]` into `H` (the shared SHA-256 rounds of core/ledger/sha256.ts). */
function compress(H: Int32Array, W: Int32Array, b: Uint8Array, off: number): void {
  loadBlock(W, b, off);
  sha256Compress(W, H, 0, H, 0);
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
    const len = end - start;
    if (len <= 55) {
      // One block each for the inner and the outer hash (a VIN, an ID or phone number, a ledger subject key):
      // the message schedule is filled from the bytes and from the inner digest directly, with no byte block in
      // between and no copy of the pad states (they are read in place).
      const W = this.W;
      for (let i = 0; i < 16; i++) W[i] = 0;
      for (let j = 0; j < len; j++)
        W[j >> 2] = (W[j >> 2] as number) | ((src[start + j] as number) << (24 - 8 * (j & 3)));
      W[len >> 2] = (W[len >> 2] as number) | (0x80 << (24 - 8 * (len & 3)));
      W[15] = (64 + len) * 8;
      sha256Compress(W, this.inner, 0, H, 0);
      for (let i = 0; i < 8; i++) W[i] = H[i] as number;
      W[8] = 0x80000000 | 0;
      for (let i = 9; i < 15; i++) W[i] = 0;
      W[15] = (64 + 32) * 8;
      sha256Compress(W, this.outer, 0, H, 0);
      return H;
    }
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
    const bytes = textBytes(text);
    const out = Buffer.allocUnsafe(64);
    this.hexInto(bytes, 0, bytes.length, out, 0);
    return out.toString('latin1');
  }

  /** The key's inner then outer pad states (the SHA-256 states after its 0x36 and 0x5c blocks), 16 words. */
  padStates(): Int32Array {
    const s = new Int32Array(16);
    s.set(this.inner, 0);
    s.set(this.outer, 8);
    return s;
  }

  /** HMAC of bytes, raw 32 bytes. */
  bytes(src: Uint8Array): Uint8Array {
    return this.digestBytes(this.mac(src, 0, src.length));
  }
}
