import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InvalidField } from './errors.js';
import { sendProblem, toLocation } from './problem.js';

/**
 * Rules every request meets before any route looks at it, whatever its schema says.
 *
 * 1. Sizes first. A request schema's size bounds (maxItems, maxLength, the number of
 *    properties of a closed object) are checked in a pass of their own, which stops at the
 *    first failure, before the full validation. The full validation reports every invalid
 *    field (Ajv `allErrors`), so without this pass a 50,000-item array would be compared
 *    pair by pair by `uniqueItems` (quadratic when the items have no scalar type) and give
 *    one error per wrong item, holding the event loop for seconds, even though `maxItems`
 *    already refuses it.
 * 2. No NUL characters. PostgreSQL refuses `\u0000` in text, so a NUL in any string or key of
 *    the body, the query or the path is a 400 naming the field, not a failed write.
 */

/** At most this many invalid fields are reported (and kept) per request part. */
export const MAX_REPORTED_ERRORS = 50;

type Schema = Record<string, unknown>;

const NULL_ONLY = { type: 'null' };

/**
 * The size bounds of a schema as a schema of their own: the same structure (properties,
 * items, alternatives) with only maxItems, maxLength and maxProperties (a closed object
 * has at most MAX_REPORTED_ERRORS more properties than it declares: each unknown one is an
 * error of its own). Types are left out, so the pass never
 * coerces and never refuses what the full validation would let through.
 */
export function limitsSchemaOf(schema: unknown, depth = 0): Schema {
  if (!schema || typeof schema !== 'object' || depth > 64) return {};
  const s = schema as Schema;
  const out: Schema = {};
  if (typeof s.maxItems === 'number') out.maxItems = s.maxItems;
  if (typeof s.maxLength === 'number') out.maxLength = s.maxLength;
  if (typeof s.maxProperties === 'number') out.maxProperties = s.maxProperties;
  const props = s.properties as Record<string, unknown> | undefined;
  if (props && typeof props === 'object') {
    const limited: Record<string, Schema> = {};
    for (const [name, prop] of Object.entries(props)) {
      const l = limitsSchemaOf(prop, depth + 1);
      if (Object.keys(l).length) limited[name] = l;
    }
    if (Object.keys(limited).length) out.properties = limited;
    if (s.additionalProperties === false && s.patternProperties === undefined) {
      // Up to MAX_REPORTED_ERRORS unknown fields are named one by one by the full validation.
      const bound = Object.keys(props).length + MAX_REPORTED_ERRORS;
      out.maxProperties = Math.min(bound, (out.maxProperties as number | undefined) ?? bound);
    }
  }
  if (s.additionalProperties && typeof s.additionalProperties === 'object') {
    const l = limitsSchemaOf(s.additionalProperties, depth + 1);
    if (Object.keys(l).length) out.additionalProperties = l;
  }
  if (s.items && typeof s.items === 'object' && !Array.isArray(s.items)) {
    const l = limitsSchemaOf(s.items, depth + 1);
    if (Object.keys(l).length) out.items = l;
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (!Array.isArray(s[key])) continue;
    // A value passes if it fits any alternative; `null` fits only the null alternative.
    const variants = (s[key] as Schema[]).map((v) =>
      v && typeof v === 'object' && v.type === 'null' ? NULL_ONLY : limitsSchemaOf(v, depth + 1),
    );
    if (variants.every((v) => v !== NULL_ONLY && Object.keys(v).length === 0)) continue;
    if (variants.some((v) => v !== NULL_ONLY && Object.keys(v).length === 0)) continue;
    out.anyOf = variants;
  }
  if (Array.isArray(s.allOf)) {
    const parts = (s.allOf as Schema[])
      .map((v) => limitsSchemaOf(v, depth + 1))
      .filter((v) => Object.keys(v).length);
    if (parts.length) out.allOf = parts;
  }
  return out;
}

/** An Ajv instance for the size pass: stops at the first failure, never coerces. */
export function limitsAjvOptions() {
  return {
    allErrors: false,
    coerceTypes: false,
    useDefaults: false,
    removeAdditional: false,
    strict: false,
  } as const;
}

type Validator = ((data: unknown, ctx?: unknown) => boolean) & {
  errors?: ErrorObject[] | null;
  schemaEnv?: unknown;
};

/**
 * Compiles a route schema with its size pass in front: the size pass refuses an oversized
 * value with one error; then the full validation reports at most MAX_REPORTED_ERRORS.
 */
export function compileWithLimits(full: Ajv, limits: Ajv, schema: object, httpPart?: string): Validator {
  const validateFull = full.compile(schema) as ValidateFunction;
  // Headers are bounded by the HTTP server (16 KB), and a request carries headers no
  // schema declares: no size pass for them.
  const limitsSchema = httpPart === 'headers' ? {} : limitsSchemaOf(schema);
  const validateLimits = Object.keys(limitsSchema).length ? limits.compile(limitsSchema) : null;
  const validate: Validator = (data, ctx) => {
    if (validateLimits && !validateLimits(data)) {
      validate.errors = validateLimits.errors ?? null;
      return false;
    }
    const ok = (validateFull as (d: unknown, c?: unknown) => boolean)(data, ctx);
    validate.errors = validateFull.errors ? validateFull.errors.slice(0, MAX_REPORTED_ERRORS) : null;
    return ok;
  };
  // Fastify lets Ajv coerce the root of query strings and params when it can see this.
  validate.schemaEnv = (validateFull as unknown as { schemaEnv?: unknown }).schemaEnv;
  return validate;
}

/** JSON-pointer segment of a key. */
const pointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Where NUL characters are in a value (strings and keys), at most `max` of them. Iterative:
 * a deeply nested body cannot overflow the stack.
 */
export function findNulCharacters(value: unknown, max = MAX_REPORTED_ERRORS): string[] {
  const found: string[] = [];
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length && found.length < max) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v === 'string') {
      if (v.includes('\u0000')) found.push(path);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}/${i}`]);
    } else if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        const at = `${path}/${pointer(key)}`;
        if (key.includes('\u0000')) found.push(at);
        else stack.push([(v as Record<string, unknown>)[key], at]);
      }
    }
  }
  return found;
}

const NUL_MESSAGE = 'must not contain a NUL character (\\u0000)';

/**
 * preValidation hook: a NUL character anywhere in the path, the query or the body is a
 * 400 VALIDATION_FAILED naming each field (`body.description`, `query.q`).
 */
export async function rejectNulCharacters(request: FastifyRequest, reply: FastifyReply) {
  const errors: InvalidField[] = [];
  const parts: Array<[string, unknown]> = [
    ['params', request.params],
    ['querystring', request.query],
    ['body', request.body],
  ];
  for (const [context, value] of parts) {
    for (const path of findNulCharacters(value, MAX_REPORTED_ERRORS - errors.length)) {
      errors.push({ location: toLocation(context, path), message: NUL_MESSAGE, rule: 'noNulCharacter' });
    }
  }
  if (!errors.length) return;
  return sendProblem(request, reply, 'VALIDATION_FAILED', {
    detail: errors.map((e) => `${e.location} ${e.message}`).join('; '),
    errors,
  });
}
