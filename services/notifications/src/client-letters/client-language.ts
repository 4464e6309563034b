/** The two national languages a message to the client is written in. */
export type ClientLanguage = 'fi' | 'sv';

export interface ClientLanguageChoice {
  /** One language, or both (Finnish first) when the client's language is not known. */
  languages: ClientLanguage[];
  /** Staff must ask the client's language and record it (shown with the letters). */
  toBeAsked: boolean;
}

/**
 * The language of messages and letters to the client (kielilaki 423/2003 §10, §12, §23;
 * 381/2023 is served by municipal and state authorities alike):
 *
 * - The client's recorded language, Finnish or Swedish, is used (§10: everyone may use
 *   Finnish or Swedish with a bilingual authority, and a state authority such as Kela).
 * - Otherwise (not asked yet — recorded as `und` — or another language): in a unilingual
 *   home municipality its language is used (§10(2)); in a bilingual municipality, or when
 *   the municipality is not known, the authority must not presume Finnish. Holding the
 *   message until someone asks would leave the client without the information the law
 *   gives them (the decision on the referral, the plan), so the message goes out in **both
 *   languages**, Finnish first, as a bilingual authority's notices to the public do (§32),
 *   and is flagged so that staff ask the client's language and record it for what follows.
 */
export function clientMessageLanguages(
  preferredLanguage: string,
  municipalityLanguage: 'fi' | 'sv' | 'bilingual' | null,
): ClientLanguageChoice {
  if (preferredLanguage === 'fi' || preferredLanguage === 'sv') {
    return { languages: [preferredLanguage], toBeAsked: false };
  }
  if (municipalityLanguage === 'fi' || municipalityLanguage === 'sv') {
    return { languages: [municipalityLanguage], toBeAsked: false };
  }
  return { languages: ['fi', 'sv'], toBeAsked: true };
}
