import pino, { Logger } from 'pino';

export type { Logger };

/**
 * JSON lines (one per event, ready for a log pipeline) in production; readable colour output in
 * development when writing to a terminal, or with LOG_PRETTY=true.
 */
export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  const pretty = process.env.LOG_PRETTY === 'true' || (process.env.LOG_PRETTY !== 'false' && process.env.NODE_ENV !== 'production' && process.stdout.isTTY);
  return pino({
    name: service,
    level,
    base: { service },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } } } : {}),
  });
}
