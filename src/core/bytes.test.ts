import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { fromBase64Url, textBytes, toBase64Url } from './bytes.js';

test.prop([fc.uint8Array({ maxLength: 100 })])('base64url round-trips and matches node', (bytes) => {
  const s = toBase64Url(bytes);
  expect(s).toBe(Buffer.from(bytes).toString('base64url'));
  expect(fromBase64Url(s)).toEqual(bytes);
});

test.prop([fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(), fc.integer({ min: 1, max: 63 })])(
  'a changed character never decodes to the same bytes',
  (bytes, pos, delta) => {
    const s = toBase64Url(bytes);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const i = pos % s.length;
    const c = alphabet[(alphabet.indexOf(s[i] as string) + delta) % 64] as string;
    const changed = s.slice(0, i) + c + s.slice(i + 1);
    const decoded = fromBase64Url(changed);
    if (decoded) expect(Buffer.from(decoded).equals(Buffer.from(bytes))).toBe(false);
  },
);

const utf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((u) => String.fromCharCode(...u));

test.prop([fc.string({ unit: 'grapheme', maxLength: 30 })])('textBytes is UTF-8 for well-formed text', (t) => {
  expect(Buffer.from(textBytes(t))).toEqual(Buffer.from(t, 'utf8'));
});

test.prop([utf16, utf16])('textBytes: distinct texts, distinct bytes (unpaired surrogates included)', (a, b) => {
  fc.pre(a !== b);
  expect(Buffer.from(textBytes(a)).equals(Buffer.from(textBytes(b)))).toBe(false);
});
