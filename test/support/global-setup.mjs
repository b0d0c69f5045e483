// Before any test file: a PostgreSQL server for the storage tests (installed first if the machine
// has none), unless DEALGUARD_TEST_PG_URL already names one. Workers inherit the variable.
import { startPostgres } from '../../scripts/postgres-for-tests.mjs';

export default async function globalSetup() {
  if (process.env.DEALGUARD_TEST_PG_URL) return;
  const pg = await startPostgres();
  process.env.DEALGUARD_TEST_PG_URL = pg.url;
  globalThis.__dealguardPostgres = pg;
}
