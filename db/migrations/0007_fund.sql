CREATE TYPE "public"."allocation_status" AS ENUM('approved', 'disbursing', 'closed', 'reversed');--> statement-breakpoint
CREATE TYPE "public"."contribution_method" AS ENUM('card', 'pledge');--> statement-breakpoint
CREATE TYPE "public"."contribution_status" AS ENUM('pending', 'pledged', 'received', 'failed', 'refunded');--> statement-breakpoint
CREATE TYPE "public"."earmark_kind" AS ENUM('fund', 'objective', 'project');--> statement-breakpoint
CREATE TYPE "public"."ledger_kind" AS ENUM('contribution', 'pledge_receipt', 'refund', 'allocation', 'allocation_reversal', 'disbursement', 'correction');--> statement-breakpoint
CREATE TABLE "allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text,
	"project_id" uuid NOT NULL,
	"pool" text NOT NULL,
	"amount_usd" bigint NOT NULL,
	"status" "allocation_status" DEFAULT 'approved' NOT NULL,
	"note" text,
	"reverse_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "allocations_amount" CHECK ("allocations"."amount_usd" > 0)
);
--> statement-breakpoint
CREATE TABLE "contributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text,
	"method" "contribution_method" NOT NULL,
	"status" "contribution_status" NOT NULL,
	"donor_user_id" uuid,
	"donor_organization_id" uuid,
	"donor_name" text NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"received_amount" bigint DEFAULT 0 NOT NULL,
	"received_usd" bigint DEFAULT 0 NOT NULL,
	"rate" numeric(18, 8),
	"earmark" "earmark_kind" DEFAULT 'fund' NOT NULL,
	"earmark_objective" smallint,
	"earmark_project_id" uuid,
	"idempotency_key" text,
	"stripe_checkout_session_id" text,
	"stripe_payment_intent_id" text,
	"failure_reason" text,
	"note" text,
	"due_date" date,
	"received_at" timestamp with time zone,
	"refunded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contributions_amount" CHECK ("contributions"."amount" > 0 and "contributions"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "contributions_received" CHECK ("contributions"."received_amount" >= 0 and "contributions"."received_amount" <= "contributions"."amount" and "contributions"."received_usd" >= 0),
	CONSTRAINT "contributions_method_status" CHECK (("contributions"."method" = 'card' and "contributions"."status" <> 'pledged') or ("contributions"."method" = 'pledge' and "contributions"."status" in ('pledged', 'received'))),
	CONSTRAINT "contributions_earmark_target" CHECK (("contributions"."earmark" = 'fund' and "contributions"."earmark_objective" is null and "contributions"."earmark_project_id" is null)
        or ("contributions"."earmark" = 'objective' and "contributions"."earmark_objective" between 1 and 23 and "contributions"."earmark_project_id" is null)
        or ("contributions"."earmark" = 'project' and "contributions"."earmark_project_id" is not null and "contributions"."earmark_objective" is null)),
	CONSTRAINT "contributions_donor_name" CHECK (length("contributions"."donor_name") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "ledger_balances" (
	"account" text NOT NULL,
	"currency" text NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	"non_negative" boolean NOT NULL,
	CONSTRAINT "ledger_balances_not_overdrawn" CHECK (not "ledger_balances"."non_negative" or "ledger_balances"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"transaction_id" uuid NOT NULL,
	"account" text NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "ledger_entries_nonzero" CHECK ("ledger_entries"."amount" <> 0),
	CONSTRAINT "ledger_entries_currency" CHECK ("ledger_entries"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "ledger_entries_account_shape" CHECK ("ledger_entries"."account" ~ '^(donor|fund|project|external):[a-z0-9:_-]+$')
);
--> statement-breakpoint
CREATE TABLE "ledger_transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"memo" text NOT NULL,
	"reference" text,
	"contribution_id" uuid,
	"allocation_id" uuid,
	"project_id" uuid,
	"milestone_id" uuid,
	"reverses_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pledge_receipts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contribution_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"amount" bigint NOT NULL,
	"usd_amount" bigint NOT NULL,
	"rate" numeric(18, 8) NOT NULL,
	"reference" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pledge_receipts_amount" CHECK ("pledge_receipts"."amount" > 0 and "pledge_receipts"."usd_amount" > 0 and "pledge_receipts"."rate" > 0)
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"outcome" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tranches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"allocation_id" uuid NOT NULL,
	"milestone_id" uuid NOT NULL,
	"amount_usd" bigint NOT NULL,
	"disbursement_id" uuid,
	"disbursed_at" timestamp with time zone,
	"reference" text,
	CONSTRAINT "tranches_amount" CHECK ("tranches"."amount_usd" > 0)
);
--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_donor_user_id_users_id_fk" FOREIGN KEY ("donor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_donor_organization_id_organizations_id_fk" FOREIGN KEY ("donor_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_earmark_project_id_projects_id_fk" FOREIGN KEY ("earmark_project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_transaction_id_ledger_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."ledger_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_contribution_id_contributions_id_fk" FOREIGN KEY ("contribution_id") REFERENCES "public"."contributions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_allocation_id_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."allocations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge_receipts" ADD CONSTRAINT "pledge_receipts_contribution_id_contributions_id_fk" FOREIGN KEY ("contribution_id") REFERENCES "public"."contributions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge_receipts" ADD CONSTRAINT "pledge_receipts_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tranches" ADD CONSTRAINT "tranches_allocation_id_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."allocations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tranches" ADD CONSTRAINT "tranches_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "allocations_key_key" ON "allocations" USING btree ("key");--> statement-breakpoint
CREATE INDEX "allocations_project_idx" ON "allocations" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contributions_key_key" ON "contributions" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "contributions_idempotency_key" ON "contributions" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "contributions_checkout_session_key" ON "contributions" USING btree ("stripe_checkout_session_id");--> statement-breakpoint
CREATE INDEX "contributions_donor_idx" ON "contributions" USING btree ("donor_user_id","created_at");--> statement-breakpoint
CREATE INDEX "contributions_status_idx" ON "contributions" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_balances_key" ON "ledger_balances" USING btree ("account","currency");--> statement-breakpoint
CREATE INDEX "ledger_entries_transaction_idx" ON "ledger_entries" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_account_idx" ON "ledger_entries" USING btree ("account");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transactions_reverses_key" ON "ledger_transactions" USING btree ("reverses_id");--> statement-breakpoint
CREATE INDEX "ledger_transactions_project_idx" ON "ledger_transactions" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "ledger_transactions_contribution_idx" ON "ledger_transactions" USING btree ("contribution_id");--> statement-breakpoint
CREATE INDEX "ledger_transactions_created_idx" ON "ledger_transactions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "pledge_receipts_contribution_idx" ON "pledge_receipts" USING btree ("contribution_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tranches_allocation_milestone_key" ON "tranches" USING btree ("allocation_id","milestone_id");--> statement-breakpoint
CREATE INDEX "tranches_milestone_idx" ON "tranches" USING btree ("milestone_id");