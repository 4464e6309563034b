CREATE SCHEMA "platform";
--> statement-breakpoint
CREATE TABLE "platform"."deadlines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"case_id" uuid,
	"cooperation_area_id" uuid,
	"organisation_codes" text[] NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"rule" text NOT NULL,
	"statute" text NOT NULL,
	"computation" jsonb NOT NULL,
	"met_on" date,
	"closed_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deadlines_status_check" CHECK ("platform"."deadlines"."status" IN ('pending', 'met', 'met_late', 'cancelled')),
	CONSTRAINT "deadlines_version_check" CHECK ("platform"."deadlines"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "platform"."case_sequences" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform"."events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"position" bigint,
	"type" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"organisation_codes" text[] NOT NULL,
	"cooperation_area_id" uuid,
	"case_id" uuid,
	"case_sequence" integer,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"actor_organisation" text,
	"actor_sub" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enqueued_at" timestamp with time zone,
	"dispatched_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "platform"."idempotency_keys" (
	"organisation_code" text NOT NULL,
	"principal" text NOT NULL,
	"key" text NOT NULL,
	"route" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_organisation_code_principal_key_pk" PRIMARY KEY("organisation_code","principal","key")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "deadlines_one_pending_key" ON "platform"."deadlines" USING btree ("kind","subject_id") WHERE "platform"."deadlines"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "deadlines_pending_due_idx" ON "platform"."deadlines" USING btree ("due_on") WHERE "platform"."deadlines"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "deadlines_case_idx" ON "platform"."deadlines" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "events_event_id_key" ON "platform"."events" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "events_position_key" ON "platform"."events" USING btree ("position");--> statement-breakpoint
CREATE UNIQUE INDEX "events_case_sequence_key" ON "platform"."events" USING btree ("case_id","case_sequence");--> statement-breakpoint
CREATE INDEX "events_unpositioned_idx" ON "platform"."events" USING btree ("id") WHERE "platform"."events"."position" IS NULL;--> statement-breakpoint
CREATE INDEX "events_unenqueued_idx" ON "platform"."events" USING btree ("position") WHERE "platform"."events"."position" IS NOT NULL AND "platform"."events"."enqueued_at" IS NULL;--> statement-breakpoint
CREATE INDEX "events_organisation_codes_idx" ON "platform"."events" USING gin ("organisation_codes");--> statement-breakpoint
CREATE INDEX "events_subject_idx" ON "platform"."events" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "platform"."idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "idempotency_keys_pending_idx" ON "platform"."idempotency_keys" USING btree ("created_at") WHERE "platform"."idempotency_keys"."status_code" IS NULL;