import type { LoggerOptions } from 'pino';
import { redactErrorText, serializeError } from './error-serializer.js';

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
    // Database errors without the query's values (error-serializer.ts).
    serializers: { err: serializeError },
    hooks: {
      // `log.error(err)` makes the error's message the line's msg, and messages may be built
      // from an error's text: neither may carry a query's values.
      logMethod(args, method) {
        const [first, second, ...rest] = args as unknown[];
        if (first instanceof Error && typeof second !== 'string') {
          return method.apply(this, [{ err: first }, redactErrorText(first.message)] as never);
        }
        const redacted = [first, second, ...rest]
          .slice(0, args.length)
          .map((a) => (typeof a === 'string' ? redactErrorText(a) : a));
        return method.apply(this, redacted as never);
      },
    },
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
