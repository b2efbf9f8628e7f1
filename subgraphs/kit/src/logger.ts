import pino, { Logger } from 'pino';

export type { Logger };

/** JSON lines in production, one logger per service; `LOG_LEVEL=silent` quiets tests. */
export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: service, level, base: { service } });
}
