/**
 * Issue 2: trust-store entries were not checked. `{"keys":[null]}` crashed every command (exit 3); a
 * public key file with `"kinds": "x"` was accepted by `keys trust` and then crashed `keys list`;
 * a `trust.json` directory was reported as a JSON syntax error.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

describe('issue 2: trust store entries are validated', () => {
  it('a null entry names trust.json and the entry', async () => {
    const data = tempDir();
    writeFileSync(join(data, 'trust.json'), '{"keys":[null]}');
    for (const args of [['keys', 'list'], ['lists']]) {
      const r = await runCli(['--data-dir', data, ...args]);
      expectCleanFailure(r, 2);
      expect(r.stderr).toContain('trust.json');
      expect(r.stderr).toContain('keys[0]');
    }
  });

  it('a bad public key file is refused and the trust store is left as it was', async () => {
    const data = tempDir();
    const gen = await runCli(['--data-dir', data, 'keys', 'generate', '--id', 'k1', '--issuer', 'acme', '--trust']);
    expect(gen.code).toBe(0);
    const before = readFileSync(join(data, 'trust.json'), 'utf8');
    const pub = JSON.parse(readFileSync(join(data, 'keys', 'k1.pub'), 'utf8')) as Record<string, unknown>;
    const bad = join(data, 'bad.pub');
    writeFileSync(bad, JSON.stringify({ ...pub, keyId: 'k2', kinds: 'GeneralDataList' }));
    const r = await runCli(['--data-dir', data, 'keys', 'trust', bad]);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain('kinds');
    expect(readFileSync(join(data, 'trust.json'), 'utf8')).toBe(before);
    expect((await runCli(['--data-dir', data, 'keys', 'list'])).code).toBe(0);
  });

  it('a directory named trust.json is unreadable, not a syntax error', async () => {
    const data = tempDir();
    mkdirSync(join(data, 'trust.json'));
    const r = await runCli(['--data-dir', data, 'keys', 'list']);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain('trust.json');
    expect(r.stderr).toContain('is a directory');
  });
});
