import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server jest's global setup started (or the one DEALGUARD_TEST_PG_URL names). */
export function serverUrl(): string {
  const url = process.env.DEALGUARD_TEST_PG_URL;
  if (!url) throw new Error('DEALGUARD_TEST_PG_URL is not set: run the tests with npm test (jest global setup starts PostgreSQL)');
  return url;
}

/** A fresh, empty database on the test server; drop() removes it (and its connections). */
export async function createTestDatabase(prefix = 't'): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(serverUrl());
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client(serverUrl());
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
