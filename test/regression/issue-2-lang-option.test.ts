/**
 * Issue 2: `--lang` was read by scanning argv for the word `zh`, so `--lang=zh` printed English, a list
 * called `zh` printed Chinese, and `--lang fr` was silently English.
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../src/core/messages/en.js';
import { renderTemplate } from '../../src/core/messages/index.js';
import { zh } from '../../src/core/messages/zh.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

describe('issue 2: --lang decides the language of problems', () => {
  it('--lang zh before the command prints Chinese', async () => {
    const r = await runCli(['--data-dir', tempDir(), '--lang', 'zh', 'lists', 'show', 'nope']);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain(renderTemplate(zh['list.not_found'], { id: 'nope' }));
  });

  it('--lang=zh prints Chinese too', async () => {
    const r = await runCli(['--data-dir', tempDir(), '--lang=zh', 'lists', 'show', 'nope']);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain(renderTemplate(zh['list.not_found'], { id: 'nope' }));
  });

  it('an argument that happens to be `zh` does not switch the language', async () => {
    const r = await runCli(['--data-dir', tempDir(), '--lang', 'en', 'lists', 'show', 'zh']);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain(renderTemplate(en['list.not_found'], { id: 'zh' }));
  });

  it('an unknown language is bad usage', async () => {
    const r = await runCli(['--data-dir', tempDir(), '--lang', 'fr', 'lists', 'show', 'nope']);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain('--lang');
    expect(r.stderr).toContain('`fr`');
  });
});
