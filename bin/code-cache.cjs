'use strict';
/**
 * Runs dist/bundle/cli.cjs (one CommonJS script, scripts/bundle.mjs) with a V8 code cache: the functions a
 * command compiled last time are loaded compiled instead of parsed and compiled again (about 45 ms of a CLI
 * start here). One cache per top-level command, named by the script's SHA-256 (dist/bundle/cli.json), so a
 * rebuilt CLI never runs stale code: V8 also rejects a cache made by another V8 or with other flags, and then
 * this run writes a fresh one. Caches are written once, atomically (temp file + rename), and only where the
 * package directory is writable; any failure just means compiling as usual.
 */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

/** The top-level command (after global options), for the cache name. */
function commandOf(argv) {
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data-dir' || a === '--lang') {
      i++;
      continue;
    }
    if (!a.startsWith('-')) return /^[a-z-]{1,32}$/.test(a) ? a : 'other';
  }
  return 'none';
}

function run(bundleDir) {
  const file = path.join(bundleDir, 'cli.cjs');
  const { sha256 } = JSON.parse(fs.readFileSync(path.join(bundleDir, 'cli.json'), 'utf8'));
  const cacheDir = path.join(bundleDir, 'cache');
  const cacheFile = path.join(cacheDir, `${sha256.slice(0, 16)}.${commandOf(process.argv)}.v8cache`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {}
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (process.env.DATAPASS_DEBUG_CACHE)
    process.stderr.write(`datapass: code cache ${cachedData ? (script.cachedDataRejected ? 'rejected' : 'used') : 'absent'}\n`);
  if (!cachedData || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        const data = script.createCachedData();
        fs.mkdirSync(cacheDir, { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, data);
        fs.renameSync(tmp, cacheFile);
        // Caches of earlier builds are dead weight.
        const prefix = `${sha256.slice(0, 16)}.`;
        for (const f of fs.readdirSync(cacheDir)) if (!f.startsWith(prefix)) fs.rmSync(path.join(cacheDir, f), { force: true });
      } catch {}
    });
  }
  const mod = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, bundleDir);
}

module.exports = { run };
