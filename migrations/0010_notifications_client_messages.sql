CREATE TABLE "notifications"."client_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"referral_id" uuid NOT NULL,
	"case_id" uuid,
	"client_id" uuid NOT NULL,
	"languages" text[] NOT NULL,
	"language_to_be_asked" boolean DEFAULT false NOT NULL,
	"params" jsonb NOT NULL,
	"email_message_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "client_messages_channel_check" CHECK ("notifications"."client_messages"."channel" IN ('email', 'letter')),
	CONSTRAINT "client_messages_kind_check" CHECK ("notifications"."client_messages"."kind" IN ('referral_received', 'relationship_started', 'referral_declined', 'plan_agreed', 'plan_reviewed', 'relationship_ended')),
	CONSTRAINT "client_messages_languages_check" CHECK ("notifications"."client_messages"."languages" IN (ARRAY['fi']::text[], ARRAY['sv']::text[], ARRAY['fi','sv']::text[])),
	CONSTRAINT "client_messages_email_check" CHECK (("notifications"."client_messages"."channel" = 'email') = ("notifications"."client_messages"."email_message_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "client_messages_event_channel_key" ON "notifications"."client_messages" USING btree ("event_id","channel");--> statement-breakpoint
CREATE INDEX "client_messages_case_idx" ON "notifications"."client_messages" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "client_messages_referral_idx" ON "notifications"."client_messages" USING btree ("referral_id","created_at");