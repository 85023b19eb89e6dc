/**
 * @module adapters/lists/trust-store
 * The trust store: issuer public keys DataPass accepts. Two files are read:
 * `<package>/lists/trust.json` (keys of the issuers of the shipped lists) unless `DATAPASS_NO_SHIPPED_TRUST=1`,
 * and `<dataDir>/trust.json` (keys the user added with `datapass keys trust`).
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { TrustedKey } from '../../core/lists/trust.js';
import { DataPassError, type Location, problem } from '../../core/problems.js';
import { isCalendarDate, zodProblems } from '../../core/zod-problems.js';
import { readTextDocument } from '../fs/read.js';
import { ensureDataDir, fsReason, shippedListsDir } from '../paths.js';

/** Document kinds a key may be limited to (`kinds`). */
export const SIGNABLE_KINDS = ['GeneralDataList', 'NegativeList', 'ExportManifest'] as const;

const CalendarDate = z.string().refine(isCalendarDate, { message: 'expected a date YYYY-MM-DD' });

/** One trust-store entry as stored (unknown keys are dropped, so a `__proto__` key never comes along). */
export const TrustedKeySchema = z.object({
  keyId: z.string().min(1),
  issuer: z.string().min(1),
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}=?$/, 'expected a 32-byte base64url Ed25519 public key'),
  kinds: z.array(z.enum(SIGNABLE_KINDS)).optional(),
  notBefore: CalendarDate.optional(),
  notAfter: CalendarDate.optional(),
  revoked: CalendarDate.optional(),
  note: z.string().optional(),
});

const TrustFileSchema = z.object({ keys: z.array(TrustedKeySchema) });

/** Checks a trust-store entry (from a trust file or a public key file); problems name `file`. */
export function parseTrustedKey(value: unknown, file: string, path: (string | number)[] = []): TrustedKey {
  const r = TrustedKeySchema.safeParse(value);
  if (!r.success) throw new DataPassError(located(zodProblems(r.error, value), file, path));
  return dropUndefined(r.data);
}

function located<T extends { path: (string | number)[]; location?: Location }>(
  ps: T[],
  file: string,
  prefix: (string | number)[],
): T[] {
  return ps.map((p) => ({ ...p, path: [...prefix, ...p.path], location: { file } }));
}

function dropUndefined(k: z.infer<typeof TrustedKeySchema>): TrustedKey {
  return Object.fromEntries(Object.entries(k).filter(([, v]) => v !== undefined)) as unknown as TrustedKey;
}

interface TrustFile {
  keys: TrustedKey[];
}

function readTrustFile(file: string): TrustedKey[] {
  if (!existsSync(file)) return [];
  const text = readTextDocument(file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DataPassError(
      problem('input.json_syntax', { reason: (err as Error).message }, [], { location: { file } }),
    );
  }
  const r = TrustFileSchema.safeParse(json);
  if (!r.success) throw new DataPassError(located(zodProblems(r.error, json), file, []));
  return r.data.keys.map(dropUndefined);
}

export function userTrustFile(dataDir: string): string {
  return join(dataDir, 'trust.json');
}

export function loadTrustStore(dataDir: string): TrustedKey[] {
  const shipped =
    process.env.DATAPASS_NO_SHIPPED_TRUST === '1' ? [] : readTrustFile(join(shippedListsDir(), 'trust.json'));
  const user = readTrustFile(userTrustFile(dataDir));
  // A user entry with the same key id replaces the shipped one (e.g. to revoke it).
  const byId = new Map<string, TrustedKey>();
  for (const k of [...shipped, ...user]) byId.set(k.keyId, k);
  return [...byId.values()];
}

/** Adds or replaces a key in the user's trust store (atomic write). */
export function addTrustedKey(dataDir: string, key: TrustedKey): void {
  ensureDataDir(dataDir);
  const file = userTrustFile(dataDir);
  const keys = readTrustFile(file).filter((k) => k.keyId !== key.keyId);
  keys.push(key);
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, `${JSON.stringify({ keys } satisfies TrustFile, null, 2)}\n`);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new DataPassError(problem('output.write_failed', { target: file, reason: fsReason(err) }), { cause: err });
  }
}
