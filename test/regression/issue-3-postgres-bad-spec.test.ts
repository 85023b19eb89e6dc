/** Issue 3: a malformed PostgreSQL URL or %-escape was an internal error (`Invalid URL`, `URI malformed`). */
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

describe('issue 3: bad postgres:// specs', () => {
  it('an unparsable URL, without echoing the password', async () => {
    const r = await runCli(['--data-dir', tempDir(), 'scan', 'postgres://u:s3cret@[bad/x#t']);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain('invalid source');
    expect(r.stderr).not.toContain('s3cret');
  });

  it('a bad %-escape in the table name', async () => {
    const r = await runCli(['--data-dir', tempDir(), 'scan', 'postgres://u@localhost/x#%zz']);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain('invalid source');
  });
});
