CREATE TYPE "public"."indicator_level" AS ENUM('output', 'outcome', 'impact');--> statement-breakpoint
CREATE TYPE "public"."milestone_status" AS ENUM('planned', 'in_progress', 'submitted', 'approved', 'returned', 'waived');--> statement-breakpoint
CREATE TYPE "public"."participant_role" AS ENUM('funding', 'accountable', 'extending', 'implementing');--> statement-breakpoint
CREATE TYPE "public"."project_status" AS ENUM('inception', 'active', 'on_hold', 'completed', 'closed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."review_status" AS ENUM('draft', 'pending', 'approved', 'returned');--> statement-breakpoint
CREATE TABLE "final_reports" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"results" text NOT NULL,
	"lessons" text NOT NULL,
	"sustainability" text NOT NULL,
	"status" "review_status" DEFAULT 'draft' NOT NULL,
	"review_comment" text,
	"submitted_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "final_reports_returned_has_comment" CHECK ("final_reports"."status" <> 'returned' or "final_reports"."review_comment" is not null)
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"update_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"value" numeric NOT NULL,
	"breakdown" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "indicator_values_update_id_indicator_id_pk" PRIMARY KEY("update_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"level" "indicator_level" NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"baseline" numeric NOT NULL,
	"target" numeric NOT NULL,
	"disaggregation" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_name_length" CHECK (length("indicators"."name") between 3 and 300),
	CONSTRAINT "indicators_target_differs" CHECK ("indicators"."target" <> "indicators"."baseline"),
	CONSTRAINT "indicators_disaggregation_known" CHECK ("indicators"."disaggregation" <@ array['sex','age','migration_status','disability']::text[])
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"deliverable" text NOT NULL,
	"due_date" date NOT NULL,
	"tranche_amount" bigint,
	"status" "milestone_status" DEFAULT 'planned' NOT NULL,
	"evidence" text,
	"evidence_links" text[] DEFAULT '{}' NOT NULL,
	"review_comment" text,
	"submitted_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestones_title_length" CHECK (length("milestones"."title") between 3 and 200),
	CONSTRAINT "milestones_tranche" CHECK ("milestones"."tranche_amount" is null or "milestones"."tranche_amount" > 0),
	CONSTRAINT "milestones_submitted_has_evidence" CHECK ("milestones"."status" not in ('submitted', 'approved') or "milestones"."evidence" is not null),
	CONSTRAINT "milestones_returned_has_comment" CHECK ("milestones"."status" <> 'returned' or "milestones"."review_comment" is not null)
);
--> statement-breakpoint
CREATE TABLE "progress_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"narrative" text NOT NULL,
	"estimated_percent" smallint,
	"status" "review_status" DEFAULT 'draft' NOT NULL,
	"review_comment" text,
	"created_by" uuid,
	"submitted_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "progress_updates_period" CHECK ("progress_updates"."period_end" >= "progress_updates"."period_start"),
	CONSTRAINT "progress_updates_percent" CHECK ("progress_updates"."estimated_percent" is null or "progress_updates"."estimated_percent" between 0 and 100),
	CONSTRAINT "progress_updates_narrative" CHECK (length("progress_updates"."narrative") between 10 and 20000),
	CONSTRAINT "progress_updates_returned_has_comment" CHECK ("progress_updates"."status" <> 'returned' or "progress_updates"."review_comment" is not null)
);
--> statement-breakpoint
CREATE TABLE "project_budget_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"organization_id" uuid,
	"label" text NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "project_budget_sources_amount" CHECK ("project_budget_sources"."amount" > 0),
	CONSTRAINT "project_budget_sources_label" CHECK (length("project_budget_sources"."label") between 2 and 200)
);
--> statement-breakpoint
CREATE TABLE "project_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"milestone_id" uuid,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_documents_size" CHECK ("project_documents"."size" between 1 and 10485760)
);
--> statement-breakpoint
CREATE TABLE "project_evaluations" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"rating" smallint NOT NULL,
	"comment" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_evaluations_rating" CHECK ("project_evaluations"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "project_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_messages_body" CHECK (length("project_messages"."body") between 1 and 5000)
);
--> statement-breakpoint
CREATE TABLE "project_participants" (
	"project_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"role" "participant_role" NOT NULL,
	CONSTRAINT "project_participants_project_id_organization_id_role_pk" PRIMARY KEY("project_id","organization_id","role")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text,
	"match_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"state_id" uuid NOT NULL,
	"status" "project_status" DEFAULT 'inception' NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"objectives" smallint[] NOT NULL,
	"countries" text[] DEFAULT '{}' NOT NULL,
	"regions" text[] DEFAULT '{}' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"budget_amount" bigint NOT NULL,
	"budget_currency" text NOT NULL,
	"reporting_months" smallint DEFAULT 3 NOT NULL,
	"workplan_status" "review_status" DEFAULT 'draft' NOT NULL,
	"workplan_comment" text,
	"workplan_approved_at" timestamp with time zone,
	"cancel_reason" text,
	"hold_reason" text,
	"published_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_title_length" CHECK (length("projects"."title") between 5 and 200),
	CONSTRAINT "projects_summary_length" CHECK (length("projects"."summary") between 10 and 2000),
	CONSTRAINT "projects_dates_order" CHECK ("projects"."end_date" >= "projects"."start_date"),
	CONSTRAINT "projects_budget" CHECK ("projects"."budget_amount" >= 0 and "projects"."budget_currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "projects_reporting_months" CHECK ("projects"."reporting_months" between 1 and 12),
	CONSTRAINT "projects_cancelled_has_reason" CHECK ("projects"."status" <> 'cancelled' or "projects"."cancel_reason" is not null),
	CONSTRAINT "projects_active_needs_workplan" CHECK ("projects"."status" in ('inception', 'cancelled') or "projects"."workplan_status" = 'approved')
);
--> statement-breakpoint
CREATE TABLE "reminders_sent" (
	"subject" text NOT NULL,
	"step" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminders_sent_subject_step_pk" PRIMARY KEY("subject","step")
);
--> statement-breakpoint
ALTER TABLE "final_reports" ADD CONSTRAINT "final_reports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_update_id_progress_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."progress_updates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_updates" ADD CONSTRAINT "progress_updates_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_updates" ADD CONSTRAINT "progress_updates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_budget_sources" ADD CONSTRAINT "project_budget_sources_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_budget_sources" ADD CONSTRAINT "project_budget_sources_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_documents" ADD CONSTRAINT "project_documents_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_documents" ADD CONSTRAINT "project_documents_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_documents" ADD CONSTRAINT "project_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_evaluations" ADD CONSTRAINT "project_evaluations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_evaluations" ADD CONSTRAINT "project_evaluations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_messages" ADD CONSTRAINT "project_messages_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_messages" ADD CONSTRAINT "project_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_participants" ADD CONSTRAINT "project_participants_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_participants" ADD CONSTRAINT "project_participants_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_state_id_organizations_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicators_project_idx" ON "indicators" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "milestones_project_idx" ON "milestones" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "milestones_open_due_idx" ON "milestones" USING btree ("due_date") WHERE "milestones"."status" in ('planned', 'in_progress', 'returned');--> statement-breakpoint
CREATE INDEX "progress_updates_project_idx" ON "progress_updates" USING btree ("project_id","period_end");--> statement-breakpoint
CREATE INDEX "project_budget_sources_project_idx" ON "project_budget_sources" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_documents_project_idx" ON "project_documents" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "project_messages_project_idx" ON "project_messages" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "project_participants_org_idx" ON "project_participants" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_key_key" ON "projects" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_match_key" ON "projects" USING btree ("match_id");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_request_key" ON "projects" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "projects_status_idx" ON "projects" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "projects_objectives_idx" ON "projects" USING gin ("objectives");--> statement-breakpoint
CREATE INDEX "projects_countries_idx" ON "projects" USING gin ("countries");