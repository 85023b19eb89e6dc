#!/usr/bin/env node
// Entry point: runs the compiled CLI (built by `npm ci` through the `prepare` script), bundled when the bundle
// exists (it starts faster: scripts/bundle.mjs).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/bundle/main.js', import.meta.url);
const main = existsSync(fileURLToPath(bundle)) ? bundle : new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('datapass: not built yet: run `npm run build` (or `npm ci`) first\n');
  process.exit(2);
}
await import(main.href);
