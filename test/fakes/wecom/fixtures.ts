// Loads WeCom frame samples from test/fixtures/wecom and tailors their bodies per test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(__dirname, '..', '..', 'fixtures', 'wecom');

export interface FixtureFrame {
  cmd: string;
  headers: { req_id: string };
  body: Record<string, unknown>;
}

export function fixtureXml(name: string): string {
  return readFileSync(join(DIR, name), 'utf8');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function merge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete out[key];
    else out[key] = isObject(value) && isObject(base[key]) ? merge(base[key], value) : value;
  }
  return out;
}

/** The fixture frame with its body deep-merged with patch (undefined deletes a key). */
export function fixtureFrame(name: string, patch: Record<string, unknown> = {}): FixtureFrame {
  const raw = JSON.parse(readFileSync(join(DIR, name), 'utf8')) as FixtureFrame & { _source?: string };
  delete raw._source;
  return { ...raw, body: merge(raw.body, patch) };
}
