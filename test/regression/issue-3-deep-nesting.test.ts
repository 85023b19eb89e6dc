/** Issue 3: an NDJSON line or JSON element nested 100 000 deep crashed the scanner (`Maximum call stack size exceeded`). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const DEPTH = 100_000;

describe('issue 3: hostile nesting', () => {
  it.each([
    ['deep.ndjson', `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n`],
    ['deep.json', `[{"a":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}]`],
  ])('%s scans', async (name, text) => {
    const f = join(tempDir(), name);
    writeFileSync(f, text);
    const r = await runCli(['--data-dir', tempDir(), 'scan', f, '--json']);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { rowsRead: number };
    expect(report.rowsRead).toBe(1);
  });
});
