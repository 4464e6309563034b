CREATE SCHEMA "resourcing";
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
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_allocations_staff_id_cooperation_area_id_pk" PRIMARY KEY("staff_id","cooperation_area_id"),
	CONSTRAINT "staff_allocations_fte_check" CHECK ("resourcing"."staff_allocations"."fte" > 0 AND "resourcing"."staff_allocations"."fte" <= 1),
	CONSTRAINT "staff_allocations_competences_check" CHECK (array_to_string("resourcing"."staff_allocations"."competences", ',') ~ '^([a-z][a-z0-9_]{0,62}(,[a-z][a-z0-9_]{0,62})*)?$')
);
--> statement-breakpoint
CREATE TABLE "resourcing"."wellbeing_counties" (
	"id" text PRIMARY KEY NOT NULL,
	"name_fi" text NOT NULL,
	"name_sv" text NOT NULL,
	"organiser_code" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "resourcing"."cooperation_area_parties" ADD CONSTRAINT "cooperation_area_parties_cooperation_area_id_cooperation_areas_id_fk" FOREIGN KEY ("cooperation_area_id") REFERENCES "resourcing"."cooperation_areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."cooperation_area_parties" ADD CONSTRAINT "cooperation_area_parties_organisation_role_fk" FOREIGN KEY ("organisation_code","role") REFERENCES "resourcing"."organisation_roles"("organisation_code","role") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."cooperation_areas" ADD CONSTRAINT "cooperation_areas_wellbeing_county_id_wellbeing_counties_id_fk" FOREIGN KEY ("wellbeing_county_id") REFERENCES "resourcing"."wellbeing_counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."employment_area_municipalities" ADD CONSTRAINT "employment_area_municipalities_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "resourcing"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."employment_area_municipalities" ADD CONSTRAINT "employment_area_municipalities_employment_area_id_employment_areas_id_fk" FOREIGN KEY ("employment_area_id") REFERENCES "resourcing"."employment_areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."employment_areas" ADD CONSTRAINT "employment_areas_host_municipality_code_municipalities_code_fk" FOREIGN KEY ("host_municipality_code") REFERENCES "resourcing"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."employment_areas" ADD CONSTRAINT "employment_areas_organisation_code_organisations_code_fk" FOREIGN KEY ("organisation_code") REFERENCES "resourcing"."organisations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."municipalities" ADD CONSTRAINT "municipalities_wellbeing_county_id_wellbeing_counties_id_fk" FOREIGN KEY ("wellbeing_county_id") REFERENCES "resourcing"."wellbeing_counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."organisation_roles" ADD CONSTRAINT "organisation_roles_organisation_code_organisations_code_fk" FOREIGN KEY ("organisation_code") REFERENCES "resourcing"."organisations"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."staff" ADD CONSTRAINT "staff_organisation_code_organisations_code_fk" FOREIGN KEY ("organisation_code") REFERENCES "resourcing"."organisations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."staff_allocations" ADD CONSTRAINT "staff_allocations_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "resourcing"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."staff_allocations" ADD CONSTRAINT "staff_allocations_cooperation_area_id_cooperation_areas_id_fk" FOREIGN KEY ("cooperation_area_id") REFERENCES "resourcing"."cooperation_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."wellbeing_counties" ADD CONSTRAINT "wellbeing_counties_organiser_code_organisations_code_fk" FOREIGN KEY ("organiser_code") REFERENCES "resourcing"."organisations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cooperation_area_parties_organisation_idx" ON "resourcing"."cooperation_area_parties" USING btree ("organisation_code");--> statement-breakpoint
CREATE UNIQUE INDEX "cooperation_areas_code_key" ON "resourcing"."cooperation_areas" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "cooperation_areas_one_default_key" ON "resourcing"."cooperation_areas" USING btree ("wellbeing_county_id") WHERE "resourcing"."cooperation_areas"."is_default";--> statement-breakpoint
CREATE INDEX "cooperation_areas_wellbeing_county_idx" ON "resourcing"."cooperation_areas" USING btree ("wellbeing_county_id");--> statement-breakpoint
CREATE INDEX "employment_area_municipalities_area_idx" ON "resourcing"."employment_area_municipalities" USING btree ("employment_area_id");--> statement-breakpoint
CREATE UNIQUE INDEX "employment_areas_organisation_key" ON "resourcing"."employment_areas" USING btree ("organisation_code");--> statement-breakpoint
CREATE INDEX "municipalities_wellbeing_county_idx" ON "resourcing"."municipalities" USING btree ("wellbeing_county_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_organisation_subject_key" ON "resourcing"."staff" USING btree ("organisation_code","subject");--> statement-breakpoint
CREATE INDEX "staff_allocations_cooperation_area_idx" ON "resourcing"."staff_allocations" USING btree ("cooperation_area_id");--> statement-breakpoint
CREATE UNIQUE INDEX "wellbeing_counties_organiser_key" ON "resourcing"."wellbeing_counties" USING btree ("organiser_code");