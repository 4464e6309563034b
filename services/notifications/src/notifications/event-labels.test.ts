import { describe, expect, it } from 'vitest';
import { eventLabel, renderNotification } from './notification-texts.js';

const CASE = 'e74da8e7-0000-4000-8000-000000000001';

describe('staff labels of the issue-11 hearing events', () => {
  it('names a refused review request and a recorded client participation in fi, sv and en', () => {
    for (const type of ['case.review_request_refused', 'plan.client_participation_recorded']) {
      for (const lang of ['fi', 'sv', 'en'] as const) expect(eventLabel(type, lang)).not.toBe(type);
    }
    expect(eventLabel('case.review_request_refused', 'sv')).toBe('Klientens begäran om granskning avslogs');
  });
});

describe('notices of plan events (issue 15: "plan.reviewed – TYM-E74DA8E7")', () => {
  it('titles a submitted and a reviewed plan readably, never with the raw type', () => {
    const params = {
      caseId: CASE,
      reviewedOn: '2026-06-15',
      nextReviewDueOn: '2026-09-15',
      draftRevision: 3,
    };
    const reviewed = renderNotification('plan.reviewed', params, 'en', 'https://tym.example.fi');
    expect(reviewed.title).toBe('Plan reviewed – TYM-E74DA8E7');
    expect(reviewed.body).toBe(
      'The plan of case TYM-E74DA8E7 was reviewed on 2026-06-15. Next review by 2026-09-15.',
    );
    expect(reviewed.link).toBe(`https://tym.example.fi/v1/cases/${CASE}`);
    expect(renderNotification('plan.reviewed', params, 'fi', '').body).toBe(
      'Asiakkuuden TYM-E74DA8E7 suunnitelma tarkistettiin 15.6.2026. Seuraava tarkistus viimeistään 15.9.2026.',
    );
    for (const lang of ['fi', 'sv', 'en'] as const) {
      for (const type of ['plan.submitted', 'plan.reviewed']) {
        const n = renderNotification(type, params, lang, '');
        expect(n.title, `${type} ${lang}`).not.toContain(type);
        expect(n.body, `${type} ${lang}`).not.toContain(type);
      }
    }
  });

  it('falls back to the readable label when an old notice lacks a value its text names', () => {
    const n = renderNotification('plan.reviewed', { caseId: CASE }, 'sv', '');
    expect(n).toMatchObject({
      title: 'Planen granskad – TYM-E74DA8E7',
      body: 'Planen granskad – TYM-E74DA8E7.',
    });
    expect(renderNotification('no.such_type', {}, 'fi', '').title).toBe('Tapahtuma');
  });
});
