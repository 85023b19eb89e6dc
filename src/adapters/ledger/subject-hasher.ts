/**
 * @module adapters/ledger/subject-hasher
 * HMAC-SHA256 of subject key values, several times faster than a fresh `createHmac` per value: the inner
 * and outer pad blocks are compressed once (their SHA-256 midstates are kept), so each value costs only the
 * compressions of its own blocks plus one for the outer hash, with no native call per value. ASCII values of
 * up to 55 bytes (ID numbers, VINs, phone numbers) are loaded straight from the string into the message
 * schedule: two compressions and no encoding step. `hashMany` writes a whole batch into one packed array
 * (32 bytes per value), which is what the ledger stores, so nothing is allocated per value.
 * The output equals `createHmac('sha256', key).update(value, 'utf8').digest()` (a test checks it).
 */
import { textBytes } from '../../core/bytes.js';
import { compress, loadBlock, SHA256_IV } from '../../core/ledger/sha256.js';

/** `(value) => HMAC-SHA256(key, utf8(value))`, plus `hashMany(values)` → the digests packed 32 bytes each. */
export interface SubjectHasher {
  (value: string): Buffer;
  hashMany(values: readonly string[]): Uint8Array;
}

/**
 * Returns the keyed subject hash. Keys longer than 64 bytes are not supported (the domestic key is 32
 * bytes). Not re-entrant across threads (it is a plain closure over scratch buffers).
 */
export function createSubjectHasher(key: Uint8Array): SubjectHasher {
  if (key.length === 0 || key.length > 64) throw new RangeError('HMAC key must be 1 to 64 bytes');
  const W = new Int32Array(64);
  const pad = new Uint8Array(64);
  const innerState = new Int32Array(8);
  const outerState = new Int32Array(8);
  pad.fill(0x36);
  for (let i = 0; i < key.length; i++) pad[i] = (pad[i] as number) ^ (key[i] as number);
  loadBlock(W, pad, 0);
  compress(W, SHA256_IV as Int32Array, 0, innerState, 0);
  pad.fill(0x5c);
  for (let i = 0; i < key.length; i++) pad[i] = (pad[i] as number) ^ (key[i] as number);
  loadBlock(W, pad, 0);
  compress(W, SHA256_IV as Int32Array, 0, outerState, 0);

  let buf = Buffer.alloc(256);
  const st = new Int32Array(8);

  /** Inner hash of `value` into `st`: the one-block ASCII fast path, else UTF-8 through a Buffer. */
  const inner = (value: string): void => {
    const n = value.length;
    if (n <= 55) {
      for (let i = 0; i < 16; i++) W[i] = 0;
      let ascii = true;
      for (let j = 0; j < n; j++) {
        const c = value.charCodeAt(j);
        if (c >= 0x80) {
          ascii = false;
          break;
        }
        W[j >> 2] = (W[j >> 2] as number) | (c << (24 - 8 * (j & 3)));
      }
      if (ascii) {
        W[n >> 2] = (W[n >> 2] as number) | (0x80 << (24 - 8 * (n & 3)));
        W[15] = (64 + n) * 8;
        compress(W, innerState, 0, st, 0);
        return;
      }
    }
    // Worst case 3 bytes per UTF-16 unit, plus 72 bytes of padding.
    if (n * 3 + 72 > buf.length) buf = Buffer.alloc(n * 3 + 136);
    // Unpaired surrogates keep their own bytes (`textBytes`), as the gateway hashes them.
    let len: number;
    if (/\p{Cs}/u.test(value)) {
      const b = textBytes(value);
      buf.set(b, 0);
      len = b.length;
    } else len = buf.write(value, 0, 'utf8');
    const total = Math.ceil((len + 9) / 64) * 64;
    buf.fill(0, len, total);
    buf[len] = 0x80;
    const bits = (64 + len) * 8;
    buf.writeUInt32BE(Math.floor(bits / 0x100000000), total - 8);
    buf.writeUInt32BE(bits >>> 0, total - 4);
    st.set(innerState);
    for (let off = 0; off < total; off += 64) {
      loadBlock(W, buf, off);
      compress(W, st, 0, st, 0);
    }
  };

  /** Outer hash: opad midstate, then one block holding the 32-byte inner hash and padding for 96 bytes. */
  const outer = (out: Uint8Array, at: number): void => {
    for (let i = 0; i < 8; i++) W[i] = st[i] as number;
    W[8] = 0x80000000 | 0;
    for (let i = 9; i < 15; i++) W[i] = 0;
    W[15] = 96 * 8;
    compress(W, outerState, 0, st, 0);
    for (let i = 0; i < 8; i++) {
      const w = st[i] as number;
      const o = at + i * 4;
      out[o] = w >>> 24;
      out[o + 1] = (w >>> 16) & 0xff;
      out[o + 2] = (w >>> 8) & 0xff;
      out[o + 3] = w & 0xff;
    }
  };

  const one = ((value: string): Buffer => {
    inner(value);
    const out = Buffer.allocUnsafe(32);
    outer(out, 0);
    return out;
  }) as SubjectHasher;
  one.hashMany = (values) => {
    const out = new Uint8Array(values.length * 32);
    for (let i = 0; i < values.length; i++) {
      inner(values[i] as string);
      outer(out, i * 32);
    }
    return out;
  };
  return one;
}
