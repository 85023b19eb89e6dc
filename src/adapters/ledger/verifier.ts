/**
 * @module adapters/ledger/verifier
 * Third-party checks that need no database: a signed tree head, an inclusion proof, a consistency proof.
 * Give them the ledger's public key (pinned out of band) or a head you already trust.
 *
 * @example
 * const r = verifyInclusionProof(JSON.parse(proofJson), { trustedHead: oldHead });
 * if (!r.ok) console.error(r.reason);
 */
import { hash as oneShot } from 'node:crypto';
import { decodeLeaf, encodeLeaf, fromHex, toHex, treeHeadSigningBytes } from '../../core/ledger/leaf.js';
import { leafHash, verifyConsistency, verifyInclusion } from '../../core/ledger/merkle.js';
import type { ConsistencyProof, Hash, InclusionProof, SignedTreeHead } from '../../core/ledger/types.js';
import { checkEd25519 } from './keys.js';

/** SHA-256 through node:crypto's one-shot API. */
export const sha256: Hash = (bytes) => oneShot('sha256', bytes, 'buffer');

export type Check = { ok: true } | { ok: false; reason: string };

export interface TrustOptions {
  /** Base64 raw Ed25519 public key of the ledger; defaults to the trusted head's key, else the proof's own. */
  publicKey?: string;
  /** A head the checker already holds (and trusts). */
  trustedHead?: SignedTreeHead;
}

const bad = (reason: string): Check => ({ ok: false, reason });

/** Checks a head's signature, and that its log id is the SHA-256 of its public key. */
export function verifySignedTreeHead(head: SignedTreeHead, publicKey?: string): Check {
  try {
    if (head.alg !== 'Ed25519') return bad(`unsupported algorithm \`${head.alg}\``);
    const key = publicKey ?? head.publicKey;
    if (publicKey !== undefined && head.publicKey !== publicKey) return bad('head is signed by another key');
    const raw = Buffer.from(key, 'base64');
    if (toHex(sha256(raw)) !== head.logId) return bad('log id does not match the public key');
    if (!checkEd25519(treeHeadSigningBytes(head), Buffer.from(head.signature, 'base64'), raw)) {
      return bad(`tree head of size ${head.treeSize}: signature does not match`);
    }
    return { ok: true };
  } catch (err) {
    return bad(`malformed tree head: ${(err as Error).message}`);
  }
}

function keyOf(opts: TrustOptions): string | undefined {
  return opts.publicKey ?? opts.trustedHead?.publicKey;
}

/**
 * Checks an inclusion proof: the leaf re-encodes to the hashed bytes, the path leads to the head's root, the
 * head is signed. With a trusted head of the same size, the roots must be equal.
 */
export function verifyInclusionProof(proof: InclusionProof, opts: TrustOptions = {}): Check {
  try {
    const key = keyOf(opts);
    if (opts.trustedHead) {
      const t = verifySignedTreeHead(opts.trustedHead, key);
      if (!t.ok) return bad(`trusted head: ${t.reason}`);
    }
    const h = verifySignedTreeHead(proof.head, key);
    if (!h.ok) return h;
    if (proof.head.treeSize !== proof.treeSize) return bad('proof tree size differs from its head');
    const bytes = encodeLeaf(proof.leaf);
    if (!decodeLeaf(bytes).ok) return bad('leaf is malformed');
    if (proof.leaf.batchId !== proof.batchId) return bad('leaf names another batch');
    const lh = leafHash(sha256, bytes);
    if (toHex(lh) !== proof.leafHash) return bad('leaf does not hash to the proof leaf hash');
    const path = proof.path.map((p) => fromHex(p, 32));
    if (!verifyInclusion(sha256, proof.leafIndex, proof.treeSize, lh, path, fromHex(proof.head.rootHash, 32))) {
      return bad('audit path does not lead to the signed root');
    }
    const t = opts.trustedHead;
    if (t && t.treeSize === proof.treeSize && t.rootHash !== proof.head.rootHash) {
      return bad('the signed root differs from the trusted head of the same size (split view)');
    }
    if (t && t.treeSize > proof.treeSize) {
      return bad('the trusted head is newer than the proof; ask for a proof against it');
    }
    return { ok: true };
  } catch (err) {
    return bad(`malformed proof: ${(err as Error).message}`);
  }
}

/**
 * Checks a consistency proof from `oldHead` (yours, trusted, or the one in the proof) to the proof's new head.
 */
export function verifyConsistencyProof(proof: ConsistencyProof, opts: TrustOptions = {}): Check {
  try {
    const key = keyOf(opts);
    const oldHead = opts.trustedHead ?? proof.oldHead;
    if (!oldHead) return bad('no old tree head to check against');
    if (oldHead.treeSize !== proof.oldSize)
      return bad(`old head has size ${oldHead.treeSize}, proof starts at ${proof.oldSize}`);
    const o = verifySignedTreeHead(oldHead, key);
    if (!o.ok) return bad(`old head: ${o.reason}`);
    const n = verifySignedTreeHead(proof.newHead, key ?? oldHead.publicKey);
    if (!n.ok) return bad(`new head: ${n.reason}`);
    if (proof.newHead.treeSize !== proof.newSize) return bad('proof new size differs from its head');
    const path = proof.path.map((p) => fromHex(p, 32));
    const ok = verifyConsistency(
      sha256,
      proof.oldSize,
      proof.newSize,
      fromHex(oldHead.rootHash, 32),
      fromHex(proof.newHead.rootHash, 32),
      path,
    );
    return ok ? { ok: true } : bad('the old tree is not a prefix of the new tree (history was rewritten)');
  } catch (err) {
    return bad(`malformed proof: ${(err as Error).message}`);
  }
}
