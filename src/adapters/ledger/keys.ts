/**
 * @module adapters/ledger/keys
 * The ledger's own keys under `<dataDir>/keys/`, generated on first use with mode 0600: the Ed25519 key that
 * signs tree heads (`ledger-signing.key`, PKCS#8 PEM) and the domestic HMAC key for subject hashes
 * (`subject-hmac.key`, 32 bytes as hex). Creation is atomic (write a temp file, then hard-link it into
 * place), so two gateways starting together end up with the same key.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { chmodSync, existsSync, linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HeadSigner, SignatureCheck } from '../../core/ledger/types.js';
import { DataPassError, problem } from '../../core/problems.js';
import { readKeyFileBytes } from '../crypto/read-key-file.js';
import { ensureDir } from '../paths.js';

export const SIGNING_KEY_FILE = 'ledger-signing.key';
export const HMAC_KEY_FILE = 'subject-hmac.key';

function keyError(file: string, reason: string): DataPassError {
  return new DataPassError(problem('ledger.key_invalid', { file, reason }));
}

/** Creates `file` with `content` unless it exists; never overwrites, never exposes a half-written file. */
function createOnce(file: string, content: string): void {
  if (existsSync(file)) return;
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(tmp);
  }
}

/** Parses a 32-byte key written as raw bytes, 64 hex digits or base64. */
export function parseKey32(file: string, raw: Buffer): Buffer {
  if (raw.length === 32) return raw;
  const text = raw.toString('utf8').trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const b = Buffer.from(text, 'base64');
    if (b.length === 32) return b;
  }
  throw keyError(file, 'expected 32 bytes (raw, 64 hex digits or base64)');
}

/**
 * Reads a 32-byte key file (evidence keys, HMAC key). A missing file, a directory or an unreadable file is
 * `keys.key_file_unreadable` naming the file.
 */
export function readKey32(file: string): Buffer {
  return parseKey32(file, readKeyFileBytes(file));
}

export interface LedgerKeys {
  signer: HeadSigner;
  hmacKey: Buffer;
}

/**
 * Loads the ledger keys, generating them on first use; with `create: false` (read-only commands) a missing
 * key is `ledger.key_invalid` and nothing is written.
 */
export function loadLedgerKeys(dataDir: string, opts: { create?: boolean } = {}): LedgerKeys {
  const dir = join(dataDir, 'keys');
  const signingFile = join(dir, SIGNING_KEY_FILE);
  const hmacFile = join(dir, HMAC_KEY_FILE);
  if (opts.create === false) {
    for (const f of [signingFile, hmacFile])
      if (!existsSync(f)) throw keyError(f, 'missing (the ledger exists but its keys were moved or deleted)');
    return readLedgerKeys(signingFile, hmacFile);
  }
  ensureDir(dir, 0o700);
  if (!existsSync(signingFile)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    createOnce(signingFile, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  }
  if (!existsSync(hmacFile)) createOnce(hmacFile, `${randomBytes(32).toString('hex')}\n`);
  for (const f of [signingFile, hmacFile]) {
    try {
      chmodSync(f, 0o600);
    } catch {
      // best effort (read-only media)
    }
  }
  return readLedgerKeys(signingFile, hmacFile);
}

function readLedgerKeys(signingFile: string, hmacFile: string): LedgerKeys {
  let priv: KeyObject;
  try {
    priv = createPrivateKey(readFileSync(signingFile));
  } catch (err) {
    throw keyError(signingFile, (err as Error).message);
  }
  if (priv.asymmetricKeyType !== 'ed25519') throw keyError(signingFile, 'not an Ed25519 private key');
  return { signer: ed25519Signer(priv), hmacKey: readKey32(hmacFile) };
}

/** Raw 32-byte public key of an Ed25519 key object. */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = createPublicKey(key).export({ format: 'jwk' }) as { x: string };
  return Buffer.from(jwk.x, 'base64url');
}

export function ed25519Signer(priv: KeyObject): HeadSigner {
  return { publicKey: rawPublicKey(priv), sign: (m) => sign(null, m, priv) };
}

/** The last public key object made (verify checks every head against the same key). */
let lastKey: { x: string; key: ReturnType<typeof createPublicKey> } | undefined;

/** Ed25519 verification with a raw 32-byte public key. */
export const checkEd25519: SignatureCheck = (message, signature, publicKey) => {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  const x = Buffer.from(publicKey).toString('base64url');
  if (lastKey?.x !== x)
    lastKey = { x, key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' }) };
  return verify(null, message, lastKey.key, signature);
};
