/** Issue 4: bounds read `too big: Too big: expected int to be <=…` (zod's wording repeated after ours). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

describe('issue 4: schema bound messages', () => {
  it.each([
    [1e300, 'too big: expected'],
    [-5, 'too small: expected'],
  ])('personalSubjectsYtd %s', async (value, text) => {
    const p = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/assess/profiles/exempt.json'), 'utf8'));
    p.data.personalSubjectsYtd = value;
    const f = join(tempDir(), 'profile.json');
    writeFileSync(f, JSON.stringify(p));
    const r = await runCli(['--data-dir', tempDir(), 'assess', f]);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain(`data.personalSubjectsYtd: ${text}`);
    expect(r.stderr).not.toMatch(/Too (big|small)/);
  });
});
