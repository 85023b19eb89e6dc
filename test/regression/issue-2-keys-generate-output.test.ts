/** Issue 2: `keys generate --out` into a missing directory was an internal error (exit 3, ENOENT). */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

describe('issue 2: keys generate output', () => {
  it('a missing directory is output.write_failed', async () => {
    const dir = tempDir();
    const base = join(dir, 'missing', 'k');
    const r = await runCli(['--data-dir', dir, 'keys', 'generate', '--id', 'k', '--issuer', 'acme', '--out', base]);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain(`cannot write \`${base}.key\``);
  });

  it('an existing public half leaves no private half behind', async () => {
    const dir = tempDir();
    const base = join(dir, 'k');
    writeFileSync(`${base}.pub`, 'x');
    const r = await runCli(['--data-dir', dir, 'keys', 'generate', '--id', 'k', '--issuer', 'acme', '--out', base]);
    expectCleanFailure(r, 2);
    expect(existsSync(`${base}.key`)).toBe(false);
  });
});
