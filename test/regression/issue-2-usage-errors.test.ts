/**
 * Issue 2: commander's own errors came out as `error: unknown option '--bogus'` (no `datapass:` prefix,
 * English whatever `--lang` said), and a command group without its subcommand exited 0.
 */
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../src/core/messages/index.js';
import { zh } from '../../src/core/messages/zh.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

describe('issue 2: usage errors are DataPass problems', () => {
  it('an unknown option', async () => {
    const r = await runCli(['--data-dir', tempDir(), 'lists', '--bogus']);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain('unknown option `--bogus`');
  });

  it('an unknown option in Chinese, with the suggestion', async () => {
    const r = await runCli(['--data-dir', tempDir(), '--lang', 'zh', 'lists', '--jsn']);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain(renderTemplate(zh['usage.unknown_option'], { option: '--jsn' }));
    expect(r.stderr).toContain('--json');
  });

  it('a missing argument, too many arguments, an unknown command, a missing required option', async () => {
    const data = tempDir();
    const missing = await runCli(['--data-dir', data, 'lists', 'show']);
    expectCleanFailure(missing, 2);
    expect(missing.stderr).toContain('<ref>');
    const extra = await runCli(['--data-dir', data, 'lists', 'show', 'a', 'b']);
    expectCleanFailure(extra, 2);
    expect(extra.stderr).toContain('too many arguments');
    const unknown = await runCli(['--data-dir', data, 'bogus']);
    expectCleanFailure(unknown, 2);
    expect(unknown.stderr).toContain('unknown command `bogus`');
    const required = await runCli(['--data-dir', data, 'keys', 'generate']);
    expectCleanFailure(required, 2);
    expect(required.stderr).toContain('--id');
  });

  it('a command group without a subcommand shows help and exits 2; --help exits 0', async () => {
    const r = await runCli(['--data-dir', tempDir(), 'keys']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: datapass keys');
    const help = await runCli(['keys', '--help']);
    expect(help.code).toBe(0);
  });
});
