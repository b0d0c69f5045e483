// Loads the JSON samples in test/fixtures/dingtalk and builds variations of them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(__dirname, '..', '..', 'fixtures', 'dingtalk');

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as T;
}

export interface StreamFrame {
  specVersion: string;
  type: 'SYSTEM' | 'EVENT' | 'CALLBACK';
  headers: Record<string, string> & { messageId: string; topic: string };
  data: string;
}

/** A fixture frame with its JSON `data` merged with `data` overrides and new header values. */
export function frameFrom(name: string, opts: { data?: Record<string, unknown>; headers?: Record<string, string> } = {}): StreamFrame {
  const frame = fixture<StreamFrame>(name);
  const data = { ...(JSON.parse(frame.data) as Record<string, unknown>), ...opts.data };
  return { ...frame, headers: { ...frame.headers, ...opts.headers }, data: JSON.stringify(data) };
}

/** Card callback `content`/`value` JSON for the given button params. */
export function cardActionContent(params: Record<string, string>): string {
  return JSON.stringify({ cardPrivateData: { actionIds: ['button_node_ocljnpbz4i4'], params } });
}
