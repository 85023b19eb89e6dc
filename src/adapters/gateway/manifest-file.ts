/**
 * @module adapters/gateway/manifest-file
 * Loads an export manifest from YAML, decides whether it may be used today (fail closed), and signs one.
 * Decision order: schema → revocation list → signature (when required, or whenever one is present) → validity window.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { type ExportManifest, parseManifest, signatureRequired } from '../../core/enforce/manifest.js';
import { signDocument, type TrustedKey, verifyDocument } from '../../core/lists/trust.js';
import { shanghaiDate } from '../../core/ports.js';
import { DataPassError, type Problem, problem } from '../../core/problems.js';
import { isCalendarDate } from '../../core/zod-problems.js';
import { ed25519 } from '../crypto/ed25519.js';
import type { SigningKey } from '../crypto/key-files.js';
import { readTextDocument } from '../fs/read.js';
import { loadYamlFile } from '../yaml/load.js';

export type { ExportManifest };

/** Reads and validates a manifest file; throws a located DataPassError. */
export function loadManifestFile(file: string): ExportManifest {
  const y = loadYamlFile(file);
  const r = parseManifest(y.value);
  if (!r.ok) throw new DataPassError(y.locate(r.problems));
  return r.value;
}

interface RevokedEntry {
  id: string;
  version?: string;
  revoked: string;
  reason?: string;
}

/** `<dataDir>/revoked-manifests.json`: `{ "manifests": [{ "id", "version"?, "revoked": "YYYY-MM-DD", "reason"? }] }`. */
export function revokedManifestsFile(dataDir: string): string {
  return join(dataDir, 'revoked-manifests.json');
}

/**
 * The revocation list. Each entry needs a manifest `id` and a `revoked` date (`YYYY-MM-DD`, or an ISO date-time,
 * of which the date counts); an entry with anything else (`2026-9-1`, `20260901`, no date) makes the whole list
 * unreadable, which fails closed: a date compared as text could put a revocation in the future and let the
 * manifest through.
 */
export function loadRevokedManifests(dataDir: string): RevokedEntry[] {
  const file = revokedManifestsFile(dataDir);
  if (!existsSync(file)) return [];
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { manifests?: unknown };
    if (!Array.isArray(json.manifests)) throw new Error('no `manifests` array');
    return json.manifests.map((e: unknown, i: number): RevokedEntry => {
      const r = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
      if (typeof r.id !== 'string' || r.id === '') throw new Error(`manifests[${i}]: \`id\` must be a manifest id`);
      if (r.version !== undefined && typeof r.version !== 'string')
        throw new Error(`manifests[${i}]: \`version\` must be a string`);
      const day = typeof r.revoked === 'string' ? revocationDay(r.revoked) : undefined;
      if (day === undefined)
        throw new Error(
          `manifests[${i}]: \`revoked\` must be a date YYYY-MM-DD (or an ISO date-time), not ${JSON.stringify(r.revoked ?? null)}`,
        );
      return {
        id: r.id,
        ...(r.version !== undefined ? { version: r.version as string } : {}),
        revoked: day,
        ...(typeof r.reason === 'string' ? { reason: r.reason } : {}),
      };
    });
  } catch (err) {
    // INVARIANT: an unreadable revocation list fails closed.
    throw new DataPassError(
      problem('input.json_syntax', { reason: (err as Error).message }, [], { location: { file } }),
    );
  }
}

/**
 * The calendar date a revocation takes effect: `YYYY-MM-DD` as written, or the Asia/Shanghai date of an ISO
 * date-time with its offset (the date `apply` compares with); undefined for anything else.
 */
function revocationDay(s: string): string | undefined {
  if (isCalendarDate(s)) return s;
  const m = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  const t = m && isCalendarDate(m[1] as string) ? Date.parse(s) : Number.NaN;
  return Number.isNaN(t) ? undefined : shanghaiDate(new Date(t));
}

export interface ManifestTrustOptions {
  keys: readonly TrustedKey[];
  date: string;
  revoked: readonly RevokedEntry[];
  /** Demand a signature even for a self-issued manifest (`--require-signature`). */
  requireSignature?: boolean;
}

/** Every reason the manifest may not be used on `date` (empty = usable). */
export function manifestTrustProblems(m: ExportManifest, opts: ManifestTrustOptions): Problem[] {
  const rev = opts.revoked.find(
    (r) => r.id === m.id && (r.version === undefined || r.version === m.version) && opts.date >= r.revoked,
  );
  if (rev) return [problem('gateway.manifest_revoked', { id: m.id, version: m.version, revoked: rev.revoked })];
  if (signatureRequired(m, opts.requireSignature) || m.signature !== undefined) {
    // A signature that is present is always checked: a bad one never passes, required or not.
    const v = verifyDocument(m, opts.keys, ed25519, { date: opts.date });
    return v.trusted ? [] : v.problems;
  }
  if (opts.date > m.expires)
    return [problem('trust.document_expired', { expires: m.expires, date: opts.date }, ['expires'])];
  if (opts.date < m.effective)
    return [problem('trust.document_not_yet_effective', { effective: m.effective, date: opts.date }, ['effective'])];
  return [];
}

/**
 * Signs a manifest file in place (or into `out`), keeping its comments: the signature covers the validated
 * manifest (defaults filled in), which is also what `apply` verifies.
 */
export function signManifestFile(file: string, key: SigningKey, signedAt: string, out = file): ExportManifest {
  const m = loadManifestFile(file);
  if (key.issuer !== m.issuer.id)
    throw new DataPassError(
      problem('trust.issuer_mismatch', { keyId: key.keyId, keyIssuer: key.issuer, issuer: m.issuer.id }, [
        'issuer',
        'id',
      ]),
    );
  const { signature: _old, ...unsigned } = m;
  const signed = signDocument(
    unsigned as ExportManifest,
    { keyId: key.keyId, privateKey: key.privateKey },
    ed25519,
    signedAt,
  );
  const doc = parseDocument(readTextDocument(file));
  if (!isMap(doc.contents))
    throw new DataPassError(problem('schema.invalid_type', { expected: 'object', received: 'other' }));
  doc.set('signature', doc.createNode(signed.signature));
  // The defaults the signature covers are written out, so the file says exactly what was signed.
  if (!doc.has('suppress')) doc.set('suppress', doc.createNode([]));
  const tmp = `${out}.tmp-${process.pid}`;
  writeFileSync(tmp, doc.toString({ lineWidth: 0 }));
  renameSync(tmp, out);
  return signed;
}
