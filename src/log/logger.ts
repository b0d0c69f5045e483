import pino from 'pino';
import { maskText, maskValue } from './mask';

export type Logger = pino.Logger;

/** One JSON line per event on stderr (stdout belongs to the console platform). */
export function createLogger(opts: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: { app: 'dealguard' },
      // Secrets (by key, at any depth) and phone numbers are masked before a line is written.
      formatters: { log: (obj) => maskValue(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskText(a) : a));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.destination ?? pino.destination({ fd: 2, sync: true }),
  );
}

/** For tests and benchmarks: drops everything. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
