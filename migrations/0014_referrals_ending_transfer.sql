CREATE TABLE "referrals"."case_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"transferred_on" date NOT NULL,
	"from_cooperation_area_id" uuid NOT NULL,
	"from_employment_authority_code" text NOT NULL,
	"from_wellbeing_county_organiser_code" text NOT NULL,
	"to_cooperation_area_id" uuid NOT NULL,
	"to_employment_authority_code" text NOT NULL,
	"to_wellbeing_county_organiser_code" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_organisation" text NOT NULL,
	"actor_sub" text NOT NULL,
	CONSTRAINT "case_transfers_changes_check" CHECK (("referrals"."case_transfers"."from_employment_authority_code", "referrals"."case_transfers"."from_wellbeing_county_organiser_code", "referrals"."case_transfers"."from_cooperation_area_id") IS DISTINCT FROM ("referrals"."case_transfers"."to_employment_authority_code", "referrals"."case_transfers"."to_wellbeing_county_organiser_code", "referrals"."case_transfers"."to_cooperation_area_id"))
);
--> statement-breakpoint
ALTER TABLE "referrals"."case_ending_proposals" DROP CONSTRAINT "case_ending_proposals_reason_check";--> statement-breakpoint
ALTER TABLE "referrals"."cases" DROP CONSTRAINT "cases_end_reason_check";--> statement-breakpoint
ALTER TABLE "referrals"."case_ending_proposals" ADD COLUMN "ground" text DEFAULT 'support_no_longer_needed' NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals"."cases" ADD COLUMN "end_ground" text;--> statement-breakpoint
-- Ground and outcome apart (381/2023 §8 has one ground). Every ended case and every proposal
-- had that ground; the old reason codes become outcomes: coordination_no_longer_needed was the
-- ground itself and moved_away is now a transfer (or, abroad, moved_abroad — not knowable
-- from the old code), so both become 'other'. The case transitions keep the old code as written.
UPDATE "referrals"."cases" SET "end_ground" = 'support_no_longer_needed' WHERE "status" = 'ended';--> statement-breakpoint
UPDATE "referrals"."cases" SET "end_reason_code" = 'other' WHERE "end_reason_code" IN ('coordination_no_longer_needed', 'moved_away');--> statement-breakpoint
UPDATE "referrals"."case_ending_proposals" SET "reason_code" = 'other' WHERE "reason_code" IN ('coordination_no_longer_needed', 'moved_away');--> statement-breakpoint
ALTER TABLE "referrals"."case_transfers" ADD CONSTRAINT "case_transfers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "referrals"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_transfers_case_idx" ON "referrals"."case_transfers" USING btree ("case_id","at");--> statement-breakpoint
ALTER TABLE "referrals"."case_ending_proposals" ADD CONSTRAINT "case_ending_proposals_ground_check" CHECK ("referrals"."case_ending_proposals"."ground" IN ('support_no_longer_needed'));--> statement-breakpoint
ALTER TABLE "referrals"."case_ending_proposals" ADD CONSTRAINT "case_ending_proposals_reason_check" CHECK ("referrals"."case_ending_proposals"."reason_code" IN ('employed', 'education', 'other_services', 'moved_abroad', 'deceased', 'other'));--> statement-breakpoint
ALTER TABLE "referrals"."cases" ADD CONSTRAINT "cases_end_ground_check" CHECK ("referrals"."cases"."end_ground" IS NULL OR ("referrals"."cases"."status" = 'ended' AND "referrals"."cases"."end_ground" IN ('support_no_longer_needed')));--> statement-breakpoint
ALTER TABLE "referrals"."cases" ADD CONSTRAINT "cases_end_reason_check" CHECK ("referrals"."cases"."end_reason_code" IS NULL OR "referrals"."cases"."end_reason_code" IN ('employed', 'education', 'other_services', 'moved_abroad', 'deceased', 'other'));