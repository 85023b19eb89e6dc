/**
 * Compiles the gateway's WebAssembly scanners: every `wasm/<name>.ts` (AssemblyScript) into
 * `dist/wasm/<name>.wasm`, optimised (-O3), with SIMD, without a runtime or an allocator (the scanners work at
 * fixed offsets of a memory the host gives them: `--importMemory`) and without assertions. Each module is written
 * under a temporary name and renamed into place, so a process loading it never reads half a file.
 */
import { mkdirSync, readdirSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import asc from 'assemblyscript/asc';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, 'dist/wasm');
mkdirSync(outDir, { recursive: true });
for (const file of readdirSync(resolve(root, 'wasm'))) {
  if (!file.endsWith('.ts')) continue;
  const name = file.slice(0, -3);
  const tmp = resolve(outDir, `.${name}.wasm.${process.pid}`);
  const { error, stderr } = await asc.main([
    resolve(root, 'wasm', file),
    '--outFile',
    tmp,
    '-O3',
    '--runtime',
    'stub',
    '--noAssert',
    '--importMemory',
    '--use',
    'abort=',
    '--enable',
    'simd',
  ]);
  if (error) {
    process.stderr.write(stderr.toString());
    process.stderr.write(`build-wasm: ${file}: ${error.message}\n`);
    process.exit(1);
  }
  renameSync(tmp, resolve(outDir, `${name}.wasm`));
}
