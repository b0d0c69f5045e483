// Bad requests against the real HTTP app (createHttpServer with the WeCom callback router): the
// caller gets a status and its plain word, never a stack trace or a path; the detail goes into one
// structured log line, and nothing is written raw to stderr.
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { systemClock } from '../../../src/clock/clock';
import { createHttpServer, listen } from '../../../src/http/server';
import { createLogger } from '../../../src/log/logger';
import { CallbackCrypto } from '../../../src/platforms/wecom/app/callback-crypto';
import { createCallbackRouter } from '../../../src/platforms/wecom/app/callback-router';
import { signedCallback, signedQuery } from '../../fakes/wecom/callback-signer';
import { CALLBACK_KEYS } from '../../fakes/wecom/config';

const lines: Record<string, unknown>[] = [];
const destination = new Writable({
  write(chunk, _enc, cb) {
    for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
    cb();
  },
});

let server: Server;
let base: string;
let env: string | undefined;
const stderr = jest.fn();
const restore: (() => void)[] = [];

beforeAll(async () => {
  // express's default handler prints stacks outside "test"; run as in production-like development.
  env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'development';
  const logger = createLogger({ level: 'debug', destination });
  const crypto = new CallbackCrypto({ ...CALLBACK_KEYS, maxSkewS: 300, clock: systemClock });
  const callback = createCallbackRouter({ crypto, agentId: CALLBACK_KEYS.agentId, logger, accept: () => () => undefined });
  // Stand-ins for any other router: one that throws, one that parses JSON.
  const other = express.Router();
  other.get('/boom', () => {
    throw new Error('exploded in /work/main/src/somewhere.ts');
  });
  other.post('/json', express.json(), (_req, res) => void res.send('ok'));
  const app = createHttpServer([], [{ path: '/wecom/callback', router: callback }, { path: '/other', router: other }], logger);
  server = await listen(app, 0, '127.0.0.1');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const write = process.stderr.write.bind(process.stderr);
  const error = console.error;
  process.stderr.write = ((...a: Parameters<typeof write>) => {
    stderr(...a);
    return write(...a);
  }) as typeof process.stderr.write;
  console.error = (...a: unknown[]) => stderr(...a);
  restore.push(() => (process.stderr.write = write), () => (console.error = error));
});

afterAll(async () => {
  for (const r of restore) r();
  process.env.NODE_ENV = env;
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

beforeEach(() => {
  lines.length = 0;
  stderr.mockClear();
});

const signed = signedCallback(CALLBACK_KEYS, '<xml><MsgType>text</MsgType></xml>');
const post = (path: string, body: string | Uint8Array, headers: Record<string, string>) => fetch(`${base}${path}`, { method: 'POST', headers, body });

async function expectPlain(res: Response, status: number, word: string): Promise<void> {
  const body = await res.text();
  expect([res.status, body]).toEqual([status, word]);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  expect(body).not.toMatch(/\/work|node_modules|\bat \w|<html|<pre>/);
  // Nothing raw on stderr: the only trace is the structured line.
  await new Promise((r) => setImmediate(r));
  expect(stderr).not.toHaveBeenCalled();
}

test.each([
  ['an oversized body', () => post(`/wecom/callback${signed.query}`, 'x'.repeat(600 * 1024), { 'content-type': 'text/xml' }), 413, 'Payload Too Large', 'entity.too.large'],
  ['an unknown charset', () => post(`/wecom/callback${signed.query}`, signed.body, { 'content-type': 'text/xml; charset=klingon' }), 415, 'Unsupported Media Type', 'charset.unsupported'],
  ['a gzip body', () => post(`/wecom/callback${signed.query}`, gzipSync(signed.body), { 'content-type': 'text/xml', 'content-encoding': 'gzip' }), 415, 'Unsupported Media Type', 'encoding.unsupported'],
  ['a broken gzip body', () => post(`/wecom/callback${signed.query}`, 'not gzip at all', { 'content-type': 'text/xml', 'content-encoding': 'gzip' }), 415, 'Unsupported Media Type', 'encoding.unsupported'],
  ['malformed JSON', () => post('/other/json', '{"a":', { 'content-type': 'application/json' }), 400, 'Bad Request', 'entity.parse.failed'],
  ['a handler that throws', () => fetch(`${base}/other/boom`), 500, 'Internal Server Error', 'Error'],
  ['an unknown path', () => fetch(`${base}/nothing/here`), 404, 'Not Found', undefined],
])('%s gets a plain status word and one structured log line', async (_name, send, status, word, type) => {
  await expectPlain(await send(), status, word);
  if (type === undefined) {
    expect(lines).toEqual([]);
    return;
  }
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ event: 'http.error', status, type, method: expect.any(String), path: expect.any(String), detail: expect.any(String) });
  expect(String(lines[0]!.path)).not.toContain('?');
});

test('malformed callback XML is refused by the router with a plain word, logged once', async () => {
  const query = signedQuery(CALLBACK_KEYS, 'QUJD', Math.floor(Date.now() / 1000));
  await expectPlain(await post(`/wecom/callback${query}`, '<xml><Encrypt>QUJD</Encr', { 'content-type': 'text/xml' }), 400, 'malformed');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ event: 'wecom.callback.malformed', detail: expect.any(String) });
});
