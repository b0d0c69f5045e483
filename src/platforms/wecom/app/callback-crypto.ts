// Opening a callback (doc 90238 + WXBizMsgCrypt): msg_signature = sha1(sort(token, timestamp, nonce,
// encrypt)); AES-256-CBC with PKCS#7/32 via @wecom/crypto; the plaintext ends with the receiveid,
// which must be our corp id. @wecom/crypto checks neither signature nor receiveid, so we do, and
// refuse timestamps too far from now so that a captured request cannot be replayed later.
import { timingSafeEqual } from 'node:crypto';
import { decrypt, getSignature } from '@wecom/crypto';
import type { Clock } from '../../../clock/clock';

export type CallbackRejection = 'bad_request' | 'bad_signature' | 'stale_timestamp' | 'undecryptable' | 'wrong_receiver';

export class CallbackRejected extends Error {
  constructor(
    readonly reason: CallbackRejection,
    message: string,
  ) {
    super(message);
    this.name = 'CallbackRejected';
  }
}

export interface SignedQuery {
  signature: string;
  timestamp: string;
  nonce: string;
}

export interface CallbackCryptoOptions {
  token: string;
  aesKey: string;
  corpId: string;
  maxSkewS: number;
  clock: Clock;
}

export class CallbackCrypto {
  constructor(private readonly opts: CallbackCryptoOptions) {}

  /** Verifies and decrypts; returns the plaintext (XML for app callbacks, echostr for URL checks). */
  open(query: SignedQuery, encrypted: string): string {
    if (!/^\d{1,12}$/.test(query.timestamp) || !query.nonce || !/^[0-9a-fA-F]{40}$/.test(query.signature)) {
      throw new CallbackRejected('bad_request', 'missing or malformed msg_signature/timestamp/nonce');
    }
    if (!encrypted || !/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted)) {
      throw new CallbackRejected('bad_request', 'missing or malformed encrypted payload');
    }
    const expected = Buffer.from(getSignature(this.opts.token, query.timestamp, query.nonce, encrypted), 'hex');
    const given = Buffer.from(query.signature.toLowerCase(), 'hex');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new CallbackRejected('bad_signature', 'msg_signature does not match');
    }
    const skew = Math.abs(this.opts.clock.now().getTime() / 1000 - Number(query.timestamp));
    if (skew > this.opts.maxSkewS) {
      throw new CallbackRejected('stale_timestamp', `timestamp ${Math.round(skew)} s away from now`);
    }
    let opened: { message: string; id: string };
    try {
      opened = decrypt(this.opts.aesKey, encrypted);
    } catch {
      throw new CallbackRejected('undecryptable', 'payload does not decrypt');
    }
    if (opened.id !== this.opts.corpId) {
      throw new CallbackRejected('wrong_receiver', 'payload was encrypted for another receiver');
    }
    return opened.message;
  }
}
