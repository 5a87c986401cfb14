CREATE TYPE "public"."match_decision" AS ENUM('pending', 'accepted', 'declined');--> statement-breakpoint
CREATE TYPE "public"."match_origin" AS ENUM('suggested', 'interest', 'proposed');--> statement-breakpoint
CREATE TYPE "public"."match_status" AS ENUM('open', 'agreed', 'converted', 'declined', 'withdrawn', 'expired');--> statement-breakpoint
CREATE TABLE "match_suggestions" (
	"request_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"score" real NOT NULL,
	"factors" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_suggestions_request_id_offer_id_pk" PRIMARY KEY("request_id","offer_id"),
	CONSTRAINT "match_suggestions_score_range" CHECK ("match_suggestions"."score" between 0 and 1)
);
--> statement-breakpoint
CREATE TABLE "matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"offer_id" uuid,
	"provider_id" uuid NOT NULL,
	"origin" "match_origin" NOT NULL,
	"status" "match_status" DEFAULT 'open' NOT NULL,
	"request_decision" "match_decision" DEFAULT 'pending' NOT NULL,
	"provider_decision" "match_decision" DEFAULT 'pending' NOT NULL,
	"message" text,
	"indicative_budget" bigint,
	"indicative_currency" text,
	"secretariat_note" text,
	"decline_reason" text,
	"score" real,
	"created_by" uuid,
	"proposed_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"agreed_at" timestamp with time zone,
	"time_to_match_seconds" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matches_message_length" CHECK (length("matches"."message") <= 5000),
	CONSTRAINT "matches_budget_pair" CHECK (("matches"."indicative_budget" is null) = ("matches"."indicative_currency" is null)),
	CONSTRAINT "matches_agreed_means_both_accepted" CHECK ("matches"."status" not in ('agreed', 'converted') or ("matches"."request_decision" = 'accepted' and "matches"."provider_decision" = 'accepted' and "matches"."agreed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"link" text NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "match_suggestions" ADD CONSTRAINT "match_suggestions_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_suggestions" ADD CONSTRAINT "match_suggestions_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_provider_id_organizations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "match_suggestions_request_score_idx" ON "match_suggestions" USING btree ("request_id","score" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "match_suggestions_offer_score_idx" ON "match_suggestions" USING btree ("offer_id","score" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "matches_request_idx" ON "matches" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "matches_provider_idx" ON "matches" USING btree ("provider_id","created_at");--> statement-breakpoint
CREATE INDEX "matches_open_expiry_idx" ON "matches" USING btree ("expires_at") WHERE "matches"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "matches_one_agreed_per_request" ON "matches" USING btree ("request_id") WHERE "matches"."status" in ('agreed', 'converted');--> statement-breakpoint
CREATE UNIQUE INDEX "matches_one_open_per_pair" ON "matches" USING btree ("request_id","provider_id") WHERE "matches"."status" = 'open';--> statement-breakpoint
CREATE INDEX "notifications_user_unread_idx" ON "notifications" USING btree ("user_id","created_at" DESC NULLS LAST) WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at" DESC NULLS LAST);