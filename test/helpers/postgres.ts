/**
 * Starts a REAL PostgreSQL 15 server for a test suite: a fresh cluster in a temporary directory, on a free
 * loopback port, with trust authentication, then stops it and removes the directory.
 * Run as root, the server runs as the Debian `postgres` OS user (PostgreSQL refuses to run as root).
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const PG_BIN = process.env.DATAPASS_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface RunningPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  url: string;
  port: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Looks up the uid/gid of the `postgres` OS user (when we are root). */
async function postgresUser(): Promise<{ uid: number; gid: number }> {
  try {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    return { uid, gid };
  } catch {
    throw new Error('PostgreSQL tests run as root need the `postgres` OS user; run `scripts/test.sh` (CI installs it)');
  }
}

export async function startPostgres(): Promise<RunningPostgres> {
  const initdb = join(PG_BIN, 'initdb');
  const pgCtl = join(PG_BIN, 'pg_ctl');
  if (!existsSync(initdb) || !existsSync(pgCtl)) {
    throw new Error(
      `PostgreSQL 15 binaries not found in ${PG_BIN} (need initdb and pg_ctl). ` +
        'Run `scripts/test.sh`, which installs the Debian postgresql-15 package as CI does, or set DATAPASS_PG_BIN.',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'datapass-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? await postgresUser() : undefined;
  if (user) chownSync(dir, user.uid, user.gid);
  const exec = (file: string, args: string[]) =>
    run(file, args, { ...(user ? { uid: user.uid, gid: user.gid } : {}), cwd: dir, timeout: 60_000 });
  const port = await freePort();
  try {
    await exec(initdb, ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale']);
    await exec(pgCtl, [
      '-D',
      data,
      '-l',
      log,
      '-w',
      '-t',
      '60',
      '-o',
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`,
      'start',
    ]);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const e = err as { stderr?: string; message?: string };
    throw new Error(`could not start PostgreSQL: ${e.stderr || e.message}`);
  }
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await exec(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
