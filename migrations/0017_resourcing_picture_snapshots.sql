CREATE TABLE "resourcing"."picture_area_versions" (
	"cooperation_area_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resourcing"."picture_snapshots" (
	"cooperation_area_id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"by" text NOT NULL,
	"breakdown" text DEFAULT '' NOT NULL,
	"area_version" bigint NOT NULL,
	"event_position" bigint NOT NULL,
	"computed_on" date NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"picture" jsonb NOT NULL,
	"pages" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "picture_snapshots_cooperation_area_id_period_from_period_to_by_breakdown_pk" PRIMARY KEY("cooperation_area_id","period_from","period_to","by","breakdown"),
	CONSTRAINT "picture_snapshots_by_check" CHECK ("resourcing"."picture_snapshots"."by" IN ('month', 'quarter'))
);
--> statement-breakpoint
ALTER TABLE "resourcing"."picture_area_versions" ADD CONSTRAINT "picture_area_versions_cooperation_area_id_cooperation_areas_id_fk" FOREIGN KEY ("cooperation_area_id") REFERENCES "resourcing"."cooperation_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resourcing"."picture_snapshots" ADD CONSTRAINT "picture_snapshots_cooperation_area_id_cooperation_areas_id_fk" FOREIGN KEY ("cooperation_area_id") REFERENCES "resourcing"."cooperation_areas"("id") ON DELETE no action ON UPDATE no action;