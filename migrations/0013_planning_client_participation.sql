CREATE TABLE "planning"."plan_client_participation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"action_id" uuid,
	"explained" text NOT NULL,
	"plan_version" integer,
	"recorded_by_organisation" text NOT NULL,
	"recorded_by_sub" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_client_participation_kind_check" CHECK ("planning"."plan_client_participation"."kind" IN ('did_not_take_part_in_drafting', 'did_not_take_part_in_review', 'refused_measure')),
	CONSTRAINT "plan_client_participation_action_check" CHECK (("planning"."plan_client_participation"."kind" = 'refused_measure') = ("planning"."plan_client_participation"."action_id" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "notifications"."client_messages" DROP CONSTRAINT "client_messages_kind_check";--> statement-breakpoint
ALTER TABLE "referrals"."case_review_requests" ADD COLUMN "refused_on" date;--> statement-breakpoint
ALTER TABLE "referrals"."case_review_requests" ADD COLUMN "refusal_reason_code" text;--> statement-breakpoint
ALTER TABLE "referrals"."case_review_requests" ADD COLUMN "refusal_reason" text;--> statement-breakpoint
ALTER TABLE "referrals"."case_review_requests" ADD COLUMN "refused_by_organisation" text;--> statement-breakpoint
ALTER TABLE "referrals"."case_review_requests" ADD COLUMN "refused_by_sub" text;--> statement-breakpoint
ALTER TABLE "referrals"."case_review_requests" ADD COLUMN "refused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "planning"."plan_client_participation" ADD CONSTRAINT "plan_client_participation_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "planning"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_client_participation_plan_idx" ON "planning"."plan_client_participation" USING btree ("plan_id","occurred_on");--> statement-breakpoint
ALTER TABLE "notifications"."client_messages" ADD CONSTRAINT "client_messages_kind_check" CHECK ("notifications"."client_messages"."kind" IN ('referral_received', 'relationship_started', 'referral_declined', 'plan_agreed', 'plan_reviewed', 'review_request_refused', 'relationship_ended'));--> statement-breakpoint
ALTER TABLE "referrals"."case_review_requests" ADD CONSTRAINT "case_review_requests_refusal_reason_check" CHECK ("referrals"."case_review_requests"."refusal_reason_code" IN ('clearly_unnecessary', 'recently_reviewed', 'review_already_scheduled'));--> statement-breakpoint
ALTER TABLE "referrals"."case_review_requests" ADD CONSTRAINT "case_review_requests_refusal_check" CHECK (("referrals"."case_review_requests"."refused_on" IS NULL) = ("referrals"."case_review_requests"."refusal_reason_code" IS NULL) AND ("referrals"."case_review_requests"."refused_on" IS NULL) = ("referrals"."case_review_requests"."refused_at" IS NULL) AND ("referrals"."case_review_requests"."refused_on" IS NULL) = ("referrals"."case_review_requests"."refused_by_organisation" IS NULL));