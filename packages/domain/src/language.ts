/** The service's languages: Finnish, Swedish (both national languages) and English. */
export type Lang = 'fi' | 'sv' | 'en';

export const LANGS = ['fi', 'sv', 'en'] as const satisfies readonly Lang[];

/** A text in every language of the service. */
export type Localized = Record<Lang, string>;
