import { Type } from 'typebox';
import { AppError } from './errors.js';

/**
 * Optimistic concurrency for editable documents (architecture.md, HTTP API: plan drafts,
 * cooperation agreements). One format for every service: the ETag is the document's version
 * number as a strong validator, `"3"`. An update needs `If-Match` (RFC 9110 §13.1.1):
 * 428 PRECONDITION_REQUIRED without it, 412 PRECONDITION_FAILED when no tag names the
 * current version, both problem+json naming `header.if-match`.
 *
 * For compatibility `If-Match` also accepts the forms answered or accepted before the
 * unification: the plan draft's `"r3"`, a weak `W/"3"` (it names the same version; the
 * comparison is on the version number) and `*` (any current version, RFC 9110 §13.1.1).
 * A list (`"2", "3"`) matches when one of its tags does.
 */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** What an `If-Match` header names: nothing, any version (`*`), or these versions. */
export type IfMatchTags = { kind: 'missing' } | { kind: 'any' } | { kind: 'versions'; versions: number[] };

const TAG = /^(?:W\/)?"r?(\d{1,15})"$/;

/** Parses `If-Match`; tags in no accepted form name no version (so they never match). */
export function parseIfMatch(header: string | readonly string[] | undefined): IfMatchTags {
  const value = typeof header === 'string' ? header : header?.join(',');
  if (value === undefined || value.trim() === '') return { kind: 'missing' };
  const tags = value
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (tags.includes('*')) return { kind: 'any' };
  const versions: number[] = [];
  for (const tag of tags) {
    const m = TAG.exec(tag);
    if (m?.[1] !== undefined) versions.push(Number(m[1]));
  }
  return { kind: 'versions', versions };
}

/**
 * Checks `If-Match` against the current version of a document (`what`, e.g. "the draft",
 * "the agreement", used in the problem's detail): 428 when it is missing, 412 when it is
 * stale. Call it after loading (and locking) the document and before changing anything.
 */
export function checkIfMatch(
  header: string | readonly string[] | undefined,
  current: number,
  what = 'the document',
): void {
  const tags = parseIfMatch(header);
  if (tags.kind === 'missing') {
    throw new AppError('PRECONDITION_REQUIRED', {
      detail: `Send If-Match: ${etagOf(current)} (the ETag of ${what} you read).`,
      errors: [{ location: 'header.if-match', message: 'is required', rule: 'required' }],
    });
  }
  if (tags.kind === 'any' || tags.versions.includes(current)) return;
  const sent = typeof header === 'string' ? header : (header ?? []).join(',');
  throw new AppError('PRECONDITION_FAILED', {
    detail: `${capitalise(what)} is now at ${etagOf(current)}; you sent ${sent.slice(0, 100)}. Read it again and reapply your change.`,
    errors: [{ location: 'header.if-match', message: `does not match ${etagOf(current)}`, rule: 'etag' }],
    extensions: { currentETag: etagOf(current), currentVersion: current },
  });
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The `if-match` request header of a route schema; the description says the format. */
export const IfMatchHeader = (what: string) =>
  Type.Optional(
    Type.String({
      maxLength: 200,
      description:
        `The ETag of ${what} you read, e.g. "3"; required (428 without it, 412 when ${what} has changed). ` +
        'The older forms "r3" and W/"3", and * (any version), are accepted too.',
    }),
  );
