/**
 * Global test setup: compiles the WebAssembly scanners (`wasm/*.ts` → `dist/wasm/`, ~1 s) so that the tests, which
 * run the TypeScript sources, never exercise a module older than its source; starts nothing by default. Suites
 * that need PostgreSQL call `startPostgres()` from test/helpers/postgres.ts, which starts a real server in a
 * temporary directory.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  process.env.TZ = 'UTC';
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'build-wasm.mjs')], { stdio: 'inherit' });
}
