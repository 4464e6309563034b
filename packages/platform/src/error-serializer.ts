/**
 * How errors are written to the log (the `err` serializer of every process logger).
 *
 * A failed database query carries the values it was given: drizzle's DrizzleQueryError has
 * them in `params` and in its message and stack ("Failed query: … params: …"), and
 * PostgreSQL's error has them in `detail` ("Key (identity_code_index)=(…) already exists",
 * "Failing row contains (…)"), `where` and in some messages (`invalid input syntax for type
 * uuid: "…"`). Those values are names, contact details, descriptions, cipher texts and blind
 * indexes, so the log keeps what an operator needs — the SQL text with its `$n`
 * placeholders, the SQLSTATE code, constraint, table, column, routine and severity — and
 * never a value.
 */

/** PostgreSQL error fields that name the failure without carrying a value. */
const DB_FIELDS = [
  'code',
  'severity',
  'constraint',
  'table',
  'column',
  'schema',
  'dataType',
  'routine',
  'position',
] as const;

/** Error properties never logged: they carry query values. */
const DROPPED = new Set(['params', 'parameters', 'detail', 'where', 'internalQuery', 'hint', 'cause']);

const MAX_CAUSES = 5;

/**
 * Error text without the values a database error may quote: drizzle's `params:` line,
 * PostgreSQL's `Key (…)=(…)`, `Failing row contains (…)` and quoted input values.
 */
export function redactErrorText(text: string): string {
  // Greedy to the end: a value may itself hold quotes, parentheses or line breaks, and
  // PostgreSQL puts the quoted value last. Redacting too much is the safe side.
  return text
    .replace(/\nparams: [\s\S]*/, '\nparams: [redacted]')
    .replace(/Key \(([^)]*)\)=\([\s\S]*\)/g, 'Key ($1)=([redacted])')
    .replace(/Failing row contains \([\s\S]*\)/g, 'Failing row contains ([redacted])')
    .replace(/: "[\s\S]*$/, ': "[redacted]"');
}

function isDatabaseError(err: Record<string, unknown>): boolean {
  // pg's DatabaseError (name "error") and drizzle's DrizzleQueryError (query + params).
  return (
    (typeof err.severity === 'string' && typeof err.code === 'string' && 'routine' in err) ||
    (typeof err.query === 'string' && 'params' in err)
  );
}

function typeOf(err: object): string {
  return err.constructor?.name || 'Error';
}

function serialize(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactErrorText(value);
  if (!value || typeof value !== 'object') return value;
  if (!(value instanceof Error) && !('message' in value)) return value;
  const err = value as Error & Record<string, unknown>;
  const type = typeOf(err);
  const message = redactErrorText(String(err.message ?? ''));
  const out: Record<string, unknown> = { type, message };
  if (typeof err.stack === 'string') {
    const at = err.stack.indexOf('\n    at ');
    out.stack = `${type}: ${message}${at >= 0 ? err.stack.slice(at) : ''}`;
  }
  if (isDatabaseError(err)) {
    // The SQL text has `$n` placeholders where the values were.
    if (typeof err.query === 'string') out.query = err.query;
    for (const field of DB_FIELDS) if (err[field] !== undefined) out[field] = err[field];
  } else {
    for (const [key, field] of Object.entries(err)) {
      if (DROPPED.has(key) || key in out) continue;
      out[key] =
        typeof field === 'string'
          ? redactErrorText(field)
          : depth < MAX_CAUSES
            ? serialize(field, depth + 1)
            : '[…]';
    }
  }
  if (err.cause !== undefined) out.cause = depth < MAX_CAUSES ? serialize(err.cause, depth + 1) : '[…]';
  return out;
}

/** The `err` serializer: an error (or an error message) as the log may hold it. */
export function serializeError(value: unknown): unknown {
  return serialize(value, 0);
}

/**
 * Redacts an error in place (message, stack, query parameters), for stores outside the log
 * that keep an error's text, e.g. the failure reason and stack trace BullMQ keeps with a job.
 * The error keeps its class, so retry decisions do not change.
 */
export function redactErrorInPlace<T>(value: T): T {
  if (!(value instanceof Error)) return value;
  const err = value as Error & Record<string, unknown>;
  const message = redactErrorText(err.message);
  if (typeof err.stack === 'string') {
    const at = err.stack.indexOf('\n    at ');
    err.stack = `${err.name}: ${message}${at >= 0 ? err.stack.slice(at) : ''}`;
  }
  err.message = message;
  for (const key of ['params', 'parameters', 'detail', 'where']) if (key in err) err[key] = undefined;
  if (err.cause instanceof Error) redactErrorInPlace(err.cause);
  return value;
}
