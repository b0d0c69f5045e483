import { Writable } from 'node:stream';
import { createLogger } from '../../src/log/logger';

/** A real logger writing into memory: each line it would print, one per event. */
export function captureLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  return { lines, logger: createLogger({ level: 'debug', destination }) };
}
