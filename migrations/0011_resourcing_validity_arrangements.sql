CREATE TABLE "resourcing"."cooperation_arrangements" (
	"wellbeing_county_id" text PRIMARY KEY NOT NULL,
	"area_count" integer NOT NULL,
	"agreed_on" date NOT NULL,
	"decision_reference" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cooperation_arrangements_area_count_check" CHECK ("resourcing"."cooperation_arrangements"."area_count" >= 1),
	CONSTRAINT "cooperation_arrangements_decision_check" CHECK (length("resourcing"."cooperation_arrangements"."decision_reference") > 0)
);
--> statement-breakpoint
-- Membership periods: the key becomes (municipality, valid_from); existing rows start on 1.1.2025.
ALTER TABLE "resourcing"."employment_area_municipalities" DROP CONSTRAINT "employment_area_municipalities_pkey";--> statement-breakpoint
ALTER TABLE "resourcing"."employment_area_municipalities" ADD COLUMN "valid_from" date DEFAULT '2025-01-01' NOT NULL;--> statement-breakpoint
ALTER TABLE "resourcing"."employment_area_municipalities" ADD COLUMN "valid_to" date;--> statement-breakpoint
ALTER TABLE "resourcing"."employment_area_municipalities" ADD CONSTRAINT "employment_area_municipalities_municipality_code_valid_from_pk" PRIMARY KEY("municipality_code","valid_from");--> statement-breakpoint
ALTER TABLE "resourcing"."municipalities" ADD COLUMN "valid_to" date;--> statement-breakpoint
ALTER TABLE "resourcing"."municipalities" ADD COLUMN "successor_code" char(3);--> statement-breakpoint
ALTER TABLE "resourcing"."cooperation_arrangements" ADD CONSTRAINT "cooperation_arrangements_wellbeing_county_id_wellbeing_counties_id_fk" FOREIGN KEY ("wellbeing_county_id") REFERENCES "resourcing"."wellbeing_counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."municipalities" ADD CONSTRAINT "municipalities_successor_code_municipalities_code_fk" FOREIGN KEY ("successor_code") REFERENCES "resourcing"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "employment_area_municipalities_open_key" ON "resourcing"."employment_area_municipalities" USING btree ("municipality_code") WHERE "resourcing"."employment_area_municipalities"."valid_to" IS NULL;--> statement-breakpoint
ALTER TABLE "resourcing"."employment_area_municipalities" ADD CONSTRAINT "employment_area_municipalities_period_check" CHECK ("resourcing"."employment_area_municipalities"."valid_to" IS NULL OR "resourcing"."employment_area_municipalities"."valid_to" >= "resourcing"."employment_area_municipalities"."valid_from");--> statement-breakpoint
ALTER TABLE "resourcing"."municipalities" ADD CONSTRAINT "municipalities_successor_check" CHECK (("resourcing"."municipalities"."successor_code" IS NULL) = ("resourcing"."municipalities"."valid_to" IS NULL) AND "resourcing"."municipalities"."successor_code" IS DISTINCT FROM "resourcing"."municipalities"."code");