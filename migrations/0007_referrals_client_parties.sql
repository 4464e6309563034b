DROP INDEX "referrals"."referrals_one_submitted_key";--> statement-breakpoint
ALTER TABLE "referrals"."referrals" ADD COLUMN "submitted_details" text;--> statement-breakpoint
ALTER TABLE "referrals"."referrals" ADD COLUMN "submitted_routing" jsonb;--> statement-breakpoint
ALTER TABLE "referrals"."referrals" ADD COLUMN "client_details_status" text;--> statement-breakpoint
ALTER TABLE "referrals"."referrals" ADD COLUMN "client_details_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals"."referrals" ADD COLUMN "client_details_decided_by_organisation" text;--> statement-breakpoint
ALTER TABLE "referrals"."referrals" ADD COLUMN "client_details_decided_by_sub" text;--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_one_submitted_per_referrer_key" ON "referrals"."referrals" USING btree ("client_id","cooperation_area_id","referring_organisation_code") WHERE "referrals"."referrals"."status" = 'submitted';--> statement-breakpoint
ALTER TABLE "referrals"."referrals" ADD CONSTRAINT "referrals_client_details_status_check" CHECK ("referrals"."referrals"."client_details_status" IS NULL OR "referrals"."referrals"."client_details_status" IN ('pending', 'applied', 'dismissed'));--> statement-breakpoint
-- A case's parties are the client's three (policy.ts clientPartyCodes): the employment authority
-- and HVA organiser of the home municipality, and Kela; not every party of the cooperation area.
UPDATE "referrals"."cases"
   SET "party_organisation_codes" = ARRAY(
         SELECT DISTINCT code FROM unnest(ARRAY["employment_authority_code", "wellbeing_county_organiser_code", 'kela']) AS code
          ORDER BY code);
