/** Issue 2: a file where the data directory should be was an internal error (exit 3, `EEXIST: … mkdir`). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

describe('issue 2: data directory blocked by a file', () => {
  it.each([
    // `lists` only reads too (the catalogue creates its database at the first import).
    [['lists'], 'a file, not a data directory'],
    [['keys', 'generate', '--id', 'k1', '--issuer', 'acme', '--trust'], 'cannot write'],
    // `ledger show` only reads, so it writes nothing and says what the path is.
    [['ledger', 'show'], 'a file, not a data directory'],
    [['demo', 'run', '--rows', '5'], 'cannot write'],
  ])('%j exits 2 naming the path', async (args, message) => {
    const file = join(tempDir(), 'not-a-dir');
    writeFileSync(file, 'x');
    const r = await runCli(['--data-dir', file, ...args]);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain(message);
  });
});
