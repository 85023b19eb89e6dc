/**
 * @module adapters/lists/trust-store
 * The trust store: issuer public keys DataPass accepts. Two files are read:
 * `<package>/lists/trust.json` (keys of the issuers of the shipped lists) unless `DATAPASS_NO_SHIPPED_TRUST=1`,
 * and `<dataDir>/trust.json` (keys the user added with `datapass keys trust`).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrustedKey } from '../../core/lists/trust.js';
import { DataPassError, problem } from '../../core/problems.js';
import { ensureDataDir, shippedListsDir } from '../paths.js';

interface TrustFile {
  keys: TrustedKey[];
}

function readTrustFile(file: string): TrustedKey[] {
  if (!existsSync(file)) return [];
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as TrustFile;
    if (!Array.isArray(json.keys)) throw new Error('no `keys` array');
    return json.keys;
  } catch (err) {
    throw new DataPassError(
      problem('input.json_syntax', { reason: (err as Error).message }, [], { location: { file } }),
    );
  }
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
  writeFileSync(tmp, `${JSON.stringify({ keys }, null, 2)}\n`);
  renameSync(tmp, file);
}
