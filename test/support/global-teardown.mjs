export default async function globalTeardown() {
  await globalThis.__dealguardPostgres?.stop();
}
