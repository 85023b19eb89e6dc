/**
 * @module core/lists/trust
 * Signing and the fail-closed trust decision for list documents (and any other signed DataPass document).
 * What is signed: the RFC 8785 (JCS) canonical JSON of the document with `signature.value` removed, so the
 * algorithm and key id are covered by the signature too.
 */
import canonicalize from 'canonicalize';
import { fromBase64Url, toBase64Url, utf8 } from '../bytes.js';
import type { Ed25519 } from '../ports.js';
import { type Problem, problem } from '../problems.js';

export const SIGNATURE_ALG = 'Ed25519';

/** A key the trust store accepts. */
export interface TrustedKey {
  keyId: string;
  /** The issuer id this key may sign for (`issuer.id` in the document). */
  issuer: string;
  /** Raw 32-byte Ed25519 public key, base64url. */
  publicKey: string;
  /** Document kinds this key may sign; absent = any. */
  kinds?: string[];
  notBefore?: string;
  notAfter?: string;
  /** Date the key was revoked; documents are rejected from then on. */
  revoked?: string;
  note?: string;
}

export interface SignedDocument {
  kind: string;
  issuer: { id: string };
  effective?: string;
  expires?: string;
  signature?: { alg: string; keyId?: string; value: string; signedAt?: string };
}

/** The exact bytes a signature covers. */
export function signingBytes(doc: object): Uint8Array {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const sig = copy.signature as Record<string, unknown> | undefined;
  if (sig) {
    delete sig.value;
    copy.signature = sig;
  }
  const text = canonicalize(copy);
  if (text === undefined) throw new Error('document cannot be canonicalised');
  return utf8(text);
}

/** Returns a copy of the document with a fresh signature block. */
export function signDocument<T extends object>(
  doc: T,
  key: { keyId: string; privateKey: Uint8Array },
  crypto: Ed25519,
  signedAt?: string,
): T {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const block: Record<string, string> = { alg: SIGNATURE_ALG, keyId: key.keyId, value: '' };
  if (signedAt) block.signedAt = signedAt;
  copy.signature = block;
  const sig = crypto.sign(key.privateKey, signingBytes(copy));
  block.value = toBase64Url(sig);
  return copy as T;
}

export interface VerifyOptions {
  /** The date to check validity on, `YYYY-MM-DD`. */
  date: string;
  /** Check the document's own effective/expiry window (default true). */
  checkValidity?: boolean;
}

/**
 * Decides whether a document is trusted. Fails closed: any missing piece is a problem, and an empty
 * trust store trusts nothing (OPA once accepted bundles whose signature was stripped when no key id was
 * configured; here there is no configuration under which an unsigned document passes).
 */
export function verifyDocument(
  doc: SignedDocument,
  keys: readonly TrustedKey[],
  crypto: Ed25519,
  opts: VerifyOptions,
): { trusted: true; key: TrustedKey } | { trusted: false; problems: Problem[] } {
  const no = (p: Problem) => ({ trusted: false as const, problems: [p] });
  const sig = doc.signature;
  if (!sig || typeof sig.value !== 'string' || sig.value === '')
    return no(problem('trust.signature_missing', {}, ['signature']));
  if (sig.alg !== SIGNATURE_ALG)
    return no(problem('trust.alg_unsupported', { alg: String(sig.alg) }, ['signature', 'alg']));
  if (!sig.keyId) return no(problem('trust.key_id_missing', {}, ['signature', 'keyId']));
  if (keys.length === 0) return no(problem('trust.store_empty'));
  const key = keys.find((k) => k.keyId === sig.keyId);
  if (!key) return no(problem('trust.key_unknown', { keyId: sig.keyId }, ['signature', 'keyId']));
  if (key.revoked !== undefined && opts.date >= key.revoked)
    return no(problem('trust.key_revoked', { keyId: key.keyId, revoked: key.revoked }, ['signature', 'keyId']));
  if ((key.notBefore && opts.date < key.notBefore) || (key.notAfter && opts.date > key.notAfter))
    return no(
      problem('trust.key_not_valid_now', {
        keyId: key.keyId,
        notBefore: key.notBefore ?? '-',
        notAfter: key.notAfter ?? '-',
        date: opts.date,
      }),
    );
  if (key.issuer !== doc.issuer?.id)
    return no(
      problem('trust.issuer_mismatch', { keyId: key.keyId, keyIssuer: key.issuer, issuer: String(doc.issuer?.id) }, [
        'issuer',
        'id',
      ]),
    );
  if (key.kinds && !key.kinds.includes(doc.kind))
    return no(problem('trust.kind_not_allowed', { keyId: key.keyId, kind: doc.kind }, ['kind']));
  const sigBytes = fromBase64Url(sig.value);
  const pub = fromBase64Url(key.publicKey);
  if (!sigBytes || sigBytes.length !== 64) return no(problem('trust.signature_malformed', {}, ['signature', 'value']));
  if (!pub || pub.length !== 32) return no(problem('trust.signature_malformed', {}, ['signature', 'keyId']));
  let good = false;
  try {
    good = crypto.verify(pub, signingBytes(doc), sigBytes);
  } catch {
    good = false;
  }
  if (!good) return no(problem('trust.signature_invalid', {}, ['signature', 'value']));
  if (opts.checkValidity !== false) {
    if (doc.expires && opts.date > doc.expires)
      return no(problem('trust.document_expired', { expires: doc.expires, date: opts.date }, ['expires']));
    if (doc.effective && opts.date < doc.effective)
      return no(
        problem('trust.document_not_yet_effective', { effective: doc.effective, date: opts.date }, ['effective']),
      );
  }
  return { trusted: true, key };
}
