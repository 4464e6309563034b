import { AppError } from '@tym/platform';
import { describe, expect, it } from 'vitest';
import { type DraftInput, normaliseDraft } from './plan-draft.rules.js';

const parties = new Set(['kela', 'ea-kerava-sipoo', 'hva-vantaa-kerava']);
const action = (over: Partial<DraftInput['actions'][number]> = {}): DraftInput['actions'][number] => ({
  ownerOrganisationCode: 'kela',
  type: 'rehabilitation',
  description: 'Vocational rehabilitation assessment',
  ...over,
});

function problems(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a problem');
}

describe('normaliseDraft', () => {
  it('gives new actions ids, keeps known ones with their source decision, and fills nulls', () => {
    const previous = {
      actions: [
        {
          id: 'a1',
          ownerOrganisationCode: 'kela',
          type: 'rehabilitation' as const,
          description: 'old',
          responsiblePerson: null,
          dueOn: null,
          sourceDecisionId: 'd1',
        },
      ],
    };
    const out = normaliseDraft(
      {
        actions: [
          action({ id: 'a1', dueOn: '2026-05-01' }),
          action({ ownerOrganisationCode: 'ea-kerava-sipoo' }),
        ],
        workSearch: { obligation: 'exempted', exemptionReason: 'studies' },
        rehabilitativeWorkActivity: { agreed: false },
        kelaRehabilitationNeeded: true,
      },
      previous,
      new Set(),
      parties,
    );
    expect(out.actions[0]).toEqual({
      id: 'a1',
      ownerOrganisationCode: 'kela',
      type: 'rehabilitation',
      description: 'Vocational rehabilitation assessment',
      responsiblePerson: null,
      dueOn: '2026-05-01',
      sourceDecisionId: 'd1',
    });
    expect(out.actions[1]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.actions[1]?.sourceDecisionId).toBeNull();
    expect(out.workSearch).toEqual({ obligation: 'exempted', exemptionReason: 'studies' });
    expect(out.rehabilitativeWorkActivity).toEqual({ agreed: false, benefitsExplainedOn: null });
    expect(out.kelaRehabilitationNeeded).toBe(true);
    expect(out).not.toHaveProperty('goals');
  });

  it('accepts the id of an action in force that the draft no longer lists', () => {
    const out = normaliseDraft({ actions: [action({ id: 'live' })] }, null, new Set(['live']), parties);
    expect(out.actions[0]?.id).toBe('live');
  });

  it('reports every problem with its location; the first one gives the code', () => {
    const p = problems(() =>
      normaliseDraft(
        {
          actions: [action({ id: 'x' }), action({ ownerOrganisationCode: 'stranger' })],
          workSearch: { obligation: 'applies', exemptionReason: 'none' },
        },
        null,
        new Set(),
        parties,
      ),
    );
    expect(p.code).toBe('PLAN_ACTION_UNKNOWN');
    expect(p.errors?.map((e) => e.location)).toEqual([
      'body.actions[0].id',
      'body.actions[1].ownerOrganisationCode',
      'body.workSearch.exemptionReason',
    ]);
  });

  it('refuses an action listed twice', () => {
    const p = problems(() =>
      normaliseDraft(
        { actions: [action({ id: 'live' }), action({ id: 'live' })] },
        null,
        new Set(['live']),
        parties,
      ),
    );
    expect(p.code).toBe('PLAN_CONTENT_INVALID');
    expect(p.errors).toEqual([
      { location: 'body.actions[1].id', message: 'is listed twice', rule: 'unique' },
    ]);
  });
});
