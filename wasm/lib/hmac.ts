/**
 * HMAC-SHA256 for the record loops (lib/loop.ts): the digests of values the `hash` operator memoises and of new
 * subjects, computed in the module instead of a call back to the host per value. The keys never enter the module:
 * the host writes each key's inner and outer pad states (the SHA-256 states after the key's 0x36 and 0x5c blocks,
 * as `FastHmac` computes them), and the 64 round constants, into HMAC_AT (layout in loop-wasm.ts). Scalar
 * rounds with the machine's rotate; checked against `FastHmac` (itself checked against node:crypto) by the
 * differential tests of both loops.
 */

/** Where the host writes the pad states and round constants; the rounds' scratch follows. */
export const HMAC_AT: u32 = 5 * 1024 * 1024 + 256 * 1024;
/** The `hash` operator's key: inner then outer state (8 words each). */
export const KEY_HASH: u32 = HMAC_AT;
/** The ledger's subject key: inner then outer state. */
export const KEY_SUBJECT: u32 = HMAC_AT + 64;
const K: u32 = HMAC_AT + 128; // u32[64]: round constants
const W: u32 = HMAC_AT + 384; // u32[64]: message schedule
const H: u32 = HMAC_AT + 640; // u32[8]: running state
const BLOCK: u32 = HMAC_AT + 704; // 128 bytes: the last one or two blocks of a message, padded

/** Compresses the block in W[0..16) into the state at H (from the state at `from`). */
function compress(from: u32): void {
  for (let i: u32 = 16; i < 64; i++) {
    const a = load<u32>(W + ((i - 15) << 2));
    const b = load<u32>(W + ((i - 2) << 2));
    const s0 = rotr<u32>(a, 7) ^ rotr<u32>(a, 18) ^ (a >>> 3);
    const s1 = rotr<u32>(b, 17) ^ rotr<u32>(b, 19) ^ (b >>> 10);
    store<u32>(W + (i << 2), load<u32>(W + ((i - 16) << 2)) + s0 + load<u32>(W + ((i - 7) << 2)) + s1);
  }
  let a = load<u32>(from);
  let b = load<u32>(from + 4);
  let c = load<u32>(from + 8);
  let d = load<u32>(from + 12);
  let e = load<u32>(from + 16);
  let f = load<u32>(from + 20);
  let g = load<u32>(from + 24);
  let h = load<u32>(from + 28);
  for (let i: u32 = 0; i < 64; i++) {
    const t1 =
      h +
      (rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25)) +
      ((e & f) ^ (~e & g)) +
      load<u32>(K + (i << 2)) +
      load<u32>(W + (i << 2));
    const t2 = (rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  store<u32>(H, load<u32>(from) + a);
  store<u32>(H + 4, load<u32>(from + 4) + b);
  store<u32>(H + 8, load<u32>(from + 8) + c);
  store<u32>(H + 12, load<u32>(from + 12) + d);
  store<u32>(H + 16, load<u32>(from + 16) + e);
  store<u32>(H + 20, load<u32>(from + 20) + f);
  store<u32>(H + 24, load<u32>(from + 24) + g);
  store<u32>(H + 28, load<u32>(from + 28) + h);
}

/** Loads the 64 bytes at `p` into W[0..16) as big-endian words. */
@inline function loadBlock(p: u32): void {
  for (let j: u32 = 0; j < 16; j++) store<u32>(W + (j << 2), bswap<u32>(load<u32>(p + (j << 2))));
}

/** HMAC-SHA256 of `[s, s + len)` with the key whose pad states are at `key`; the digest's words are left at H. */
export function hmac(key: u32, s: u32, len: u32): void {
  // Inner hash: the key's 0x36 block is in the state already; the message follows it.
  let p = s;
  let from = key;
  const end = s + len;
  while (end - p >= 64) {
    loadBlock(p);
    compress(from);
    from = H;
    p += 64;
  }
  const rest = end - p;
  memory.copy(BLOCK, p, rest);
  store<u8>(BLOCK + rest, 0x80);
  const total: u32 = rest < 56 ? 64 : 128;
  memory.fill(BLOCK + rest + 1, 0, total - 8 - rest - 1);
  const bits: u64 = (<u64>64 + <u64>len) << 3;
  store<u64>(BLOCK + total - 8, bswap<u64>(bits));
  loadBlock(BLOCK);
  compress(from);
  if (total == 128) {
    loadBlock(BLOCK + 64);
    compress(H);
  }
  // Outer hash: one block holding the inner digest and its padding.
  for (let j: u32 = 0; j < 8; j++) store<u32>(W + (j << 2), load<u32>(H + (j << 2)));
  store<u32>(W + 32, 0x80000000);
  for (let j: u32 = 9; j < 15; j++) store<u32>(W + (j << 2), 0);
  store<u32>(W + 60, (64 + 32) * 8);
  compress(key + 32);
}

/** Writes the digest at H as 32 raw bytes at `o`. */
export function digestRaw(o: u32): void {
  for (let j: u32 = 0; j < 8; j++) store<u32>(o + (j << 2), bswap<u32>(load<u32>(H + (j << 2))));
}

/** Writes the digest at H as 64 lowercase hex digits at `o`. */
export function digestHex(o: u32): void {
  for (let j: u32 = 0; j < 8; j++) {
    const v = load<u32>(H + (j << 2));
    for (let k: u32 = 0; k < 8; k++) {
      const n = (v >>> (28 - (k << 2))) & 15;
      store<u8>(o + (j << 3) + k, n + (n < 10 ? 48 : 87));
    }
  }
}
