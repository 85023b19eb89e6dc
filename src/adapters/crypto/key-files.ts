/**
 * @module adapters/crypto/key-files
 * DataPass key files: small JSON documents. A private key file holds the 32-byte Ed25519 seed and
 * is written with mode 0600; a public key file is what issuers hand out for trust stores.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { fromBase64Url, toBase64Url } from '../../core/bytes.js';
import type { TrustedKey } from '../../core/lists/trust.js';
import { DataPassError, problem } from '../../core/problems.js';
import { readTextDocument } from '../fs/read.js';
import { parseTrustedKey } from '../lists/trust-store.js';
import { fsReason } from '../paths.js';
import { generateEd25519, publicKeyOf } from './ed25519.js';
import { checkKeyFile, KEY_FILE_LIMIT } from './read-key-file.js';

export interface PrivateKeyFile {
  type: 'datapass-ed25519-private-key';
  keyId: string;
  issuer: string;
  privateKey: string;
  publicKey: string;
  created: string;
}

export interface PublicKeyFile extends TrustedKey {
  type: 'datapass-ed25519-public-key';
}

export interface SigningKey {
  keyId: string;
  issuer: string;
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

function bad(file: string, reason: string): never {
  throw new DataPassError(problem('keys.invalid_key_file', { reason }, [], { location: { file } }));
}

/** Reads a key file as a JSON object (not null, not an array). */
function readKeyJson(file: string): Record<string, unknown> {
  checkKeyFile(file);
  let json: unknown;
  try {
    json = JSON.parse(readTextDocument(file, KEY_FILE_LIMIT));
  } catch (err) {
    if (err instanceof DataPassError) throw err;
    bad(file, 'not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) bad(file, 'not a JSON object');
  return json as Record<string, unknown>;
}

/** Loads a private key file written by `datapass keys generate`. */
export function loadSigningKey(file: string): SigningKey {
  const json = readKeyJson(file) as Partial<PrivateKeyFile>;
  if (json.type !== 'datapass-ed25519-private-key') bad(file, 'expected type `datapass-ed25519-private-key`');
  if (typeof json.keyId !== 'string' || typeof json.issuer !== 'string' || !json.keyId || !json.issuer)
    bad(file, 'missing keyId or issuer');
  const priv = fromBase64Url(typeof json.privateKey === 'string' ? json.privateKey : '');
  if (!priv || priv.length !== 32) bad(file, 'privateKey is not a 32-byte base64url seed');
  const pub = publicKeyOf(priv);
  if (json.publicKey && toBase64Url(pub) !== json.publicKey) bad(file, 'publicKey does not match privateKey');
  return { keyId: json.keyId, issuer: json.issuer, privateKey: priv, publicKey: pub };
}

/** Loads a public key file (or a private one, taking its public half) as a trust-store entry. */
export function loadPublicKey(file: string): TrustedKey {
  const json = readKeyJson(file);
  if (json.type === 'datapass-ed25519-private-key') {
    const k = loadSigningKey(file);
    return { keyId: k.keyId, issuer: k.issuer, publicKey: toBase64Url(k.publicKey) };
  }
  if (json.type !== 'datapass-ed25519-public-key') bad(file, 'expected type `datapass-ed25519-public-key`');
  const pub = fromBase64Url(String(json.publicKey ?? ''));
  if (!pub || pub.length !== 32) bad(file, 'publicKey is not a 32-byte base64url key');
  if (typeof json.keyId !== 'string' || typeof json.issuer !== 'string') bad(file, 'missing keyId or issuer');
  const { type: _type, ...rest } = json;
  return parseTrustedKey(rest, file);
}

/** Generates a key pair and writes `<base>.key` (0600) and `<base>.pub`. Refuses to overwrite. */
export function writeNewKeyPair(
  base: string,
  keyId: string,
  issuer: string,
  now: Date,
): { keyFile: string; pubFile: string } {
  const keyFile = `${base}.key`;
  const pubFile = `${base}.pub`;
  for (const f of [keyFile, pubFile])
    if (existsSync(f)) throw new DataPassError(problem('keys.exists', {}, [], { location: { file: f } }));
  const { privateKey, publicKey } = generateEd25519();
  const priv: PrivateKeyFile = {
    type: 'datapass-ed25519-private-key',
    keyId,
    issuer,
    privateKey: toBase64Url(privateKey),
    publicKey: toBase64Url(publicKey),
    created: now.toISOString(),
  };
  const pub: PublicKeyFile = { type: 'datapass-ed25519-public-key', keyId, issuer, publicKey: toBase64Url(publicKey) };
  // Both files or neither: a private key without its public half (or the reverse) is not left behind.
  const written: string[] = [];
  try {
    writeFileSync(keyFile, `${JSON.stringify(priv, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    written.push(keyFile);
    writeFileSync(pubFile, `${JSON.stringify(pub, null, 2)}\n`, { flag: 'wx' });
    written.push(pubFile);
  } catch (err) {
    for (const f of written) rmSync(f, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    const target = written.includes(keyFile) ? pubFile : keyFile;
    if (code === 'EEXIST') throw new DataPassError(problem('keys.exists', {}, [], { location: { file: target } }));
    throw new DataPassError(problem('output.write_failed', { target, reason: fsReason(err) }), { cause: err });
  }
  return { keyFile, pubFile };
}
