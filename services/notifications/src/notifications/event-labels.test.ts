import { describe, expect, it } from 'vitest';
import { eventLabel } from './notification-texts.js';

describe('staff labels of the issue-11 hearing events', () => {
  it('names a refused review request and a recorded client participation in fi, sv and en', () => {
    for (const type of ['case.review_request_refused', 'plan.client_participation_recorded']) {
      for (const lang of ['fi', 'sv', 'en'] as const) expect(eventLabel(type, lang)).not.toBe(type);
    }
    expect(eventLabel('case.review_request_refused', 'sv')).toBe('Klientens begäran om granskning avslogs');
  });
});
