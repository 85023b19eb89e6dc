/** Issue 4: `--rules` naming a missing folder or a file said `no rules file in force`, hiding the typo. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

const PROFILE = join(ROOT, 'test/fixtures/assess/profiles/exempt.json');

describe('issue 4: --rules folder', () => {
  it('missing', async () => {
    const dir = join(tempDir(), 'nope');
    const r = await runCli(['--data-dir', tempDir(), 'assess', PROFILE, '--rules', dir]);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain(`${dir}: file not found`);
  });

  it('a file', async () => {
    const r = await runCli(['--data-dir', tempDir(), 'assess', PROFILE, '--rules', PROFILE]);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain(`${PROFILE}: cannot read file: not a directory`);
  });
});
