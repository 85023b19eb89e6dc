/**
 * @module core/ledger/leaf
 * Canonical bytes of a ledger leaf and of a tree head, the Asia/Shanghai calendar year, and hex helpers.
 * A leaf is JSON with a fixed key order (no whitespace, UTF-8); `decodeLeaf` accepts only bytes that
 * re-encode to themselves, so one leaf has exactly one encoding.
 */
import type { LedgerLeaf, ListRef, SubjectTally, TreeHead } from './types.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Asia/Shanghai has been UTC+8 without daylight saving since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Calendar year in Asia/Shanghai of an instant (epoch ms): subjects are counted per this year. */
export function shanghaiYear(epochMs: number): number {
  return new Date(epochMs + SHANGHAI_OFFSET_MS).getUTCFullYear();
}

/** Epoch ms of 1 January 00:00 Asia/Shanghai of `year`. */
export function shanghaiYearStart(year: number): number {
  return Date.UTC(year, 0, 1) - SHANGHAI_OFFSET_MS;
}

/** Builds the leaf object with keys in canonical order (the order of `LedgerLeaf`). */
function ordered(l: LedgerLeaf): LedgerLeaf {
  const s: SubjectTally = {
    sensitiveNew: l.subjects.sensitiveNew,
    sensitiveSeen: l.subjects.sensitiveSeen,
    personalNew: l.subjects.personalNew,
    personalSeen: l.subjects.personalSeen,
  };
  return {
    v: 1,
    batchId: l.batchId,
    exporter: l.exporter,
    manifest: { id: l.manifest.id, version: l.manifest.version },
    lists: l.lists.map((x: ListRef) => ({ id: x.id, version: x.version })),
    recipient: l.recipient,
    country: l.country,
    time: l.time,
    year: l.year,
    records: l.records,
    fields: [...l.fields],
    subjects: s,
    sha256: l.sha256,
    bytes: l.bytes,
    gateway: l.gateway,
  };
}

/** The canonical bytes of a leaf. */
export function encodeLeaf(leaf: LedgerLeaf): Uint8Array {
  return encoder.encode(JSON.stringify(ordered(leaf)));
}

const isStr = (x: unknown): x is string => typeof x === 'string';
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

/**
 * Parses leaf bytes; returns the reason when they are not a canonical leaf. `canonical: false` skips the
 * re-encoding check (used by `verify`, where the signed root already pins the exact bytes).
 */
export function decodeLeaf(
  bytes: Uint8Array,
  opts: { canonical?: boolean } = {},
): { ok: true; leaf: LedgerLeaf } | { ok: false; reason: string } {
  let text: string;
  let raw: unknown;
  try {
    text = decoder.decode(bytes);
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'leaf bytes are not UTF-8 JSON' };
  }
  const l = raw as LedgerLeaf;
  const shapeOk =
    typeof raw === 'object' &&
    raw !== null &&
    l.v === 1 &&
    isStr(l.batchId) &&
    isStr(l.exporter) &&
    typeof l.manifest === 'object' &&
    l.manifest !== null &&
    isStr(l.manifest.id) &&
    isStr(l.manifest.version) &&
    Array.isArray(l.lists) &&
    l.lists.every((x) => typeof x === 'object' && x !== null && isStr(x.id) && isStr(x.version)) &&
    isStr(l.recipient) &&
    isStr(l.country) &&
    isStr(l.time) &&
    isCount(l.year) &&
    isCount(l.records) &&
    Array.isArray(l.fields) &&
    l.fields.every(isStr) &&
    typeof l.subjects === 'object' &&
    l.subjects !== null &&
    isCount(l.subjects.sensitiveNew) &&
    isCount(l.subjects.sensitiveSeen) &&
    isCount(l.subjects.personalNew) &&
    isCount(l.subjects.personalSeen) &&
    isStr(l.sha256) &&
    isCount(l.bytes) &&
    isStr(l.gateway);
  if (!shapeOk) return { ok: false, reason: 'leaf does not have the ledger leaf shape' };
  if (opts.canonical !== false && JSON.stringify(ordered(l)) !== text)
    return { ok: false, reason: 'leaf bytes are not in canonical form' };
  return { ok: true, leaf: l };
}

/**
 * Where `scanLeaf` found the fields `verify` needs: byte ranges of three strings (between the quotes, no
 * escapes inside) and four numbers. Reused across calls so that scanning allocates nothing.
 */
export interface LeafScan {
  batchId: [number, number];
  exporter: [number, number];
  time: [number, number];
  year: number;
  records: number;
  sensitiveNew: number;
  personalNew: number;
}

