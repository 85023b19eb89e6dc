/**
 * @module adapters/ledger/subject-hasher
 * HMAC-SHA256 of subject key values, about 3× faster than a fresh `createHmac` per value: the inner and
 * outer pad blocks are compressed once (their SHA-256 midstates are kept), so each value costs only the
 * compressions of its own blocks plus one for the outer hash, with no native call per value.
 * The output equals `createHmac('sha256', key).update(value, 'utf8').digest()` (a test checks it).
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
const IV = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/** SHA-256 compression of the block already loaded in W[0..15]: out = st + F(st, W). */
function compress(W: Int32Array, st: Int32Array, out: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const w15 = W[i - 15] as number;
    const w2 = W[i - 2] as number;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = ((W[i - 16] as number) + s0 + (W[i - 7] as number) + s1) | 0;
  }
  let a = st[0] as number;
  let b = st[1] as number;
  let c = st[2] as number;
  let d = st[3] as number;
  let e = st[4] as number;
  let f = st[5] as number;
  let g = st[6] as number;
  let h = st[7] as number;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + (K[i] as number) + (W[i] as number)) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  out[0] = ((st[0] as number) + a) | 0;
  out[1] = ((st[1] as number) + b) | 0;
  out[2] = ((st[2] as number) + c) | 0;
  out[3] = ((st[3] as number) + d) | 0;
  out[4] = ((st[4] as number) + e) | 0;
  out[5] = ((st[5] as number) + f) | 0;
  out[6] = ((st[6] as number) + g) | 0;
  out[7] = ((st[7] as number) + h) | 0;
}

function loadBlock(W: Int32Array, buf: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const o = off + i * 4;
    W[i] =
      ((buf[o] as number) << 24) |
      ((buf[o + 1] as number) << 16) |
      ((buf[o + 2] as number) << 8) |
      (buf[o + 3] as number);
  }
}

/**
 * Returns `(value) => HMAC-SHA256(key, utf8(value))` as a 32-byte Buffer. Keys longer than 64 bytes are not
 * supported (the domestic key is 32 bytes). Not re-entrant across threads (it is a plain closure).
 */
export function createSubjectHasher(key: Uint8Array): (value: string) => Buffer {
  if (key.length === 0 || key.length > 64) throw new RangeError('HMAC key must be 1 to 64 bytes');
  const W = new Int32Array(64);
  const pad = new Uint8Array(64);
  const innerState = new Int32Array(8);
  const outerState = new Int32Array(8);
  pad.fill(0x36);
  for (let i = 0; i < key.length; i++) pad[i] = (pad[i] as number) ^ (key[i] as number);
  loadBlock(W, pad, 0);
  compress(W, IV, innerState);
  pad.fill(0x5c);
  for (let i = 0; i < key.length; i++) pad[i] = (pad[i] as number) ^ (key[i] as number);
  loadBlock(W, pad, 0);
  compress(W, IV, outerState);

  let buf = Buffer.alloc(256);
  const st = new Int32Array(8);
  return (value: string): Buffer => {
    // Worst case 3 bytes per UTF-16 unit, plus 72 bytes of padding.
    if (value.length * 3 + 72 > buf.length) buf = Buffer.alloc(value.length * 3 + 136);
    const n = buf.write(value, 0, 'utf8');
    const total = Math.ceil((n + 9) / 64) * 64;
    buf.fill(0, n, total);
    buf[n] = 0x80;
    const bits = (64 + n) * 8;
    buf.writeUInt32BE(Math.floor(bits / 0x100000000), total - 8);
    buf.writeUInt32BE(bits >>> 0, total - 4);
    st.set(innerState);
    for (let off = 0; off < total; off += 64) {
      loadBlock(W, buf, off);
      compress(W, st, st);
    }
    // Outer: opad midstate, then one block holding the 32-byte inner hash and padding for 96 bytes.
    for (let i = 0; i < 8; i++) W[i] = st[i] as number;
    W[8] = 0x80000000 | 0;
    for (let i = 9; i < 15; i++) W[i] = 0;
    W[15] = 96 * 8;
    compress(W, outerState, st);
    const out = Buffer.allocUnsafe(32);
    for (let i = 0; i < 8; i++) out.writeInt32BE(st[i] as number, i * 4);
    return out;
  };
}
