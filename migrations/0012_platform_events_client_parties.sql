-- Issue 10 item 1 for rows written before the rule: an event or deadline of a client once
-- named every party of the cooperation area (another employment authority included). Narrow
-- them to the client's three parties (services/referrals/src/policy/policy.ts
-- clientPartyCodes, as stored on the case by 0007), and a referral's to its client's parties
-- and the referring organisation.
UPDATE "platform"."events" e
   SET "organisation_codes" = ARRAY(
         SELECT unnest(e."organisation_codes") INTERSECT SELECT unnest(c."party_organisation_codes") ORDER BY 1)
  FROM "referrals"."cases" c
 WHERE e."case_id" = c."id"
   AND NOT (e."organisation_codes" <@ c."party_organisation_codes");--> statement-breakpoint
UPDATE "platform"."deadlines" d
   SET "organisation_codes" = ARRAY(
         SELECT unnest(d."organisation_codes") INTERSECT SELECT unnest(c."party_organisation_codes") ORDER BY 1)
  FROM "referrals"."cases" c
 WHERE d."case_id" = c."id"
   AND NOT (d."organisation_codes" <@ c."party_organisation_codes");--> statement-breakpoint
UPDATE "platform"."events" e
   SET "organisation_codes" = ARRAY(
         SELECT unnest(e."organisation_codes")
         INTERSECT
         SELECT unnest(ARRAY[r."employment_authority_code", r."wellbeing_county_organiser_code", 'kela', r."referring_organisation_code"])
         ORDER BY 1)
  FROM "referrals"."referrals" r
 WHERE e."case_id" IS NULL AND e."subject_type" = 'referral' AND e."subject_id" = r."id"::text;--> statement-breakpoint
UPDATE "platform"."deadlines" d
   SET "organisation_codes" = ARRAY(
         SELECT unnest(d."organisation_codes")
         INTERSECT
         SELECT unnest(ARRAY[r."employment_authority_code", r."wellbeing_county_organiser_code", 'kela', r."referring_organisation_code"])
         ORDER BY 1)
  FROM "referrals"."referrals" r
 WHERE d."case_id" IS NULL AND d."subject_type" = 'referral' AND d."subject_id" = r."id"::text;
