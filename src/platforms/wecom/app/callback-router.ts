// The application's "接收消息" URL (doc 90238). GET answers the URL check with the decrypted echostr;
// POST verifies, decrypts and decodes, answers 200 with an empty body at once (WeCom retries after
// 5 s, three times), and hands the callback on. Anything that fails verification gets 4xx and never
// reaches the handlers. Bodies the parser refuses (over 512 kB, an unknown charset, any
// Content-Encoding: WeCom sends plain XML) go to the app's one error handler (src/http/error-handler.ts).
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from '../../../log/logger';
import { CallbackCrypto, CallbackRejected, type CallbackRejection, type SignedQuery } from './callback-crypto';
import { decodeAppCallback, MalformedCallback, type AppCallback } from './decode';
import { child, parseXml, XmlError } from './xml';

export interface CallbackRouterDeps {
  crypto: CallbackCrypto;
  agentId: number;
  logger: Logger;
  /** Undefined until the platform has started: callbacks then get 503 and WeCom retries. */
  accept: () => ((callback: AppCallback) => void) | undefined;
}

const STATUS: Record<CallbackRejection, number> = {
  bad_request: 400,
  bad_signature: 401,
  stale_timestamp: 401,
  undecryptable: 400,
  wrong_receiver: 403,
};

function signedQuery(req: Request): SignedQuery {
  const q = req.query as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return { signature: str(q.msg_signature), timestamp: str(q.timestamp), nonce: str(q.nonce) };
}

export function createCallbackRouter(deps: CallbackRouterDeps): Router {
  const router = express.Router();
  const { crypto, logger } = deps;

  const reject = (res: Response, err: unknown) => {
    if (err instanceof CallbackRejected) {
      logger.warn({ event: 'wecom.callback.rejected', reason: err.reason, detail: err.message }, 'wecom callback rejected');
      res.status(STATUS[err.reason]).type('text/plain').send(err.reason);
      return;
    }
    if (err instanceof XmlError || err instanceof MalformedCallback) {
      logger.warn({ event: 'wecom.callback.malformed', detail: err.message }, 'wecom callback malformed');
      res.status(400).type('text/plain').send('malformed');
      return;
    }
    logger.error({ event: 'wecom.callback.failed', type: err instanceof Error ? err.name : typeof err, detail: err instanceof Error ? err.message : String(err) }, 'wecom callback failed');
    res.status(500).type('text/plain').send('error');
  };

  router.get('/', (req, res) => {
    try {
      const echostr = typeof req.query.echostr === 'string' ? req.query.echostr : '';
      // A "+" left unencoded by the caller arrives as a space; base64 has no spaces.
      const plain = crypto.open(signedQuery(req), echostr.replace(/ /g, '+'));
      res.status(200).type('text/plain').send(plain);
    } catch (err) {
      reject(res, err);
    }
  });

  router.post('/', express.text({ type: () => true, limit: '512kb', inflate: false }), (req, res) => {
    try {
      const body = typeof req.body === 'string' ? req.body : '';
      const envelope = parseXml(body);
      const encrypted = envelope.name === 'xml' ? child(envelope, 'Encrypt')?.text.trim() ?? '' : '';
      const plain = crypto.open(signedQuery(req), encrypted);
      const callback = decodeAppCallback(parseXml(plain), deps.agentId);
      const accept = deps.accept();
      if (!accept) {
        res.status(503).type('text/plain').send('not started');
        return;
      }
      res.status(200).type('text/plain').send('');
      accept(callback);
    } catch (err) {
      reject(res, err);
    }
  });

  return router;
}
