import type { LoggerOptions } from 'pino';

/**
 * Paths pino removes from every log line. Request bodies are never logged, but code that
 * logs an object by mistake still must not leak a name, an identity code or a secret.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  'authorization',
  'password',
  'secret',
  'token',
  'identityCode',
  'hetu',
  'firstName',
  'lastName',
  'name',
  'email',
  'phone',
  'address',
  '*.authorization',
  '*.password',
  '*.secret',
  '*.signingSecret',
  '*.token',
  '*.identityCode',
  '*.hetu',
  '*.firstName',
  '*.lastName',
  '*.name',
  '*.email',
  '*.phone',
  '*.address',
  '*.description',
  '*.notes',
  '*.*.identityCode',
  '*.*.firstName',
  '*.*.lastName',
  '*.*.email',
  '*.*.phone',
];

export function loggerOptions(level: string, pretty: boolean): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
}
