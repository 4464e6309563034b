import { sql } from 'drizzle-orm';
import { char, check, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { referralsSchema } from './_schema.js';

export interface ClientContactDetails {
  phone?: string;
  email?: string;
  streetAddress?: string;
  postalCode?: string;
  postOffice?: string;
}

export interface ClientSpecialArrangements {
  /** An interpreter is needed, in this language (ISO 639 code, or `sign_fi`, `sign_sv`). */
  interpreterLanguage?: string;
  accessibilityNeeds?: string;
  remoteOnly?: boolean;
}

/**
 * A TYM client (asiakas), 381/2023 §11(2). The personal identity code is stored only
 * encrypted (AES-256-GCM, key id inside the ciphertext, associated data `referrals.clients:<id>`
 * so a ciphertext cannot be moved to another row) with a keyed HMAC blind index of the
 * canonical code for exact lookup. The code itself never appears in plaintext here.
 */
export const clients = referralsSchema.table(
  'clients',
  {
    id: uuid('id').primaryKey(),
    identityCodeEncrypted: text('identity_code_encrypted').notNull(),
    identityCodeIndex: text('identity_code_index').notNull(),
    /**
     * `henkilotunnus`, or `temporary` for a temporary identifier (individual number 900–999),
     * which the referrer must declare (packages/domain hetu-type.ts).
     */
    identityCodeType: text('identity_code_type', { enum: ['henkilotunnus', 'temporary'] })
      .notNull()
      .default('henkilotunnus'),
    firstNames: text('first_names').notNull(),
    lastName: text('last_name').notNull(),
    homeMunicipalityCode: char('home_municipality_code', { length: 3 }).notNull(),
    /** `fi`, `sv` or another ISO 639 code. */
    preferredLanguage: text('preferred_language').notNull(),
    contactDetails: jsonb('contact_details').$type<ClientContactDetails>().notNull().default({}),
    specialArrangements: jsonb('special_arrangements')
      .$type<ClientSpecialArrangements>()
      .notNull()
      .default({}),
    /** The client's own wishes about information and its sharing; recorded, never a gate (§15). */
    informationWishes: text('information_wishes'),
    createdByOrganisation: text('created_by_organisation').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('clients_identity_code_index_key').on(t.identityCodeIndex),
    check('clients_home_municipality_code_check', sql`${t.homeMunicipalityCode} ~ '^[0-9]{3}$'`),
    check('clients_preferred_language_check', sql`${t.preferredLanguage} ~ '^[a-z]{2,3}$'`),
    check(
      'clients_names_check',
      sql`length(${t.firstNames}) BETWEEN 1 AND 200 AND length(${t.lastName}) BETWEEN 1 AND 200`,
    ),
    check('clients_identity_code_encrypted_check', sql`${t.identityCodeEncrypted} LIKE 'v1.%'`),
    check('clients_identity_code_type_check', sql`${t.identityCodeType} IN ('henkilotunnus', 'temporary')`),
  ],
);
