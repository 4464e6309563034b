import { pgSchema } from 'drizzle-orm/pg-core';

/**
 * The directory of the TYM model (381/2023): organisations and the party roles they hold,
 * municipalities, wellbeing services counties, employment areas, cooperation areas and the
 * staff each party assigns to them. Written only by services/resourcing.
 */
export const resourcing = pgSchema('resourcing');

/** The three party roles of 381/2023 (domain.md §1). One organisation may hold several. */
export const PARTY_ROLES = ['employment_authority', 'wellbeing_county', 'kela'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
