/** Issue 4: a profile `scenario` with bad list-reference syntax (`a@@b`) was silently ignored (exit 0). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

describe('issue 4: scenario must be a list reference', () => {
  it('a@@b is list.invalid_ref at `scenario` with the line', async () => {
    const p = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/assess/profiles/exempt.json'), 'utf8'));
    const f = join(tempDir(), 'profile.json');
    writeFileSync(f, JSON.stringify({ ...p, scenario: 'a@@b' }, null, 2));
    const r = await runCli(['--data-dir', tempDir(), 'assess', f]);
    expectCleanFailure(r, 2);
    expect(r.stderr).toMatch(
      new RegExp(`${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: scenario: invalid list reference \`a@@b\``),
    );
  });
});