export function newLeafScan(): LeafScan {
  return {
    batchId: [0, 0],
    exporter: [0, 0],
    time: [0, 0],
    year: 0,
    records: 0,
    sensitiveNew: 0,
    personalNew: 0,
  };
}

const lit = (s: string): Uint8Array => encoder.encode(s);
const L_HEAD = lit('{"v":1,"batchId":"');
const L_EXPORTER = lit('","exporter":"');
const L_MANIFEST = lit('","manifest":{"id":"');
const L_VERSION = lit('","version":"');
const L_LISTS = lit('"},"lists":[');
const L_LIST_ID = lit('{"id":"');
const L_LIST_END = lit('"}');
const L_RECIPIENT = lit(',"recipient":"');
const L_COUNTRY = lit('","country":"');
const L_TIME = lit('","time":"');
const L_YEAR = lit('","year":');
const L_RECORDS = lit(',"records":');
const L_FIELDS = lit(',"fields":[');
const L_SUBJECTS = lit(',"subjects":{"sensitiveNew":');
const L_SSEEN = lit(',"sensitiveSeen":');
const L_PNEW = lit(',"personalNew":');
const L_PSEEN = lit(',"personalSeen":');
const L_SHA = lit('},"sha256":"');
const L_BYTES = lit('","bytes":');
const L_GATEWAY = lit(',"gateway":"');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

// Scanner state (module level, so that scanning creates no closures): the bytes and the cursor.
let sb: Uint8Array = new Uint8Array(0);
let sp = 0;
/** End (exclusive) of the leaf inside `sb`. */
let se = 0;

/**
 * Steps over a fixed part of the leaf, checking only its first and last byte: strings are skipped
 * exactly, so a leaf that `encodeLeaf` wrote always lines up, and the signed root pins every other byte.
 */
function expectLit(l: Uint8Array): boolean {
  const e = sp + l.length - 1;
  if (e >= se || sb[sp] !== l[0] || sb[e] !== l[l.length - 1]) return false;
  sp = e + 1;
  return true;
}

/**
 * Moves the cursor to the closing quote of the string that starts there; `plain` refuses escapes. A string
 * that may hold escapes is skipped with a native `indexOf` for the quote: the closing one is the first quote
 * after an even run of backslashes (control characters are not looked for, see {@link scanLeaf}).
 */
function skipString(plain: boolean): boolean {
  const b = sb;
  const n = se;
  let p = sp;
  while (p < n) {
    const c = b[p] as number;
    if (c === QUOTE) {
      sp = p;
      return true;
    }
    if (c < 0x20) return false;
    if (c === BACKSLASH) {
      if (plain) return false;
      p += 2;
    } else p++;
  }
  return false;
}

/** Reads a canonical non-negative integer (at most 15 digits); -1 when there is none. */
function readInt(): number {
  const b = sb;
  const s = sp;
  let p = sp;
  let v = 0;
  while (p < se) {
    const c = b[p] as number;
    if (c < 0x30 || c > 0x39) break;
    v = v * 10 + (c - 0x30);
    p++;
  }
  const len = p - s;
  if (len === 0 || len > 15 || (len > 1 && b[s] === 0x30)) return -1;
  sp = p;
  return v;
}

/** `[` (string | list ref) `,`… `]` with the cursor just after `[`. */
function skipArray(ofLists: boolean): boolean {
  if (sb[sp] === 0x5d) {
    sp++;
    return true;
  }
  while (true) {
    if (ofLists) {
      if (!expectLit(L_LIST_ID) || !skipString(false) || !expectLit(L_VERSION) || !skipString(false)) return false;
      if (!expectLit(L_LIST_END)) return false;
    } else {
      if (sb[sp] !== QUOTE) return false;
      sp++;
      if (!skipString(false)) return false;
      sp++;
    }
    const c = sb[sp];
    sp++;
    if (c === 0x5d) return true;
    if (c !== 0x2c) return false;
  }
}

/**
 * Scans canonical leaf bytes (the exact shape `encodeLeaf` writes) without building objects or decoding
 * strings, filling `out`. Returns false when the bytes are not in that shape, or when one of the three
 * strings it hands back contains an escape: the caller then falls back to {@link decodeLeaf}. It does not
 * check UTF-8 inside skipped strings nor every byte of the fixed parts: `verify` relies on the signed root
 * to pin the exact bytes, so this only has to be right for leaves that `encodeLeaf` wrote.
 */
export function scanLeaf(b: Uint8Array, out: LeafScan): boolean {
  return scanLeafAt(b, 0, b.length, out);
}

/**
 * {@link scanLeaf} over the leaf at `b[start..end)` (a leaf inside a block): ranges are offsets into `b`.
 * `whole: false` stops after `personalNew` (what `verify` needs): only for a caller that accepts the leaf
 * only if its hash checks against a signed root, which pins the rest.
 */
