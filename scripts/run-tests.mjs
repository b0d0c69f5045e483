// npm test: type-check, lint, run jest, and end with one line "N passed, N failed" taken from jest's JSON
// summary. Exits non-zero when the type-check or any test fails. Extra arguments go to jest.
// Jest's global setup (test/support/global-setup.mjs) brings the PostgreSQL server the storage tests use.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const bin = (name) => path.join('node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

const tsc = spawnSync(bin('tsc'), ['--noEmit', '-p', '.'], { stdio: 'inherit' });
if (tsc.status !== 0) process.stderr.write('\nType-check failed (see above).\n');
const lint = spawnSync(bin('eslint'), ['-c', 'scripts/eslint.config.mjs', '--no-config-lookup', 'src', 'scripts', 'test', 'db'], { stdio: 'inherit' });
if (lint.status !== 0) process.stderr.write('\nLint failed (see above): a promise neither awaited nor handled.\n');

const summaryFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dealguard-jest-')), 'summary.json');
const jest = spawnSync(bin('jest'), ['--json', `--outputFile=${summaryFile}`, '--maxWorkers=2', ...args], { stdio: 'inherit' });

let passed = 0;
let failed = 0;
try {
  const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  passed = summary.numPassedTests;
  failed = summary.numFailedTests + (summary.numRuntimeErrorTestSuites ?? 0);
} catch {
  failed = Math.max(1, failed);
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(tsc.status !== 0 || lint.status !== 0 || jest.status !== 0 || failed > 0 ? 1 : 0);
