CREATE SCHEMA "resourcing";
--> statement-breakpoint
CREATE TABLE "resourcing"."agreement_approvals" (
	"agreement_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"organisation_code" text NOT NULL,
	"approved_on" date NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by_sub" text NOT NULL,
	CONSTRAINT "agreement_approvals_agreement_id_version_organisation_code_pk" PRIMARY KEY("agreement_id","version","organisation_code")
);
--> statement-breakpoint
CREATE TABLE "resourcing"."agreement_commitments" (
	"agreement_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"organisation_code" text NOT NULL,
	"task_title" text NOT NULL,
	"headcount" integer NOT NULL,
	"fte" numeric(8, 3) NOT NULL,
	CONSTRAINT "agreement_commitments_agreement_id_version_ordinal_pk" PRIMARY KEY("agreement_id","version","ordinal"),
	CONSTRAINT "agreement_commitments_headcount_check" CHECK ("resourcing"."agreement_commitments"."headcount" >= 1),
	CONSTRAINT "agreement_commitments_fte_check" CHECK ("resourcing"."agreement_commitments"."fte" > 0 AND "resourcing"."agreement_commitments"."fte" <= "resourcing"."agreement_commitments"."headcount"),
	CONSTRAINT "agreement_commitments_task_title_check" CHECK (length("resourcing"."agreement_commitments"."task_title") BETWEEN 1 AND 200)
);
--> statement-breakpoint
CREATE TABLE "resourcing"."agreement_parties" (
	"agreement_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"organisation_code" text NOT NULL,
	"roles" text[] NOT NULL,
	"cost_share_basis_points" integer,
	CONSTRAINT "agreement_parties_agreement_id_version_organisation_code_pk" PRIMARY KEY("agreement_id","version","organisation_code"),
	CONSTRAINT "agreement_parties_share_check" CHECK ("resourcing"."agreement_parties"."cost_share_basis_points" IS NULL OR "resourcing"."agreement_parties"."cost_share_basis_points" BETWEEN 0 AND 10000)
);
--> statement-breakpoint
CREATE TABLE "resourcing"."agreement_staffing_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"agreement_version" integer NOT NULL,
	"reviewed_on" date NOT NULL,
	"adequate" boolean NOT NULL,
	"conclusion" text NOT NULL,
	"next_review_due_on" date NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by_organisation" text NOT NULL,
	"recorded_by_sub" text NOT NULL,
	CONSTRAINT "agreement_staffing_reviews_conclusion_check" CHECK (length("resourcing"."agreement_staffing_reviews"."conclusion") BETWEEN 1 AND 4000),
	CONSTRAINT "agreement_staffing_reviews_due_check" CHECK ("resourcing"."agreement_staffing_reviews"."next_review_due_on" > "resourcing"."agreement_staffing_reviews"."reviewed_on")
);
--> statement-breakpoint
CREATE TABLE "resourcing"."agreement_versions" (
	"agreement_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"services_arrangement" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"cost_sharing_method" text NOT NULL,
	"kela_contribution_kind" text NOT NULL,
	"kela_amount_cents" bigint,
	"kela_share_basis_points" integer,
	"referral_response_days" integer NOT NULL,
	"review_request_response_days" integer NOT NULL,
	"reminder_lead_days" integer[] NOT NULL,
	"target_caseload_per_fte" numeric(6, 2) NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_organisation" text NOT NULL,
	"created_by_sub" text NOT NULL,
	CONSTRAINT "agreement_versions_agreement_id_version_pk" PRIMARY KEY("agreement_id","version"),
	CONSTRAINT "agreement_versions_validity_check" CHECK ("resourcing"."agreement_versions"."valid_to" IS NULL OR "resourcing"."agreement_versions"."valid_to" >= "resourcing"."agreement_versions"."valid_from"),
	CONSTRAINT "agreement_versions_cost_sharing_check" CHECK ("resourcing"."agreement_versions"."cost_sharing_method" IN ('proportional_to_fte', 'agreed_percentages')),
	CONSTRAINT "agreement_versions_kela_check" CHECK (("resourcing"."agreement_versions"."kela_contribution_kind" = 'amount' AND "resourcing"."agreement_versions"."kela_amount_cents" >= 0 AND "resourcing"."agreement_versions"."kela_share_basis_points" IS NULL)
       OR ("resourcing"."agreement_versions"."kela_contribution_kind" = 'share' AND "resourcing"."agreement_versions"."kela_share_basis_points" BETWEEN 0 AND 10000 AND "resourcing"."agreement_versions"."kela_amount_cents" IS NULL)),
	CONSTRAINT "agreement_versions_settings_check" CHECK ("resourcing"."agreement_versions"."referral_response_days" BETWEEN 1 AND 365 AND "resourcing"."agreement_versions"."review_request_response_days" BETWEEN 1 AND 365 AND "resourcing"."agreement_versions"."target_caseload_per_fte" > 0)
);
--> statement-breakpoint
CREATE TABLE "resourcing"."agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperation_area_id" uuid NOT NULL,
	"management_group_id" uuid NOT NULL,
	"current_version" integer NOT NULL,
	"approved_version" integer,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "agreements_version_check" CHECK ("resourcing"."agreements"."current_version" >= 1),
	CONSTRAINT "agreements_approved_version_check" CHECK ("resourcing"."agreements"."approved_version" IS NULL OR "resourcing"."agreements"."approved_version" BETWEEN 1 AND "resourcing"."agreements"."current_version"),
	CONSTRAINT "agreements_validity_check" CHECK ("resourcing"."agreements"."valid_to" IS NULL OR "resourcing"."agreements"."valid_to" >= "resourcing"."agreements"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "resourcing"."cooperation_area_parties" (
	"cooperation_area_id" uuid NOT NULL,
	"organisation_code" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "cooperation_area_parties_cooperation_area_id_organisation_code_role_pk" PRIMARY KEY("cooperation_area_id","organisation_code","role"),
	CONSTRAINT "cooperation_area_parties_role_check" CHECK ("resourcing"."cooperation_area_parties"."role" IN ('employment_authority', 'wellbeing_county', 'kela'))
);
--> statement-breakpoint
CREATE TABLE "resourcing"."cooperation_areas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_fi" text NOT NULL,
	"name_sv" text NOT NULL,
	"wellbeing_county_id" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cooperation_areas_code_check" CHECK ("resourcing"."cooperation_areas"."code" ~ '^[a-z0-9][a-z0-9-]{0,62}$')
);
--> statement-breakpoint
CREATE TABLE "resourcing"."employment_area_municipalities" (
	"municipality_code" char(3) PRIMARY KEY NOT NULL,
	"employment_area_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resourcing"."employment_areas" (
	"id" text PRIMARY KEY NOT NULL,
	"name_fi" text NOT NULL,
	"name_provisional" boolean DEFAULT false NOT NULL,
	"model" text NOT NULL,
	"host_municipality_code" char(3),
	"status" text NOT NULL,
	"organisation_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employment_areas_id_check" CHECK ("resourcing"."employment_areas"."id" ~ '^[a-z0-9][a-z0-9-]{0,59}$'),
	CONSTRAINT "employment_areas_model_check" CHECK ("resourcing"."employment_areas"."model" IN ('alone', 'host_municipality', 'joint_authority')),
	CONSTRAINT "employment_areas_status_check" CHECK ("resourcing"."employment_areas"."status" IN ('verified', 'derived', 'administered')),
	CONSTRAINT "employment_areas_name_check" CHECK (length("resourcing"."employment_areas"."name_fi") > 0)
);
--> statement-breakpoint
CREATE TABLE "resourcing"."management_group_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"management_group_id" uuid NOT NULL,
	"organisation_code" text NOT NULL,
	"position" text NOT NULL,
	"ordinal" integer NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"staff_id" uuid,
	"deputy_name" text NOT NULL,
	"deputy_title" text,
	"deputy_staff_id" uuid,
	CONSTRAINT "management_group_members_position_check" CHECK ("resourcing"."management_group_members"."position" IN ('chair', 'vice_chair', 'member')),
	CONSTRAINT "management_group_members_names_check" CHECK (length("resourcing"."management_group_members"."name") BETWEEN 1 AND 200 AND length("resourcing"."management_group_members"."deputy_name") BETWEEN 1 AND 200)
);
--> statement-breakpoint
CREATE TABLE "resourcing"."management_group_targets" (
	"management_group_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"indicator" text NOT NULL,
	"label" text NOT NULL,
	"target_value" numeric(14, 3) NOT NULL,
	"unit" text NOT NULL,
	"ordinal" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "management_group_targets_management_group_id_year_indicator_pk" PRIMARY KEY("management_group_id","year","indicator"),
	CONSTRAINT "management_group_targets_year_check" CHECK ("resourcing"."management_group_targets"."year" BETWEEN 2025 AND 2100),
	CONSTRAINT "management_group_targets_indicator_check" CHECK ("resourcing"."management_group_targets"."indicator" ~ '^[a-z][a-z0-9_]{0,62}$')
);
--> statement-breakpoint
CREATE TABLE "resourcing"."management_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperation_area_id" uuid NOT NULL,
	"wellbeing_county_id" text NOT NULL,
	"employment_authority_code" text NOT NULL,
	"term_start_on" date NOT NULL,
	"term_end_on" date NOT NULL,
	"leading_person_name" text,
	"leading_person_deputy_name" text,
	"leading_persons_approved_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "management_groups_term_check" CHECK ("resourcing"."management_groups"."term_end_on" > "resourcing"."management_groups"."term_start_on"),
	CONSTRAINT "management_groups_version_check" CHECK ("resourcing"."management_groups"."version" >= 1),
	CONSTRAINT "management_groups_leading_persons_check" CHECK ("resourcing"."management_groups"."leading_persons_approved_on" IS NULL OR "resourcing"."management_groups"."leading_person_name" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "resourcing"."municipalities" (
	"code" char(3) PRIMARY KEY NOT NULL,
	"name_fi" text NOT NULL,
	"name_sv" text NOT NULL,
	"language" text NOT NULL,
	"region_fi" text NOT NULL,
	"wellbeing_county_id" text,
	CONSTRAINT "municipalities_code_check" CHECK ("resourcing"."municipalities"."code" ~ '^[0-9]{3}$'),
	CONSTRAINT "municipalities_language_check" CHECK ("resourcing"."municipalities"."language" IN ('fi', 'sv', 'bilingual'))
);
--> statement-breakpoint
CREATE TABLE "resourcing"."organisation_roles" (
	"organisation_code" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "organisation_roles_organisation_code_role_pk" PRIMARY KEY("organisation_code","role"),
	CONSTRAINT "organisation_roles_role_check" CHECK ("resourcing"."organisation_roles"."role" IN ('employment_authority', 'wellbeing_county', 'kela'))
);
--> statement-breakpoint
CREATE TABLE "resourcing"."organisations" (
	"code" text PRIMARY KEY NOT NULL,
	"name_fi" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_code_check" CHECK ("resourcing"."organisations"."code" ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
	CONSTRAINT "organisations_kind_check" CHECK ("resourcing"."organisations"."kind" IN ('municipality', 'employment_area', 'joint_municipal_authority', 'wellbeing_county', 'kela')),
	CONSTRAINT "organisations_names_check" CHECK (length("resourcing"."organisations"."name_fi") > 0 AND length("resourcing"."organisations"."name_sv") > 0 AND length("resourcing"."organisations"."name_en") > 0)
);
--> statement-breakpoint
CREATE TABLE "resourcing"."quota_states" (
	"cooperation_area_id" uuid NOT NULL,
	"organisation_code" text NOT NULL,
	"status" text NOT NULL,
	"previous_status" text,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "quota_states_cooperation_area_id_organisation_code_pk" PRIMARY KEY("cooperation_area_id","organisation_code"),
	CONSTRAINT "quota_states_status_check" CHECK ("resourcing"."quota_states"."status" IN ('ok', 'below_commitment', 'over_capacity', 'no_commitment'))
);
--> statement-breakpoint
CREATE TABLE "resourcing"."staff" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_code" text NOT NULL,
	"subject" text NOT NULL,
	"display_name" text NOT NULL,
	"email" text,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_subject_check" CHECK (length("resourcing"."staff"."subject") BETWEEN 1 AND 200),
	CONSTRAINT "staff_display_name_check" CHECK (length("resourcing"."staff"."display_name") > 0),
	CONSTRAINT "staff_languages_check" CHECK (array_to_string("resourcing"."staff"."languages", ',') ~ '^([a-z]{2,3}(,[a-z]{2,3})*)?$'),
	CONSTRAINT "staff_roles_check" CHECK ("resourcing"."staff"."roles" <@ ARRAY['caseworker', 'coordinator', 'admin', 'auditor', 'partner']::text[])
);
--> statement-breakpoint
CREATE TABLE "resourcing"."staff_allocations" (
	"staff_id" uuid NOT NULL,
	"cooperation_area_id" uuid NOT NULL,
	"fte" numeric(4, 3) NOT NULL,
	"competences" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_allocations_staff_id_cooperation_area_id_pk" PRIMARY KEY("staff_id","cooperation_area_id"),
	CONSTRAINT "staff_allocations_fte_check" CHECK ("resourcing"."staff_allocations"."fte" > 0 AND "resourcing"."staff_allocations"."fte" <= 1),
	CONSTRAINT "staff_allocations_competences_check" CHECK (array_to_string("resourcing"."staff_allocations"."competences", ',') ~ '^([a-z][a-z0-9_]{0,62}(,[a-z][a-z0-9_]{0,62})*)?$'),
	CONSTRAINT "staff_allocations_languages_check" CHECK (array_to_string("resourcing"."staff_allocations"."languages", ',') ~ '^([a-z]{2,3}(,[a-z]{2,3})*)?$')
);
--> statement-breakpoint
CREATE TABLE "resourcing"."wellbeing_counties" (
	"id" text PRIMARY KEY NOT NULL,
	"name_fi" text NOT NULL,
	"name_sv" text NOT NULL,
	"organiser_code" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "resourcing"."agreement_approvals" ADD CONSTRAINT "agreement_approvals_organisation_code_organisations_code_fk" FOREIGN KEY ("organisation_code") REFERENCES "resourcing"."organisations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."agreement_approvals" ADD CONSTRAINT "agreement_approvals_version_fk" FOREIGN KEY ("agreement_id","version") REFERENCES "resourcing"."agreement_versions"("agreement_id","version") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."agreement_commitments" ADD CONSTRAINT "agreement_commitments_organisation_code_organisations_code_fk" FOREIGN KEY ("organisation_code") REFERENCES "resourcing"."organisations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."agreement_commitments" ADD CONSTRAINT "agreement_commitments_version_fk" FOREIGN KEY ("agreement_id","version") REFERENCES "resourcing"."agreement_versions"("agreement_id","version") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."agreement_parties" ADD CONSTRAINT "agreement_parties_organisation_code_organisations_code_fk" FOREIGN KEY ("organisation_code") REFERENCES "resourcing"."organisations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."agreement_parties" ADD CONSTRAINT "agreement_parties_version_fk" FOREIGN KEY ("agreement_id","version") REFERENCES "resourcing"."agreement_versions"("agreement_id","version") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."agreement_staffing_reviews" ADD CONSTRAINT "agreement_staffing_reviews_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "resourcing"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."agreement_versions" ADD CONSTRAINT "agreement_versions_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "resourcing"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."agreements" ADD CONSTRAINT "agreements_cooperation_area_id_cooperation_areas_id_fk" FOREIGN KEY ("cooperation_area_id") REFERENCES "resourcing"."cooperation_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."agreements" ADD CONSTRAINT "agreements_management_group_id_management_groups_id_fk" FOREIGN KEY ("management_group_id") REFERENCES "resourcing"."management_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."cooperation_area_parties" ADD CONSTRAINT "cooperation_area_parties_cooperation_area_id_cooperation_areas_id_fk" FOREIGN KEY ("cooperation_area_id") REFERENCES "resourcing"."cooperation_areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."cooperation_area_parties" ADD CONSTRAINT "cooperation_area_parties_organisation_role_fk" FOREIGN KEY ("organisation_code","role") REFERENCES "resourcing"."organisation_roles"("organisation_code","role") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."cooperation_areas" ADD CONSTRAINT "cooperation_areas_wellbeing_county_id_wellbeing_counties_id_fk" FOREIGN KEY ("wellbeing_county_id") REFERENCES "resourcing"."wellbeing_counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."employment_area_municipalities" ADD CONSTRAINT "employment_area_municipalities_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "resourcing"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."employment_area_municipalities" ADD CONSTRAINT "employment_area_municipalities_employment_area_id_employment_areas_id_fk" FOREIGN KEY ("employment_area_id") REFERENCES "resourcing"."employment_areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."employment_areas" ADD CONSTRAINT "employment_areas_host_municipality_code_municipalities_code_fk" FOREIGN KEY ("host_municipality_code") REFERENCES "resourcing"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."employment_areas" ADD CONSTRAINT "employment_areas_organisation_code_organisations_code_fk" FOREIGN KEY ("organisation_code") REFERENCES "resourcing"."organisations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."management_group_members" ADD CONSTRAINT "management_group_members_management_group_id_management_groups_id_fk" FOREIGN KEY ("management_group_id") REFERENCES "resourcing"."management_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."management_group_members" ADD CONSTRAINT "management_group_members_organisation_code_organisations_code_fk" FOREIGN KEY ("organisation_code") REFERENCES "resourcing"."organisations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."management_group_members" ADD CONSTRAINT "management_group_members_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "resourcing"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."management_group_members" ADD CONSTRAINT "management_group_members_deputy_staff_id_staff_id_fk" FOREIGN KEY ("deputy_staff_id") REFERENCES "resourcing"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."management_group_targets" ADD CONSTRAINT "management_group_targets_management_group_id_management_groups_id_fk" FOREIGN KEY ("management_group_id") REFERENCES "resourcing"."management_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."management_groups" ADD CONSTRAINT "management_groups_cooperation_area_id_cooperation_areas_id_fk" FOREIGN KEY ("cooperation_area_id") REFERENCES "resourcing"."cooperation_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."management_groups" ADD CONSTRAINT "management_groups_wellbeing_county_id_wellbeing_counties_id_fk" FOREIGN KEY ("wellbeing_county_id") REFERENCES "resourcing"."wellbeing_counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."management_groups" ADD CONSTRAINT "management_groups_employment_authority_code_organisations_code_fk" FOREIGN KEY ("employment_authority_code") REFERENCES "resourcing"."organisations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."municipalities" ADD CONSTRAINT "municipalities_wellbeing_county_id_wellbeing_counties_id_fk" FOREIGN KEY ("wellbeing_county_id") REFERENCES "resourcing"."wellbeing_counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."organisation_roles" ADD CONSTRAINT "organisation_roles_organisation_code_organisations_code_fk" FOREIGN KEY ("organisation_code") REFERENCES "resourcing"."organisations"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."quota_states" ADD CONSTRAINT "quota_states_cooperation_area_id_cooperation_areas_id_fk" FOREIGN KEY ("cooperation_area_id") REFERENCES "resourcing"."cooperation_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."quota_states" ADD CONSTRAINT "quota_states_organisation_code_organisations_code_fk" FOREIGN KEY ("organisation_code") REFERENCES "resourcing"."organisations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."staff" ADD CONSTRAINT "staff_organisation_code_organisations_code_fk" FOREIGN KEY ("organisation_code") REFERENCES "resourcing"."organisations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."staff_allocations" ADD CONSTRAINT "staff_allocations_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "resourcing"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."staff_allocations" ADD CONSTRAINT "staff_allocations_cooperation_area_id_cooperation_areas_id_fk" FOREIGN KEY ("cooperation_area_id") REFERENCES "resourcing"."cooperation_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."wellbeing_counties" ADD CONSTRAINT "wellbeing_counties_organiser_code_organisations_code_fk" FOREIGN KEY ("organiser_code") REFERENCES "resourcing"."organisations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_commitments_organisation_idx" ON "resourcing"."agreement_commitments" USING btree ("agreement_id","version","organisation_code");--> statement-breakpoint
CREATE INDEX "agreement_staffing_reviews_agreement_idx" ON "resourcing"."agreement_staffing_reviews" USING btree ("agreement_id","reviewed_on");--> statement-breakpoint
CREATE INDEX "agreements_cooperation_area_idx" ON "resourcing"."agreements" USING btree ("cooperation_area_id","valid_from");--> statement-breakpoint
CREATE INDEX "agreements_management_group_idx" ON "resourcing"."agreements" USING btree ("management_group_id");--> statement-breakpoint
CREATE INDEX "cooperation_area_parties_organisation_idx" ON "resourcing"."cooperation_area_parties" USING btree ("organisation_code");--> statement-breakpoint
CREATE UNIQUE INDEX "cooperation_areas_code_key" ON "resourcing"."cooperation_areas" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "cooperation_areas_one_default_key" ON "resourcing"."cooperation_areas" USING btree ("wellbeing_county_id") WHERE "resourcing"."cooperation_areas"."is_default";--> statement-breakpoint
CREATE INDEX "cooperation_areas_wellbeing_county_idx" ON "resourcing"."cooperation_areas" USING btree ("wellbeing_county_id");--> statement-breakpoint
CREATE INDEX "employment_area_municipalities_area_idx" ON "resourcing"."employment_area_municipalities" USING btree ("employment_area_id");--> statement-breakpoint
CREATE UNIQUE INDEX "employment_areas_organisation_key" ON "resourcing"."employment_areas" USING btree ("organisation_code");--> statement-breakpoint
CREATE UNIQUE INDEX "management_group_members_one_chair_key" ON "resourcing"."management_group_members" USING btree ("management_group_id") WHERE "resourcing"."management_group_members"."position" = 'chair';--> statement-breakpoint
CREATE UNIQUE INDEX "management_group_members_one_vice_chair_key" ON "resourcing"."management_group_members" USING btree ("management_group_id") WHERE "resourcing"."management_group_members"."position" = 'vice_chair';--> statement-breakpoint
CREATE INDEX "management_group_members_group_idx" ON "resourcing"."management_group_members" USING btree ("management_group_id","organisation_code");--> statement-breakpoint
CREATE INDEX "management_group_members_staff_idx" ON "resourcing"."management_group_members" USING btree ("staff_id");--> statement-breakpoint
CREATE INDEX "management_group_members_deputy_staff_idx" ON "resourcing"."management_group_members" USING btree ("deputy_staff_id");--> statement-breakpoint
CREATE UNIQUE INDEX "management_groups_cooperation_area_key" ON "resourcing"."management_groups" USING btree ("cooperation_area_id");--> statement-breakpoint
CREATE UNIQUE INDEX "management_groups_county_employment_authority_key" ON "resourcing"."management_groups" USING btree ("wellbeing_county_id","employment_authority_code");--> statement-breakpoint
CREATE INDEX "municipalities_wellbeing_county_idx" ON "resourcing"."municipalities" USING btree ("wellbeing_county_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_organisation_subject_key" ON "resourcing"."staff" USING btree ("organisation_code","subject");--> statement-breakpoint
CREATE INDEX "staff_allocations_cooperation_area_idx" ON "resourcing"."staff_allocations" USING btree ("cooperation_area_id");--> statement-breakpoint
CREATE UNIQUE INDEX "wellbeing_counties_organiser_key" ON "resourcing"."wellbeing_counties" USING btree ("organiser_code");