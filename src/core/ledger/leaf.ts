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