export function scanLeafAt(b: Uint8Array, start: number, end: number, out: LeafScan, whole = true): boolean {
  sb = b;
  sp = start;
  se = end;
  const ok = scanBody(out, whole);
  sb = EMPTY_BYTES;
  return ok;
}

const EMPTY_BYTES = new Uint8Array(0);

function scanBody(out: LeafScan, whole: boolean): boolean {
  if (!expectLit(L_HEAD)) return false;
  out.batchId[0] = sp;
  if (!skipString(true)) return false;
  out.batchId[1] = sp;
  if (!expectLit(L_EXPORTER)) return false;
  out.exporter[0] = sp;
  if (!skipString(true)) return false;
  out.exporter[1] = sp;
  if (!expectLit(L_MANIFEST) || !skipString(false) || !expectLit(L_VERSION) || !skipString(false)) return false;
  if (!expectLit(L_LISTS) || !skipArray(true)) return false;
  if (!expectLit(L_RECIPIENT) || !skipString(false) || !expectLit(L_COUNTRY) || !skipString(false)) return false;
  if (!expectLit(L_TIME)) return false;
  out.time[0] = sp;
  if (!skipString(true)) return false;
  out.time[1] = sp;
  if (!expectLit(L_YEAR)) return false;
  out.year = readInt();
  if (out.year < 0 || !expectLit(L_RECORDS)) return false;
  out.records = readInt();
  if (out.records < 0 || !expectLit(L_FIELDS) || !skipArray(false)) return false;
  if (!expectLit(L_SUBJECTS)) return false;
  out.sensitiveNew = readInt();
  if (out.sensitiveNew < 0 || !expectLit(L_SSEEN) || readInt() < 0 || !expectLit(L_PNEW)) return false;
  out.personalNew = readInt();
  if (out.personalNew < 0) return false;
  if (!whole) return true;
  if (!expectLit(L_PSEEN) || readInt() < 0) return false;
  if (!expectLit(L_SHA) || !skipString(false) || !expectLit(L_BYTES) || readInt() < 0) return false;
  if (!expectLit(L_GATEWAY) || !skipString(false)) return false;
  return sp + 2 === se && sb[sp + 1] === 0x7d;
}

/** Decodes UTF-8 bytes `[start, end)` of `b` (throws on invalid UTF-8). */
export function decodeRange(b: Uint8Array, start: number, end: number): string {
  return decoder.decode(b.subarray(start, end));
}

/** Does `b[start..end)` hold exactly the UTF-8 encoding of `s`? Compares bytes first, without decoding. */
export function rangeEquals(b: Uint8Array, start: number, end: number, s: string): boolean {
  if (end - start === s.length) {
    let ascii = true;
    for (let i = 0; i < s.length; i++) {
      const c = b[start + i] as number;
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      if (c !== s.charCodeAt(i)) return false;
    }
    if (ascii) return true;
  }
  try {
    return decodeRange(b, start, end) === s;
  } catch {
    return false;
  }
}

/** Domain-separation prefix of signed tree heads (so a head signature can never be taken for anything else). */
export const TREE_HEAD_CONTEXT = 'datapass-ledger-tree-head-v1';

/**
 * The bytes an Ed25519 signature covers: context ‖ 0x00 ‖ u64 tree size ‖ u64 timestamp ‖ 32-byte root ‖
 * 32-byte log id (big-endian integers).
 */
export function treeHeadSigningBytes(head: TreeHead): Uint8Array {
  const ctx = encoder.encode(TREE_HEAD_CONTEXT);
  const out = new Uint8Array(ctx.length + 1 + 8 + 8 + 32 + 32);
  out.set(ctx, 0);
  let o = ctx.length + 1;
  const view = new DataView(out.buffer);
  view.setBigUint64(o, BigInt(head.treeSize));
  o += 8;
  view.setBigUint64(o, BigInt(head.timestamp));
  o += 8;
  out.set(fromHex(head.rootHash, 32), o);
  o += 32;
  out.set(fromHex(head.logId, 32), o);
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lowercase hex. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i] as number];
  return s;
}

/** Parses lowercase or uppercase hex; throws RangeError on bad input or the wrong length. */
export function fromHex(hex: string, expectedLength?: number): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new RangeError('not a hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  if (expectedLength !== undefined && out.length !== expectedLength) {
    throw new RangeError(`expected ${expectedLength} bytes, got ${out.length}`);
  }
  return out;
}

/** Is this a lowercase 64-character hex SHA-256? */
export function isSha256Hex(s: string): boolean {
  return /^[0-9a-f]{64}$/.test(s);
}
