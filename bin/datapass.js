#!/usr/bin/env node
// Entry point: runs the compiled CLI (built by `npm ci` through the `prepare` script): the bundled script with its
// code cache when it exists (bin/code-cache.cjs, scripts/bundle.mjs), else the compiled ES modules.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const bundleDir = fileURLToPath(new URL('../dist/bundle/', import.meta.url));
const main = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(`${bundleDir}cli.cjs`) && existsSync(`${bundleDir}cli.json`)) {
  createRequire(import.meta.url)('./code-cache.cjs').run(bundleDir);
} else if (existsSync(fileURLToPath(main))) {
  await import(main.href);
} else {
  process.stderr.write('datapass: not built yet: run `npm run build` (or `npm ci`) first\n');
  process.exit(2);
}
