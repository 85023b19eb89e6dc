/**
 * @module core/ledger/proof-file
 * The shape of the files `ledger verify-proof` reads: an inclusion proof (`ledger prove --json`), a consistency
 * proof (`ledger consistency --json`) and a signed tree head. A file of the wrong shape (missing keys, wrong
 * types, a hash that is not hex, a key or signature that is not base64) is bad input, reported with the path of
 * every bad field; only a well-formed proof goes on to the cryptographic check.
 */
import { z } from 'zod';
import { valueKindOf } from '../documents.js';
import { fail, ok, type Problem, problem, type Result } from '../problems.js';
import { zodProblems } from '../zod-problems.js';
import type { ConsistencyProof, InclusionProof, SignedTreeHead } from './types.js';

const count = z.number().int().nonnegative();
const size = z.number().int().positive();
const sha256Hex = z
  .string()
  .refine((s) => /^[0-9a-f]{64}$/.test(s), { error: 'expected 64 lowercase hex digits (a SHA-256 hash)' });
/** Standard or URL-safe base64 of exactly `bytes` bytes (what `Buffer.from(s, 'base64')` reads). */
const base64Of = (bytes: number, what: string) => {
  const chars = Math.ceil((bytes * 4) / 3);
  const pad = (4 - (chars % 4)) % 4;
  const re = new RegExp(`^[A-Za-z0-9+/_-]{${chars}}(={${pad}})?$`);
  return z.string().refine((s) => re.test(s), { error: `expected base64 of ${bytes} bytes (${what})` });
};

const ListRef = z.object({ id: z.string(), version: z.string() });

export const SignedTreeHeadShape = z.object({
  treeSize: count,
  rootHash: sha256Hex,
  timestamp: count,
  logId: sha256Hex,
  alg: z.string(),
  publicKey: base64Of(32, 'an Ed25519 public key'),
  signature: base64Of(64, 'an Ed25519 signature'),
});

const LedgerLeafShape = z.object({
  v: z.literal(1),
  batchId: z.string(),
  exporter: z.string(),
  manifest: ListRef,
  lists: z.array(ListRef),
  recipient: z.string(),
  country: z.string(),
  time: z.string(),
  year: count,
  records: count,
  fields: z.array(z.string()),
  subjects: z.object({ sensitiveNew: count, sensitiveSeen: count, personalNew: count, personalSeen: count }),
  sha256: sha256Hex,
  bytes: count,
  gateway: z.string(),
});

const InclusionProofShape = z
  .object({
    batchId: z.string(),
    leafIndex: count,
    treeSize: size,
    leafHash: sha256Hex,
    path: z.array(sha256Hex),
    leaf: LedgerLeafShape,
    head: SignedTreeHeadShape,
  })
  .refine((p) => p.leafIndex < p.treeSize, { error: 'leafIndex must be less than treeSize', path: ['leafIndex'] });

const ConsistencyProofShape = z
  .object({
    oldSize: size,
    newSize: size,
    path: z.array(sha256Hex),
    oldHead: SignedTreeHeadShape.optional(),
    newHead: SignedTreeHeadShape,
  })
  .refine((p) => p.oldSize <= p.newSize, { error: 'oldSize must not exceed newSize', path: ['oldSize'] });

export type ParsedProof =
  | { kind: 'inclusion'; proof: InclusionProof }
  | { kind: 'consistency'; proof: ConsistencyProof };

/** Paths of zod problems start at `prefix` (e.g. `head` when the tree head came from a proof's `head`). */
function under(prefix: string[], problems: Problem[]): Problem[] {
  return problems.map((p) => ({ ...p, path: [...prefix, ...p.path] }));
}

/**
 * Checks that a parsed JSON value is an inclusion proof (it has `leafIndex`) or a consistency proof (it has
 * `oldSize`) of the right shape. The value itself is returned (unknown keys kept), typed.
 */
export function parseProof(v: unknown): Result<ParsedProof> {
  const kind = valueKindOf(v);
  if (typeof v !== 'object' || v === null || Array.isArray(v) || !('leafIndex' in v || 'oldSize' in v))
    return fail([
      problem('input.wrong_document', { expected: 'proof', received: kind }, [], {
        ...(kind === 'object' ? { help: 'an inclusion proof has `leafIndex`, a consistency proof `oldSize`' } : {}),
      }),
    ]);
  if ('leafIndex' in v) {
    const r = InclusionProofShape.safeParse(v);
    return r.success ? ok({ kind: 'inclusion', proof: v as InclusionProof }) : fail(zodProblems(r.error, v));
  }
  const r = ConsistencyProofShape.safeParse(v);
  return r.success ? ok({ kind: 'consistency', proof: v as ConsistencyProof }) : fail(zodProblems(r.error, v));
}

/**
 * Checks a signed tree head a checker holds: a bare head, or a document that carries one (`head` in
 * `ledger show --json` and inclusion proofs, `newHead` in consistency proofs).
 */
export function parseTreeHead(v: unknown): Result<SignedTreeHead> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return fail([problem('input.wrong_document', { expected: 'tree-head', received: valueKindOf(v) })]);
  const o = v as Record<string, unknown>;
  const key = o.head != null ? 'head' : o.newHead != null ? 'newHead' : undefined;
  const head = key === undefined ? v : o[key];
  const r = SignedTreeHeadShape.safeParse(head);
  if (!r.success) return fail(under(key === undefined ? [] : [key], zodProblems(r.error, head)));
  return ok(head as SignedTreeHead);
}
