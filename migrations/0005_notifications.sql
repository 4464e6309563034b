CREATE SCHEMA "notifications";
--> statement-breakpoint
CREATE TABLE "notifications"."deadline_firings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deadline_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"step" text NOT NULL,
	"outcome" text NOT NULL,
	"recipients" integer DEFAULT 0 NOT NULL,
	"fired_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deadline_firings_step_check" CHECK ("notifications"."deadline_firings"."step" ~ '^(remind-[0-9]{1,3}|due|escalate|erase)$'),
	CONSTRAINT "deadline_firings_outcome_check" CHECK ("notifications"."deadline_firings"."outcome" IN ('notified', 'erased', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "notifications"."email_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_key" text NOT NULL,
	"recipient_key" text NOT NULL,
	"to_address" text NOT NULL,
	"language" text NOT NULL,
	"kind" text NOT NULL,
	"subject_line" text NOT NULL,
	"body_text" text NOT NULL,
	"ics" text,
	"ics_method" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"last_error" text,
	"message_id" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "email_messages_status_check" CHECK ("notifications"."email_messages"."status" IN ('pending', 'sending', 'sent', 'failed')),
	CONSTRAINT "email_messages_pending_check" CHECK ("notifications"."email_messages"."status" <> 'pending' OR "notifications"."email_messages"."next_attempt_at" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "notifications"."erasure_holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"reason_code" text NOT NULL,
	"reason_note" text,
	"placed_at" timestamp with time zone NOT NULL,
	"placed_by_organisation" text NOT NULL,
	"placed_by_sub" text NOT NULL,
	"released_at" timestamp with time zone,
	"released_by_organisation" text,
	"released_by_sub" text,
	CONSTRAINT "erasure_holds_reason_check" CHECK ("notifications"."erasure_holds"."reason_code" IN ('pending_matter', 'statutory_task', 'appeal', 'other') AND ("notifications"."erasure_holds"."reason_note" IS NULL OR length("notifications"."erasure_holds"."reason_note") <= 500)),
	CONSTRAINT "erasure_holds_released_check" CHECK (("notifications"."erasure_holds"."released_at" IS NULL) = ("notifications"."erasure_holds"."released_by_sub" IS NULL AND "notifications"."erasure_holds"."released_by_organisation" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "notifications"."inbox_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_code" text NOT NULL,
	"subject" text NOT NULL,
	"staff_id" uuid,
	"kind" text NOT NULL,
	"source_key" text NOT NULL,
	"case_id" uuid,
	"cooperation_area_id" uuid,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications"."notification_settings" (
	"organisation_code" text NOT NULL,
	"subject" text NOT NULL,
	"email_enabled" boolean DEFAULT true NOT NULL,
	"language" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notification_settings_organisation_code_subject_pk" PRIMARY KEY("organisation_code","subject"),
	CONSTRAINT "notification_settings_language_check" CHECK ("notifications"."notification_settings"."language" IS NULL OR "notifications"."notification_settings"."language" IN ('fi', 'sv', 'en'))
);
--> statement-breakpoint
CREATE TABLE "notifications"."webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"organisation_code" text NOT NULL,
	"kind" text NOT NULL,
	"event_id" uuid,
	"event_position" bigint,
	"event_type" text NOT NULL,
	"webhook_id" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"max_attempt" integer NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"last_status_code" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_deliveries_status_check" CHECK ("notifications"."webhook_deliveries"."status" IN ('pending', 'delivering', 'succeeded', 'failed')),
	CONSTRAINT "webhook_deliveries_kind_check" CHECK ("notifications"."webhook_deliveries"."kind" IN ('event', 'ping')),
	CONSTRAINT "webhook_deliveries_attempt_check" CHECK ("notifications"."webhook_deliveries"."attempt" >= 1 AND "notifications"."webhook_deliveries"."attempt" <= "notifications"."webhook_deliveries"."max_attempt"),
	CONSTRAINT "webhook_deliveries_event_check" CHECK (("notifications"."webhook_deliveries"."kind" = 'event') = ("notifications"."webhook_deliveries"."event_id" IS NOT NULL)),
	CONSTRAINT "webhook_deliveries_pending_check" CHECK ("notifications"."webhook_deliveries"."status" <> 'pending' OR "notifications"."webhook_deliveries"."next_attempt_at" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "notifications"."webhook_delivery_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"delivery_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"latency_ms" integer,
	"status_code" integer,
	"outcome" text NOT NULL,
	"error" text,
	"response_excerpt" text,
	CONSTRAINT "webhook_delivery_attempts_outcome_check" CHECK ("notifications"."webhook_delivery_attempts"."outcome" IN ('succeeded', 'failed', 'interrupted'))
);
--> statement-breakpoint
CREATE TABLE "notifications"."webhook_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_code" text NOT NULL,
	"url" text NOT NULL,
	"description" text,
	"event_types" text[],
	"secret" text NOT NULL,
	"previous_secret" text,
	"previous_secret_expires_at" timestamp with time zone,
	"paused" boolean DEFAULT false NOT NULL,
	"disabled_at" timestamp with time zone,
	"disabled_reason" text,
	"failing_since" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_endpoints_disabled_check" CHECK (("notifications"."webhook_endpoints"."disabled_at" IS NULL) = ("notifications"."webhook_endpoints"."disabled_reason" IS NULL) AND ("notifications"."webhook_endpoints"."disabled_reason" IS NULL OR "notifications"."webhook_endpoints"."disabled_reason" IN ('gone', 'failing'))),
	CONSTRAINT "webhook_endpoints_previous_secret_check" CHECK (("notifications"."webhook_endpoints"."previous_secret" IS NULL) = ("notifications"."webhook_endpoints"."previous_secret_expires_at" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "notifications"."webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "notifications"."webhook_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications"."webhook_delivery_attempts" ADD CONSTRAINT "webhook_delivery_attempts_delivery_id_webhook_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "notifications"."webhook_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deadline_firings_step_key" ON "notifications"."deadline_firings" USING btree ("deadline_id","version","step");--> statement-breakpoint
CREATE INDEX "deadline_firings_fired_idx" ON "notifications"."deadline_firings" USING btree ("fired_at");--> statement-breakpoint
CREATE UNIQUE INDEX "email_messages_source_recipient_key" ON "notifications"."email_messages" USING btree ("source_key","recipient_key");--> statement-breakpoint
CREATE INDEX "email_messages_due_idx" ON "notifications"."email_messages" USING btree ("next_attempt_at") WHERE "notifications"."email_messages"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "email_messages_claimed_idx" ON "notifications"."email_messages" USING btree ("claimed_at") WHERE "notifications"."email_messages"."status" = 'sending';--> statement-breakpoint
CREATE UNIQUE INDEX "erasure_holds_one_active_key" ON "notifications"."erasure_holds" USING btree ("case_id") WHERE "notifications"."erasure_holds"."released_at" IS NULL;--> statement-breakpoint
CREATE INDEX "erasure_holds_case_idx" ON "notifications"."erasure_holds" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_items_recipient_source_key" ON "notifications"."inbox_items" USING btree ("organisation_code","subject","source_key");--> statement-breakpoint
CREATE INDEX "inbox_items_recipient_idx" ON "notifications"."inbox_items" USING btree ("organisation_code","subject","created_at","id");--> statement-breakpoint
CREATE INDEX "inbox_items_unread_idx" ON "notifications"."inbox_items" USING btree ("organisation_code","subject","created_at","id") WHERE "notifications"."inbox_items"."read_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_endpoint_event_key" ON "notifications"."webhook_deliveries" USING btree ("endpoint_id","event_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_created_idx" ON "notifications"."webhook_deliveries" USING btree ("endpoint_id","created_at","id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_event_idx" ON "notifications"."webhook_deliveries" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "notifications"."webhook_deliveries" USING btree ("next_attempt_at") WHERE "notifications"."webhook_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_claimed_idx" ON "notifications"."webhook_deliveries" USING btree ("claimed_at") WHERE "notifications"."webhook_deliveries"."status" = 'delivering';--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_delivery_attempts_delivery_attempt_key" ON "notifications"."webhook_delivery_attempts" USING btree ("delivery_id","attempt");--> statement-breakpoint
CREATE INDEX "webhook_delivery_attempts_started_idx" ON "notifications"."webhook_delivery_attempts" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "webhook_endpoints_organisation_idx" ON "notifications"."webhook_endpoints" USING btree ("organisation_code","created_at","id");--> statement-breakpoint
CREATE INDEX "webhook_endpoints_active_idx" ON "notifications"."webhook_endpoints" USING btree ("organisation_code") WHERE "notifications"."webhook_endpoints"."disabled_at" IS NULL AND NOT "notifications"."webhook_endpoints"."paused";