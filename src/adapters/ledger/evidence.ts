/**
 * @module adapters/ledger/evidence
 * Encrypted copies of batch outputs for spot-checks: AES-256-GCM with the exporter's key, a random 96-bit
 * nonce, and the batch id and recorded SHA-256 as associated data (a copy cannot be passed off as another
 * batch's). File layout: `DPEV` ‖ 0x01 ‖ nonce (12) ‖ tag (16) ‖ ciphertext.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataPassError, problem } from '../../core/problems.js';

const MAGIC = Buffer.from('DPEV\x01', 'latin1');

export function evidencePath(dataDir: string, batchId: string): string {
  return join(dataDir, 'evidence', `${batchId.replace(/[^A-Za-z0-9_-]/g, '_')}.dpe`);
}

function aad(batchId: string, sha256: string): Buffer {
  return Buffer.from(`datapass-evidence-v1\n${batchId}\n${sha256}`, 'utf8');
}

/** Encrypts `bytes` and writes them durably (temp file, fsync, rename). Returns the file path. */
export function writeEvidence(file: string, batchId: string, sha256: string, key: Buffer, bytes: Uint8Array): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad(batchId, sha256));
  const ct = Buffer.concat([cipher.update(bytes), cipher.final()]);
  const tag = cipher.getAuthTag();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    for (const part of [MAGIC, nonce, tag, ct]) writeSync(fd, part);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  return file;
}

/** Decrypts an evidence file; throws `ledger.evidence_unreadable` when it is corrupt or the key is wrong. */
export function decryptEvidence(file: string, batchId: string, sha256: string, key: Buffer): Buffer {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch {
    throw new DataPassError(problem('ledger.evidence_not_found', { id: batchId }));
  }
  const fail = (reason: string): never => {
    throw new DataPassError(problem('ledger.evidence_unreadable', { id: batchId, reason }));
  };
  if (raw.length < MAGIC.length + 28 || !raw.subarray(0, MAGIC.length).equals(MAGIC))
    fail('not a DataPass evidence file');
  const nonce = raw.subarray(MAGIC.length, MAGIC.length + 12);
  const tag = raw.subarray(MAGIC.length + 12, MAGIC.length + 28);
  const ct = raw.subarray(MAGIC.length + 28);
  try {
    const d = createDecipheriv('aes-256-gcm', key, nonce);
    d.setAAD(aad(batchId, sha256));
    d.setAuthTag(tag);
    return Buffer.concat([d.update(ct), d.final()]);
  } catch {
    return fail('authentication failed (wrong key, or the file was altered)');
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
