/**
 * Bundles the compiled CLI (dist/) for a fast start, into dist/bundle/:
 * - `cli.cjs`: the whole CLI as one CommonJS script, which bin/datapass.js compiles with a V8 code cache
 *   (bin/code-cache.cjs). Node 20 resolves, reads and links every ES module file separately and keeps no compile
 *   cache for ES modules: `datapass --version` took 240 ms from separate modules (a bare `node` 53 ms), 158 ms from
 *   an ES module bundle and about 115 ms from this script with its code cache.
 * - `worker.js`: the gateway's worker, an ES module with its shared chunks beside it, so that
 *   `new URL('./worker.js', import.meta.url)` in the CLI finds it.
 * - `cli.json`: the script's SHA-256, which names its code caches (a cache never outlives the code it was made
 *   from).
 * better-sqlite3 stays external (native addon). Whitespace and syntax are minified, names kept (stack traces and
 * profiles still name functions).
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
/** CommonJS packages left out of the CLI script (see below). */
const LAZY_CJS = ['exceljs', 'pg', 'iconv-lite', 'chardet'];
const outdir = resolve(root, 'dist/bundle');
rmSync(outdir, { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3', 'pg-native'],
  logLevel: 'warning',
  minifyWhitespace: true,
  minifySyntax: true,
};
await build({
  ...common,
  entryPoints: [resolve(root, 'dist/adapters/gateway/worker.js')],
  entryNames: '[name]',
  outdir,
  splitting: true,
  format: 'esm',
  // CommonJS dependencies bundled into ES modules still call `require` for Node's built-ins.
  banner: {
    js: "import { createRequire as __dpRequire } from 'node:module'; const require = __dpRequire(import.meta.url);",
  },
});
const cli = resolve(outdir, 'cli.cjs');
await build({
  ...common,
  entryPoints: [resolve(root, 'dist/cli/main.js')],
  outfile: cli,
  format: 'cjs',
  // Large CommonJS dependencies that only some commands load (XLSX, PostgreSQL, GBK detection and decoding) stay
  // in node_modules, loaded by require when used: every start reads and compiles the script, so it stays small.
  external: [...common.external, ...LAZY_CJS],
  // The sources locate the package root and the worker from their own URL.
  define: { 'import.meta.url': '__dpModuleUrl' },
  banner: { js: "const __dpModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
const sha256 = createHash('sha256').update(readFileSync(cli)).digest('hex');
writeFileSync(resolve(outdir, 'cli.json'), `${JSON.stringify({ script: 'cli.cjs', sha256 })}\n`);
