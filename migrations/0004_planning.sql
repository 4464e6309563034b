CREATE SCHEMA "planning";
--> statement-breakpoint
CREATE TABLE "planning"."meeting_agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"minutes" text,
	CONSTRAINT "meeting_agenda_items_title_check" CHECK (length("planning"."meeting_agenda_items"."title") > 0)
);
--> statement-breakpoint
CREATE TABLE "planning"."meeting_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"action_owner_organisation_code" text,
	"action_type" text,
	"action_due_on" date,
	"plan_action_id" uuid,
	CONSTRAINT "meeting_decisions_action_check" CHECK (("planning"."meeting_decisions"."action_owner_organisation_code" IS NULL) = ("planning"."meeting_decisions"."action_type" IS NULL) AND ("planning"."meeting_decisions"."action_type" IS NULL OR "planning"."meeting_decisions"."action_type" IN ('employment', 'social', 'health', 'rehabilitation', 'education', 'other')))
);
--> statement-breakpoint
CREATE TABLE "planning"."meeting_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"staff_id" uuid,
	"organisation_code" text,
	"subject" text,
	"guest_role" text,
	"language" text,
	"display_name" text NOT NULL,
	"email" text,
	"phone" text,
	"response" text DEFAULT 'needs_action' NOT NULL,
	"responded_at" timestamp with time zone,
	"attended" boolean,
	CONSTRAINT "meeting_participants_kind_check" CHECK ("planning"."meeting_participants"."kind" IN ('staff', 'client', 'guest')),
	CONSTRAINT "meeting_participants_response_check" CHECK ("planning"."meeting_participants"."response" IN ('needs_action', 'accepted', 'declined', 'tentative')),
	CONSTRAINT "meeting_participants_guest_role_check" CHECK ("planning"."meeting_participants"."guest_role" IS NULL OR "planning"."meeting_participants"."guest_role" IN ('interpreter', 'guardian', 'support_person', 'education_provider', 'other')),
	CONSTRAINT "meeting_participants_shape_check" CHECK (("planning"."meeting_participants"."kind" = 'staff') = ("planning"."meeting_participants"."staff_id" IS NOT NULL AND "planning"."meeting_participants"."organisation_code" IS NOT NULL AND "planning"."meeting_participants"."subject" IS NOT NULL) AND ("planning"."meeting_participants"."kind" = 'guest') = ("planning"."meeting_participants"."guest_role" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "planning"."meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"cooperation_area_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"local_start" text NOT NULL,
	"time_zone" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"mode" text NOT NULL,
	"address" text,
	"online_url" text,
	"sequence" integer DEFAULT 0 NOT NULL,
	"organiser_staff_id" uuid NOT NULL,
	"organiser_organisation_code" text NOT NULL,
	"organiser_sub" text NOT NULL,
	"cancel_reason_code" text,
	"held_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "meetings_kind_check" CHECK ("planning"."meetings"."kind" IN ('assessment', 'planning', 'review', 'ending', 'other')),
	CONSTRAINT "meetings_status_check" CHECK ("planning"."meetings"."status" IN ('scheduled', 'held', 'closed', 'cancelled')),
	CONSTRAINT "meetings_mode_check" CHECK ("planning"."meetings"."mode" IN ('in_person', 'remote')),
	CONSTRAINT "meetings_duration_check" CHECK ("planning"."meetings"."duration_minutes" > 0 AND "planning"."meetings"."ends_at" > "planning"."meetings"."starts_at"),
	CONSTRAINT "meetings_sequence_check" CHECK ("planning"."meetings"."sequence" >= 0),
	CONSTRAINT "meetings_place_check" CHECK (("planning"."meetings"."mode" = 'in_person' AND "planning"."meetings"."address" IS NOT NULL) OR ("planning"."meetings"."mode" = 'remote' AND "planning"."meetings"."online_url" IS NOT NULL)),
	CONSTRAINT "meetings_cancelled_check" CHECK (("planning"."meetings"."status" = 'cancelled') = ("planning"."meetings"."cancelled_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "planning"."plan_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"owner_organisation_code" text NOT NULL,
	"due_on" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"in_force" boolean DEFAULT true NOT NULL,
	"status_updated_at" timestamp with time zone,
	"status_updated_by_organisation" text,
	"status_updated_by_sub" text,
	CONSTRAINT "plan_actions_status_check" CHECK ("planning"."plan_actions"."status" IN ('planned', 'in_progress', 'done', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "planning"."plan_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"draft_revision" integer NOT NULL,
	"approver" text NOT NULL,
	"roles" text[] NOT NULL,
	"method" text,
	"recorded_by_organisation" text NOT NULL,
	"recorded_by_sub" text NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "plan_approvals_method_check" CHECK (("planning"."plan_approvals"."approver" = 'client') = ("planning"."plan_approvals"."method" IS NOT NULL) AND ("planning"."plan_approvals"."method" IS NULL OR "planning"."plan_approvals"."method" IN ('signature', 'electronic', 'in_meeting')))
);
--> statement-breakpoint
CREATE TABLE "planning"."plan_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"reviewed_on" date NOT NULL,
	"outcome" text NOT NULL,
	"version" integer NOT NULL,
	"meeting_id" uuid,
	"next_review_due_on" date NOT NULL,
	"recorded_by_organisation" text NOT NULL,
	"recorded_by_sub" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_reviews_outcome_check" CHECK ("planning"."plan_reviews"."outcome" IN ('unchanged', 'revised'))
);
--> statement-breakpoint
CREATE TABLE "planning"."plan_versions" (
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"contents" jsonb NOT NULL,
	"action_statuses" jsonb NOT NULL,
	"approvals" jsonb NOT NULL,
	"draft_revision" integer NOT NULL,
	"agreed_on" date NOT NULL,
	"agreed_at" timestamp with time zone NOT NULL,
	"basis" text NOT NULL,
	CONSTRAINT "plan_versions_plan_id_version_pk" PRIMARY KEY("plan_id","version")
);
--> statement-breakpoint
CREATE TABLE "planning"."plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"cooperation_area_id" uuid NOT NULL,
	"draft_status" text DEFAULT 'none' NOT NULL,
	"draft" jsonb,
	"draft_revision" integer DEFAULT 0 NOT NULL,
	"submitted_revision" integer,
	"current_version" integer DEFAULT 0 NOT NULL,
	"last_agreed_on" date,
	"last_reviewed_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plans_draft_status_check" CHECK ("planning"."plans"."draft_status" IN ('none', 'editing', 'submitted')),
	CONSTRAINT "plans_draft_check" CHECK (("planning"."plans"."draft_status" = 'none') = ("planning"."plans"."draft" IS NULL)),
	CONSTRAINT "plans_submitted_check" CHECK (("planning"."plans"."draft_status" = 'submitted') = ("planning"."plans"."submitted_revision" IS NOT NULL AND "planning"."plans"."submitted_revision" = "planning"."plans"."draft_revision")),
	CONSTRAINT "plans_version_check" CHECK ("planning"."plans"."current_version" >= 0 AND "planning"."plans"."draft_revision" >= 0)
);
--> statement-breakpoint
ALTER TABLE "planning"."meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "planning"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning"."meeting_decisions" ADD CONSTRAINT "meeting_decisions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "planning"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning"."meeting_decisions" ADD CONSTRAINT "meeting_decisions_agenda_item_id_meeting_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "planning"."meeting_agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning"."meeting_participants" ADD CONSTRAINT "meeting_participants_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "planning"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning"."plan_actions" ADD CONSTRAINT "plan_actions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "planning"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning"."plan_approvals" ADD CONSTRAINT "plan_approvals_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "planning"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning"."plan_reviews" ADD CONSTRAINT "plan_reviews_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "planning"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning"."plan_versions" ADD CONSTRAINT "plan_versions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "planning"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_agenda_items_position_key" ON "planning"."meeting_agenda_items" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "meeting_decisions_meeting_idx" ON "planning"."meeting_decisions" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_participants_staff_key" ON "planning"."meeting_participants" USING btree ("meeting_id","staff_id") WHERE "planning"."meeting_participants"."staff_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_participants_one_client_key" ON "planning"."meeting_participants" USING btree ("meeting_id") WHERE "planning"."meeting_participants"."kind" = 'client';--> statement-breakpoint
CREATE INDEX "meeting_participants_staff_idx" ON "planning"."meeting_participants" USING btree ("staff_id") WHERE "planning"."meeting_participants"."staff_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "meeting_participants_subject_idx" ON "planning"."meeting_participants" USING btree ("organisation_code","subject");--> statement-breakpoint
CREATE INDEX "meetings_case_idx" ON "planning"."meetings" USING btree ("case_id","starts_at");--> statement-breakpoint
CREATE INDEX "plan_actions_plan_idx" ON "planning"."plan_actions" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_approvals_one_current_key" ON "planning"."plan_approvals" USING btree ("plan_id","approver") WHERE "planning"."plan_approvals"."withdrawn_at" IS NULL;--> statement-breakpoint
CREATE INDEX "plan_approvals_plan_idx" ON "planning"."plan_approvals" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_reviews_plan_idx" ON "planning"."plan_reviews" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_case_key" ON "planning"."plans" USING btree ("case_id");