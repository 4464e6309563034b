CREATE SCHEMA "referrals";
--> statement-breakpoint
CREATE TABLE "referrals"."access_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"request_id" text NOT NULL,
	"actor_sub" text NOT NULL,
	"actor_organisation" text NOT NULL,
	"actor_roles" text[] NOT NULL,
	"action" text NOT NULL,
	"resource_type" text NOT NULL,
	"resource_id" text,
	"client_id" uuid,
	"purpose" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals"."case_duty_explanations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"explained_on" date NOT NULL,
	"explained_by_organisation" text NOT NULL,
	"explained_by_sub" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals"."case_ending_confirmations" (
	"proposal_id" uuid NOT NULL,
	"organisation_code" text NOT NULL,
	"confirmed_by_sub" text NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_ending_confirmations_proposal_id_organisation_code_pk" PRIMARY KEY("proposal_id","organisation_code")
);
--> statement-breakpoint
CREATE TABLE "referrals"."case_ending_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"reason_code" text NOT NULL,
	"required_organisation_codes" text[] NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"proposed_by_organisation" text NOT NULL,
	"proposed_by_sub" text NOT NULL,
	"closed_at" timestamp with time zone,
	"objected_by_organisation" text,
	"objected_by_sub" text,
	"objection_text" text,
	CONSTRAINT "case_ending_proposals_status_check" CHECK ("referrals"."case_ending_proposals"."status" IN ('open', 'completed', 'objected')),
	CONSTRAINT "case_ending_proposals_reason_check" CHECK ("referrals"."case_ending_proposals"."reason_code" IN ('employed', 'education', 'coordination_no_longer_needed', 'moved_away', 'other')),
	CONSTRAINT "case_ending_proposals_required_check" CHECK (cardinality("referrals"."case_ending_proposals"."required_organisation_codes") >= 1),
	CONSTRAINT "case_ending_proposals_closed_check" CHECK (("referrals"."case_ending_proposals"."status" = 'open') = ("referrals"."case_ending_proposals"."closed_at" IS NULL) AND ("referrals"."case_ending_proposals"."status" = 'objected') = ("referrals"."case_ending_proposals"."objected_by_sub" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "referrals"."case_review_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"requested_on" date NOT NULL,
	"channel" text NOT NULL,
	"due_on" date NOT NULL,
	"recorded_by_organisation" text NOT NULL,
	"recorded_by_sub" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_review_requests_channel_check" CHECK ("referrals"."case_review_requests"."channel" IN ('in_person', 'phone', 'written', 'electronic'))
);
--> statement-breakpoint
CREATE TABLE "referrals"."case_team_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"organisation_code" text NOT NULL,
	"subject" text NOT NULL,
	"role" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	"added_by_organisation" text NOT NULL,
	"added_by_sub" text NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by_organisation" text,
	"removed_by_sub" text,
	CONSTRAINT "case_team_members_role_check" CHECK ("referrals"."case_team_members"."role" IN ('responsible', 'member')),
	CONSTRAINT "case_team_members_removed_check" CHECK (("referrals"."case_team_members"."removed_at" IS NULL) = ("referrals"."case_team_members"."removed_by_sub" IS NULL AND "referrals"."case_team_members"."removed_by_organisation" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "referrals"."case_transitions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_organisation" text NOT NULL,
	"actor_sub" text NOT NULL,
	"reason_code" text,
	CONSTRAINT "case_transitions_status_check" CHECK ("referrals"."case_transitions"."to_status" IN ('assessment', 'active', 'ended') AND ("referrals"."case_transitions"."from_status" IS NULL OR "referrals"."case_transitions"."from_status" IN ('assessment', 'active', 'ended')))
);
--> statement-breakpoint
CREATE TABLE "referrals"."cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"cooperation_area_id" uuid NOT NULL,
	"employment_authority_code" text NOT NULL,
	"wellbeing_county_organiser_code" text NOT NULL,
	"party_organisation_codes" text[] NOT NULL,
	"status" text DEFAULT 'assessment' NOT NULL,
	"assessment_started_on" date NOT NULL,
	"plan_due_on" date NOT NULL,
	"activated_on" date,
	"ended_on" date,
	"end_reason_code" text,
	"erasure_due_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cases_status_check" CHECK ("referrals"."cases"."status" IN ('assessment', 'active', 'ended')),
	CONSTRAINT "cases_ended_check" CHECK (("referrals"."cases"."status" = 'ended') = ("referrals"."cases"."ended_on" IS NOT NULL AND "referrals"."cases"."end_reason_code" IS NOT NULL AND "referrals"."cases"."erasure_due_on" IS NOT NULL)),
	CONSTRAINT "cases_end_reason_check" CHECK ("referrals"."cases"."end_reason_code" IS NULL OR "referrals"."cases"."end_reason_code" IN ('employed', 'education', 'coordination_no_longer_needed', 'moved_away', 'other')),
	CONSTRAINT "cases_plan_due_check" CHECK ("referrals"."cases"."plan_due_on" > "referrals"."cases"."assessment_started_on"),
	CONSTRAINT "cases_activated_on_check" CHECK (("referrals"."cases"."activated_on" IS NULL OR "referrals"."cases"."activated_on" >= "referrals"."cases"."assessment_started_on") AND ("referrals"."cases"."status" = 'assessment' OR "referrals"."cases"."activated_on" IS NOT NULL OR "referrals"."cases"."status" = 'ended')),
	CONSTRAINT "cases_ended_on_check" CHECK ("referrals"."cases"."ended_on" IS NULL OR "referrals"."cases"."ended_on" >= "referrals"."cases"."assessment_started_on")
);
--> statement-breakpoint
CREATE TABLE "referrals"."clients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"identity_code_encrypted" text NOT NULL,
	"identity_code_index" text NOT NULL,
	"first_names" text NOT NULL,
	"last_name" text NOT NULL,
	"home_municipality_code" char(3) NOT NULL,
	"preferred_language" text NOT NULL,
	"contact_details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"special_arrangements" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"information_wishes" text,
	"created_by_organisation" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "clients_home_municipality_code_check" CHECK ("referrals"."clients"."home_municipality_code" ~ '^[0-9]{3}$'),
	CONSTRAINT "clients_preferred_language_check" CHECK ("referrals"."clients"."preferred_language" ~ '^[a-z]{2,3}$'),
	CONSTRAINT "clients_names_check" CHECK (length("referrals"."clients"."first_names") BETWEEN 1 AND 200 AND length("referrals"."clients"."last_name") BETWEEN 1 AND 200),
	CONSTRAINT "clients_identity_code_encrypted_check" CHECK ("referrals"."clients"."identity_code_encrypted" LIKE 'v1.%')
);
--> statement-breakpoint
CREATE TABLE "referrals"."referral_transitions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"referral_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_organisation" text NOT NULL,
	"actor_sub" text NOT NULL,
	"reason_code" text,
	"reason_text" text,
	CONSTRAINT "referral_transitions_status_check" CHECK ("referrals"."referral_transitions"."to_status" IN ('submitted', 'accepted', 'declined', 'withdrawn') AND ("referrals"."referral_transitions"."from_status" IS NULL OR "referrals"."referral_transitions"."from_status" IN ('submitted', 'accepted', 'declined', 'withdrawn')))
);
--> statement-breakpoint
CREATE TABLE "referrals"."referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"cooperation_area_id" uuid NOT NULL,
	"home_municipality_code" char(3) NOT NULL,
	"employment_authority_code" text NOT NULL,
	"wellbeing_county_organiser_code" text NOT NULL,
	"referring_organisation_code" text NOT NULL,
	"referred_by_sub" text NOT NULL,
	"grounds" text[] NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_on" date NOT NULL,
	"respond_by" date NOT NULL,
	"response_days" integer NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by_organisation" text,
	"decided_by_sub" text,
	"decline_reason_code" text,
	"decline_reason_text" text,
	"case_id" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "referrals_status_check" CHECK ("referrals"."referrals"."status" IN ('submitted', 'accepted', 'declined', 'withdrawn')),
	CONSTRAINT "referrals_grounds_check" CHECK (cardinality("referrals"."referrals"."grounds") BETWEEN 1 AND 3 AND "referrals"."referrals"."grounds" <@ ARRAY['work_capacity_limitations', 'functional_capacity_limitations', 'life_management_problems']::text[]),
	CONSTRAINT "referrals_decline_check" CHECK (("referrals"."referrals"."status" = 'declined') = ("referrals"."referrals"."decline_reason_code" IS NOT NULL) AND ("referrals"."referrals"."decline_reason_code" IS NULL OR "referrals"."referrals"."decline_reason_code" IN ('single_authority_sufficient', 'not_unemployed', 'wrong_area', 'duplicate', 'other'))),
	CONSTRAINT "referrals_case_check" CHECK (("referrals"."referrals"."status" = 'accepted') = ("referrals"."referrals"."case_id" IS NOT NULL)),
	CONSTRAINT "referrals_respond_by_check" CHECK ("referrals"."referrals"."respond_by" >= "referrals"."referrals"."submitted_on"),
	CONSTRAINT "referrals_response_days_check" CHECK ("referrals"."referrals"."response_days" BETWEEN 1 AND 365),
	CONSTRAINT "referrals_description_check" CHECK (length("referrals"."referrals"."description") BETWEEN 1 AND 4000)
);
--> statement-breakpoint
ALTER TABLE "referrals"."case_duty_explanations" ADD CONSTRAINT "case_duty_explanations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "referrals"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals"."case_ending_confirmations" ADD CONSTRAINT "case_ending_confirmations_proposal_id_case_ending_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "referrals"."case_ending_proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals"."case_ending_proposals" ADD CONSTRAINT "case_ending_proposals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "referrals"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals"."case_review_requests" ADD CONSTRAINT "case_review_requests_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "referrals"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals"."case_team_members" ADD CONSTRAINT "case_team_members_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "referrals"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals"."case_transitions" ADD CONSTRAINT "case_transitions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "referrals"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals"."cases" ADD CONSTRAINT "cases_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "referrals"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals"."cases" ADD CONSTRAINT "cases_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "referrals"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals"."referral_transitions" ADD CONSTRAINT "referral_transitions_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "referrals"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals"."referrals" ADD CONSTRAINT "referrals_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "referrals"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_log_client_idx" ON "referrals"."access_log" USING btree ("client_id","id");--> statement-breakpoint
CREATE INDEX "access_log_occurred_idx" ON "referrals"."access_log" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "case_duty_explanations_case_idx" ON "referrals"."case_duty_explanations" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_ending_proposals_one_open_key" ON "referrals"."case_ending_proposals" USING btree ("case_id") WHERE "referrals"."case_ending_proposals"."status" = 'open';--> statement-breakpoint
CREATE INDEX "case_ending_proposals_case_idx" ON "referrals"."case_ending_proposals" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_review_requests_case_idx" ON "referrals"."case_review_requests" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_team_members_one_current_key" ON "referrals"."case_team_members" USING btree ("case_id","staff_id") WHERE "referrals"."case_team_members"."removed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "case_team_members_member_idx" ON "referrals"."case_team_members" USING btree ("organisation_code","subject","case_id") WHERE "referrals"."case_team_members"."removed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "case_team_members_staff_idx" ON "referrals"."case_team_members" USING btree ("staff_id") WHERE "referrals"."case_team_members"."removed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "case_transitions_case_idx" ON "referrals"."case_transitions" USING btree ("case_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_one_open_per_client_area_key" ON "referrals"."cases" USING btree ("client_id","cooperation_area_id") WHERE "referrals"."cases"."status" <> 'ended';--> statement-breakpoint
CREATE UNIQUE INDEX "cases_referral_key" ON "referrals"."cases" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "cases_area_status_idx" ON "referrals"."cases" USING btree ("cooperation_area_id","status");--> statement-breakpoint
CREATE INDEX "cases_client_idx" ON "referrals"."cases" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "cases_created_idx" ON "referrals"."cases" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "cases_party_organisation_codes_idx" ON "referrals"."cases" USING gin ("party_organisation_codes");--> statement-breakpoint
CREATE UNIQUE INDEX "clients_identity_code_index_key" ON "referrals"."clients" USING btree ("identity_code_index");--> statement-breakpoint
CREATE INDEX "referral_transitions_referral_idx" ON "referrals"."referral_transitions" USING btree ("referral_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_one_submitted_key" ON "referrals"."referrals" USING btree ("client_id","cooperation_area_id") WHERE "referrals"."referrals"."status" = 'submitted';--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_case_key" ON "referrals"."referrals" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "referrals_inbox_idx" ON "referrals"."referrals" USING btree ("cooperation_area_id","status","submitted_at","id");--> statement-breakpoint
CREATE INDEX "referrals_referrer_idx" ON "referrals"."referrals" USING btree ("referring_organisation_code","referred_by_sub");--> statement-breakpoint
CREATE INDEX "referrals_client_idx" ON "referrals"."referrals" USING btree ("client_id");