// The one error handler of the HTTP app. express's default one answers with an HTML page holding
// the stack trace and absolute paths, and writes the stack raw to stderr. Here a caller gets the
// status and its plain word ("Payload Too Large"), and the detail goes into one structured log line.
import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../log/logger';

/** The status an error asks for (body-parser and http-errors set one), else 500. */
function statusOf(err: unknown): number {
  const e = err as { status?: unknown; statusCode?: unknown } | null;
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : 500;
  return Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500;
}

/** body-parser's error kind ("entity.too.large", "charset.unsupported"…), else the error's class. */
function typeOf(err: unknown): string {
  const e = err as { type?: unknown; name?: unknown } | null;
  if (typeof e?.type === 'string') return e.type;
  return typeof e?.name === 'string' ? e.name : typeof err;
}

export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const status = statusOf(err);
    const line = {
      event: 'http.error',
      status,
      type: typeOf(err),
      method: req.method,
      // Without the query string: it carries signatures.
      path: `${req.baseUrl}${req.path}`,
      detail: err instanceof Error ? err.message : String(err),
    };
    if (status >= 500) logger.error(line, 'http request failed');
    else logger.warn(line, 'http request refused');
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    // A body left unread (too large, refused encoding) is not worth receiving: close after answering.
    if (!req.complete) res.set('Connection', 'close');
    res.status(status).type('text/plain').send(STATUS_CODES[status] ?? 'Error');
  };
}

export const notFound: RequestHandler = (_req, res) => {
  res.status(404).type('text/plain').send(STATUS_CODES[404]);
};
