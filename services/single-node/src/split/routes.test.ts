import { describe, expect, it } from 'vitest';
import { mergeOpenApi, ownerOf, routeTableOf } from './routes.js';

const doc = (paths: string[], schemas: Record<string, unknown> = {}) => ({
  openapi: '3.1.0',
  paths: Object.fromEntries(paths.map((p) => [p, { get: {} }])),
  components: { schemas },
  tags: [{ name: 'health' }],
});

describe('the split router’s route table', () => {
  const table = routeTableOf({
    resourcing: doc(['/health/live', '/v1/staff', '/v1/staff/{id}', '/v1/staff/{id}/allocations']),
    notifications: doc(['/health/live', '/v1/staff/me/notification-settings', '/v1/letters/{id}.pdf']),
    referrals: doc(['/v1/cases/{id}']),
    planning: doc(['/v1/cases/{caseId}/meetings']),
  });

  it('sends a path to the service whose document has it, the most literal segments winning', () => {
    expect(ownerOf(table, '/v1/staff/me/notification-settings')).toBe('notifications');
    expect(ownerOf(table, '/v1/staff/9/allocations')).toBe('resourcing');
    expect(ownerOf(table, '/v1/staff/me')).toBe('resourcing');
    expect(ownerOf(table, '/v1/cases/1')).toBe('referrals');
    expect(ownerOf(table, '/v1/cases/1/meetings?limit=5')).toBe('planning');
    expect(ownerOf(table, '/v1/letters/7.pdf')).toBe('notifications');
  });

  it('owns no platform path and no unknown path (the fallback service answers them)', () => {
    expect(ownerOf(table, '/health/live')).toBeNull();
    expect(ownerOf(table, '/v1/letters/7.txt')).toBeNull();
    expect(ownerOf(table, '/v1/cases//meetings')).toBeNull();
    expect(ownerOf(table, '/v1/nothing')).toBeNull();
  });

  it('merges the documents into one, and refuses two different definitions of one name', () => {
    const merged = mergeOpenApi(
      {
        a: doc(['/health/live', '/v1/a'], { Problem: { type: 'object' } }),
        b: doc(['/health/live', '/v1/b'], { Problem: { type: 'object' } }),
      },
      { title: 'TYM', version: '1', description: 'all' },
    );
    expect(Object.keys(merged.paths ?? {}).sort()).toEqual(['/health/live', '/v1/a', '/v1/b']);
    expect(merged.tags).toEqual([{ name: 'health' }]);
    expect(merged.info).toEqual({ title: 'TYM', version: '1', description: 'all' });
    expect(() =>
      mergeOpenApi(
        { a: doc([], { Problem: { type: 'object' } }), b: doc([], { Problem: { type: 'string' } }) },
        { title: 'TYM', version: '1', description: 'all' },
      ),
    ).toThrow(/Problem is defined differently/);
  });
});
