import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ed25519, generateEd25519 } from '../../adapters/crypto/ed25519.js';
import { toBase64Url } from '../bytes.js';
import type { GeneralDataList } from './schema.js';
import { signDocument, type TrustedKey, verifyDocument } from './trust.js';

const pair = generateEd25519();
const other = generateEd25519();
const KEY = { keyId: 'k1', privateKey: pair.privateKey };
const TRUSTED: TrustedKey = { keyId: 'k1', issuer: 'issuer-a', publicKey: toBase64Url(pair.publicKey) };

const base = {
  kind: 'GeneralDataList',
  schemaVersion: 1,
  id: 'x.list',
  version: '1.0.0',
  title: { zh: '清单', en: 'List' },
  issuer: { id: 'issuer-a', name: { zh: '甲', en: 'A' } },
  domain: 'd',
  zone: 'lingang',
  scenario: { id: 's', zh: '场景', en: 'S' },
  effective: '2024-01-01',
  expires: '2025-12-31',
  illustrative: true,
  sources: [],
  categories: [
    {
      id: 'c',
      zh: '类',
      en: 'C',
      fields: [{ id: 'f', zh: '字段', en: 'F', infoTypes: [], piClass: 'none', aliases: [], conditions: [] }],
    },
  ],
} as unknown as GeneralDataList;

const at = { date: '2024-06-01' };
const codes = (r: ReturnType<typeof verifyDocument>) => (r.trusted ? [] : r.problems.map((p) => p.code));

describe('verifyDocument fails closed', () => {
  const signed = signDocument(base, KEY, ed25519);

  it('accepts a correctly signed document with a trusted key', () => {
    expect(verifyDocument(signed, [TRUSTED], ed25519, at).trusted).toBe(true);
  });
  it('rejects an unsigned document', () => {
    expect(codes(verifyDocument(base, [TRUSTED], ed25519, at))).toEqual(['trust.signature_missing']);
  });
  it('rejects a document whose signature was stripped, even with an empty trust store (the OPA case)', () => {
    const { signature: _s, ...stripped } = signed;
    expect(codes(verifyDocument(stripped as typeof signed, [], ed25519, at))).toEqual(['trust.signature_missing']);
  });
  it('rejects a signature that names no key id, even when only one key is trusted', () => {
    const noKid = structuredClone(signed);
    delete (noKid.signature as { keyId?: string }).keyId;
    expect(codes(verifyDocument(noKid, [TRUSTED], ed25519, at))).toEqual(['trust.key_id_missing']);
  });
  it('rejects everything when the trust store is empty', () => {
    expect(codes(verifyDocument(signed, [], ed25519, at))).toEqual(['trust.store_empty']);
  });
  it('rejects an unknown key id', () => {
    const s2 = signDocument(base, { keyId: 'k9', privateKey: pair.privateKey }, ed25519);
    expect(codes(verifyDocument(s2, [TRUSTED], ed25519, at))).toEqual(['trust.key_unknown']);
  });
  it('rejects altered content', () => {
    const altered = structuredClone(signed);
    altered.version = '1.0.1';
    expect(codes(verifyDocument(altered, [TRUSTED], ed25519, at))).toEqual(['trust.signature_invalid']);
  });
  it('rejects a signature by another key under a trusted key id', () => {
    const forged = signDocument(base, { keyId: 'k1', privateKey: other.privateKey }, ed25519);
    expect(codes(verifyDocument(forged, [TRUSTED], ed25519, at))).toEqual(['trust.signature_invalid']);
  });
  it('rejects an expired document', () => {
    expect(codes(verifyDocument(signed, [TRUSTED], ed25519, { date: '2026-01-01' }))).toEqual([
      'trust.document_expired',
    ]);
  });
  it('rejects a document not yet in force', () => {
    expect(codes(verifyDocument(signed, [TRUSTED], ed25519, { date: '2023-12-31' }))).toEqual([
      'trust.document_not_yet_effective',
    ]);
  });
  it('rejects a key that signs for another issuer', () => {
    expect(codes(verifyDocument(signed, [{ ...TRUSTED, issuer: 'issuer-b' }], ed25519, at))).toEqual([
      'trust.issuer_mismatch',
    ]);
  });
  it('rejects a revoked key from the revocation date on', () => {
    expect(codes(verifyDocument(signed, [{ ...TRUSTED, revoked: '2024-06-01' }], ed25519, at))).toEqual([
      'trust.key_revoked',
    ]);
    expect(verifyDocument(signed, [{ ...TRUSTED, revoked: '2024-06-02' }], ed25519, at).trusted).toBe(true);
  });
  it('rejects a key used for a kind it may not sign', () => {
    expect(codes(verifyDocument(signed, [{ ...TRUSTED, kinds: ['NegativeList'] }], ed25519, at))).toEqual([
      'trust.kind_not_allowed',
    ]);
  });
  it('rejects another algorithm and a malformed value', () => {
    const alg = structuredClone(signed);
    (alg.signature as { alg: string }).alg = 'none';
    expect(codes(verifyDocument(alg, [TRUSTED], ed25519, at))).toEqual(['trust.alg_unsupported']);
    const mal = structuredClone(signed);
    (mal.signature as { value: string }).value = 'abc';
    expect(codes(verifyDocument(mal, [TRUSTED], ed25519, at))).toEqual(['trust.signature_malformed']);
  });
  it('covers the key id with the signature: swapping it breaks verification', () => {
    const swapped = structuredClone(signed);
    (swapped.signature as { keyId: string }).keyId = 'k2';
    const r = verifyDocument(swapped, [TRUSTED, { ...TRUSTED, keyId: 'k2' }], ed25519, at);
    expect(codes(r)).toEqual(['trust.signature_invalid']);
  });
});

describe('properties', () => {
  const text = fc.string({ minLength: 1, maxLength: 40 });
  test.prop([text, text, fc.constantFrom('none', 'personal', 'sensitive')])(
    'sign then verify round-trips for any content',
    (zh, en, pi) => {
      const doc = structuredClone(base) as unknown as Record<string, unknown>;
      const cats = doc.categories as Array<{ fields: Array<Record<string, unknown>> }>;
      Object.assign(cats[0]!.fields[0]!, { zh, en, piClass: pi });
      const signed = signDocument(doc as unknown as GeneralDataList, KEY, ed25519);
      expect(verifyDocument(signed, [TRUSTED], ed25519, at).trusted).toBe(true);
    },
  );

  const signedJson = JSON.stringify(signDocument(base, KEY, ed25519));
  test.prop([fc.nat({ max: signedJson.length - 1 }), fc.integer({ min: 1, max: 255 })])(
    'changing any one byte of the signed document makes it fail (or no longer parse)',
    (pos, delta) => {
      const bytes = Buffer.from(signedJson, 'utf8');
      const i = pos % bytes.length;
      bytes[i] = ((bytes[i] as number) + delta) % 256;
      let doc: unknown;
      try {
        doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
      } catch {
        return; // no longer a document at all: rejected before verification
      }
      // A change inside JSON whitespace-free text always changes the canonical form, or the key id/alg.
      if (JSON.stringify(doc) === signedJson) return;
      const r = verifyDocument(doc as GeneralDataList, [TRUSTED], ed25519, at);
      expect(r.trusted).toBe(false);
    },
  );
});
