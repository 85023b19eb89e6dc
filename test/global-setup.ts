/**
 * Global test setup: builds nothing, starts nothing by default. Suites that need PostgreSQL call
 * `startPostgres()` from test/helpers/postgres.ts, which starts a real server in a temporary directory.
 */
export default function setup(): void {
  process.env.TZ = 'UTC';
}
