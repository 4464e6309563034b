import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { checkIfMatch, etagOf, parseIfMatch } from './if-match.js';

function problemOf(fn: () => void): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('If-Match', () => {
  it('answers one ETag format: the version number as a strong validator', () => {
    expect(etagOf(0)).toBe('"0"');
    expect(etagOf(3)).toBe('"3"');
  });

  it.each([
    ['"3"', [3]],
    ['"r3"', [3]],
    ['W/"3"', [3]],
    ['W/"r3"', [3]],
    ['"2", "3"', [2, 3]],
    [' "2" ,W/"r7"', [2, 7]],
    ['3', []],
    ['"x3"', []],
    ['"3', []],
    ['w/"3"', []],
  ])('parses %s', (header, versions) => {
    expect(parseIfMatch(header)).toEqual({ kind: 'versions', versions });
  });

  it('reads * as any version and an absent or blank header as missing', () => {
    expect(parseIfMatch('*')).toEqual({ kind: 'any' });
    expect(parseIfMatch('"1", *')).toEqual({ kind: 'any' });
    expect(parseIfMatch(undefined)).toEqual({ kind: 'missing' });
    expect(parseIfMatch('  ')).toEqual({ kind: 'missing' });
    expect(parseIfMatch(['"1"', '"2"'])).toEqual({ kind: 'versions', versions: [1, 2] });
  });

  it.each(['"3"', '"r3"', 'W/"3"', '*', '"1", "3"'])('accepts %s for version 3', (header) => {
    expect(() => checkIfMatch(header, 3)).not.toThrow();
  });

  it('is 428 PRECONDITION_REQUIRED without the header, naming it', () => {
    const p = problemOf(() => checkIfMatch(undefined, 3, 'the draft'));
    expect(p.code).toBe('PRECONDITION_REQUIRED');
    expect(p.errors).toEqual([{ location: 'header.if-match', message: 'is required', rule: 'required' }]);
    expect(p.detail).toContain('"3"');
  });

  it.each(['"2"', '"r2"', 'W/"4"', 'garbage', '"3x"'])(
    'is 412 PRECONDITION_FAILED for %s at version 3',
    (h) => {
      const p = problemOf(() => checkIfMatch(h, 3, 'the agreement'));
      expect(p.code).toBe('PRECONDITION_FAILED');
      expect(p.errors?.[0]?.location).toBe('header.if-match');
      expect(p.extensions).toEqual({ currentETag: '"3"', currentVersion: 3 });
      expect(p.detail).toMatch(/^The agreement is now at "3"/);
    },
  );
});
