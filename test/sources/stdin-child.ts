/**
 * Child process for the stdin test: reads `-` with openSource and prints {format, columns, rows} as JSON,
 * or the problem codes on stderr with exit 2.
 */
import { openSource, readAllRows } from '../../src/adapters/sources/index.js';
import { DataPassError } from '../../src/core/problems.js';

try {
  const reader = await openSource('-', process.argv[2] ? { format: process.argv[2] as 'csv' } : {});
  const rows = await readAllRows(reader);
  process.stdout.write(JSON.stringify({ format: reader.format, columns: reader.columns(), rows }));
} catch (err) {
  if (err instanceof DataPassError) {
    process.stderr.write(JSON.stringify(err.problems));
    process.exitCode = 2;
  } else throw err;
}
