CREATE TABLE "resourcing"."agreement_joint_costs" (
	"agreement_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"budget_cents" bigint,
	"actual_cents" bigint,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by_organisation" text NOT NULL,
	"recorded_by_sub" text NOT NULL,
	CONSTRAINT "agreement_joint_costs_agreement_id_year_pk" PRIMARY KEY("agreement_id","year"),
	CONSTRAINT "agreement_joint_costs_year_check" CHECK ("resourcing"."agreement_joint_costs"."year" BETWEEN 2025 AND 2100),
	CONSTRAINT "agreement_joint_costs_cents_check" CHECK (("resourcing"."agreement_joint_costs"."budget_cents" IS NULL OR "resourcing"."agreement_joint_costs"."budget_cents" >= 0) AND ("resourcing"."agreement_joint_costs"."actual_cents" IS NULL OR "resourcing"."agreement_joint_costs"."actual_cents" >= 0))
);
--> statement-breakpoint
ALTER TABLE "resourcing"."agreement_versions" DROP CONSTRAINT "agreement_versions_cost_sharing_check";--> statement-breakpoint
ALTER TABLE "resourcing"."management_groups" ADD COLUMN "leading_person_term_end_on" date;--> statement-breakpoint
ALTER TABLE "resourcing"."agreement_joint_costs" ADD CONSTRAINT "agreement_joint_costs_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "resourcing"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."agreement_versions" ADD CONSTRAINT "agreement_versions_cost_sharing_check" CHECK ("resourcing"."agreement_versions"."cost_sharing_method" IN ('proportional_to_headcount', 'proportional_to_fte', 'agreed_percentages'));--> statement-breakpoint
ALTER TABLE "resourcing"."management_groups" ADD CONSTRAINT "management_groups_leading_person_term_check" CHECK ("resourcing"."management_groups"."leading_person_term_end_on" IS NULL OR ("resourcing"."management_groups"."leading_person_name" IS NOT NULL AND "resourcing"."management_groups"."leading_person_term_end_on" <= "resourcing"."management_groups"."term_end_on"));