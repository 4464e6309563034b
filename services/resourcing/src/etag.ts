import { AppError } from '@tym/platform';

/**
 * Versioned documents (cooperation agreements) carry a strong ETag, the version number in
 * quotes (`"3"`); a change needs `If-Match` with it (architecture.md, HTTP API): 428 without
 * the header, 412 when it names another version. A weak validator (`W/"3"`) is accepted,
 * since it names the same version.
 */
export function etagOf(version: number): string {
  return `"${version}"`;
}

export function expectedVersion(header: string | string[] | undefined, current: number): void {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') {
    throw new AppError('PRECONDITION_REQUIRED', {
      detail: `Send If-Match: ${etagOf(current)} (the ETag of the version you changed).`,
      errors: [{ location: 'header.if-match', message: 'is required', rule: 'required' }],
    });
  }
  const tags = value.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes(etagOf(current)) && !tags.includes('*')) {
    throw new AppError('PRECONDITION_FAILED', {
      detail: `The agreement is at version ${current}; you sent ${value}. Read it again and reapply your change.`,
      errors: [{ location: 'header.if-match', message: `does not match ${etagOf(current)}`, rule: 'etag' }],
      extensions: { currentVersion: current },
    });
  }
}
