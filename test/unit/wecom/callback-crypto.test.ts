// The official WXBizMsgCrypt test vector (platforms.md §2), through @wecom/crypto and CallbackCrypto.
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { VirtualClock } from '../../../src/clock/clock';
import { CallbackCrypto, CallbackRejected } from '../../../src/platforms/wecom/app/callback-crypto';

const vector = {
  token: 'QDG6eK',
  corpId: 'wx5823bf96d3bd56c7',
  aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  timestamp: '1409659589',
  nonce: '263014780',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
  signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  message: '1616140317555161061',
};

function cryptoAt(unixSeconds: number, corpId = vector.corpId): CallbackCrypto {
  return new CallbackCrypto({
    token: vector.token,
    aesKey: vector.aesKey,
    corpId,
    maxSkewS: 300,
    clock: new VirtualClock(new Date(unixSeconds * 1000)),
  });
}

const query = { signature: vector.signature, timestamp: vector.timestamp, nonce: vector.nonce };

function rejection(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof CallbackRejected) return err.reason;
    throw err;
  }
  return undefined;
}

describe('WeCom callback crypto', () => {
  it('reproduces the official vector with @wecom/crypto', () => {
    expect(getSignature(vector.token, vector.timestamp, vector.nonce, vector.echostr)).toBe(vector.signature);
    const opened = decrypt(vector.aesKey, vector.echostr);
    expect(opened.message).toBe(vector.message);
    expect(opened.id).toBe(vector.corpId);
    expect(opened.random.toString('hex')).toBe('63343162363434393163323436386430');
    expect(encrypt(vector.aesKey, vector.message, vector.corpId, opened.random)).toBe(vector.echostr);
  });

  it('opens the vector at its own time', () => {
    expect(cryptoAt(1409659589 + 120).open(query, vector.echostr)).toBe(vector.message);
  });

  it('refuses a wrong signature, an uppercase one being fine', () => {
    expect(cryptoAt(1409659589).open({ ...query, signature: vector.signature.toUpperCase() }, vector.echostr)).toBe(vector.message);
    expect(rejection(() => cryptoAt(1409659589).open({ ...query, signature: '0'.repeat(40) }, vector.echostr))).toBe('bad_signature');
    expect(rejection(() => cryptoAt(1409659589).open({ ...query, nonce: '263014781' }, vector.echostr))).toBe('bad_signature');
  });

  it('refuses the same request replayed outside the 300 s window, in either direction', () => {
    expect(rejection(() => cryptoAt(1409659589 + 301).open(query, vector.echostr))).toBe('stale_timestamp');
    expect(rejection(() => cryptoAt(1409659589 - 301).open(query, vector.echostr))).toBe('stale_timestamp');
  });

  it('refuses a payload for another receiver', () => {
    expect(rejection(() => cryptoAt(1409659589, 'ww-someone-else').open(query, vector.echostr))).toBe('wrong_receiver');
  });

  it('refuses malformed input before any crypto', () => {
    expect(rejection(() => cryptoAt(1409659589).open({ ...query, timestamp: 'now' }, vector.echostr))).toBe('bad_request');
    expect(rejection(() => cryptoAt(1409659589).open(query, ''))).toBe('bad_request');
    expect(rejection(() => cryptoAt(1409659589).open(query, 'not base64!'))).toBe('bad_request');
  });

  it('refuses a signed payload that does not decrypt', () => {
    const junk = Buffer.alloc(40, 7).toString('base64');
    const signature = getSignature(vector.token, vector.timestamp, vector.nonce, junk);
    expect(rejection(() => cryptoAt(1409659589).open({ ...query, signature }, junk))).toBe('undecryptable');
  });
});
