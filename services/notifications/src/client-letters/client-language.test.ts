import { describe, expect, it } from 'vitest';
import { clientMessageLanguages } from './client-language.js';

describe('the language of a message to the client (kielilaki 423/2003 §10)', () => {
  it('uses the recorded Finnish or Swedish', () => {
    expect(clientMessageLanguages('sv', 'bilingual')).toEqual({ languages: ['sv'], toBeAsked: false });
    expect(clientMessageLanguages('fi', 'sv')).toEqual({ languages: ['fi'], toBeAsked: false });
  });
  it('uses a unilingual home municipality’s language when the client’s is not Finnish or Swedish', () => {
    expect(clientMessageLanguages('und', 'sv')).toEqual({ languages: ['sv'], toBeAsked: false });
    expect(clientMessageLanguages('ru', 'fi')).toEqual({ languages: ['fi'], toBeAsked: false });
  });
  it('never presumes Finnish in a bilingual municipality: both languages, and staff are to ask', () => {
    expect(clientMessageLanguages('und', 'bilingual')).toEqual({ languages: ['fi', 'sv'], toBeAsked: true });
    expect(clientMessageLanguages('en', 'bilingual')).toEqual({ languages: ['fi', 'sv'], toBeAsked: true });
    expect(clientMessageLanguages('und', null)).toEqual({ languages: ['fi', 'sv'], toBeAsked: true });
  });
});
