ALTER TYPE "public"."contribution_status" ADD VALUE 'voided';--> statement-breakpoint
CREATE TABLE "hub_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contributions" DROP CONSTRAINT "contributions_method_status";--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "voided_by" uuid;--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "void_reason" text;--> statement-breakpoint
ALTER TABLE "hub_settings" ADD CONSTRAINT "hub_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_voided_by_users_id_fk" FOREIGN KEY ("voided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_voided" CHECK (("contributions"."status"::text = 'voided') = ("contributions"."voided_at" is not null) and ("contributions"."voided_at" is null or ("contributions"."void_reason" is not null and "contributions"."received_amount" = 0)));--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_method_status" CHECK (("contributions"."method" = 'card' and "contributions"."status"::text not in ('pledged', 'voided')) or ("contributions"."method" = 'pledge' and "contributions"."status"::text in ('pledged', 'received', 'voided')));--> statement-breakpoint
CREATE TYPE "public"."funding_invitation_status" AS ENUM('pending', 'accepted', 'declined');--> statement-breakpoint
CREATE TABLE "funding_invitations" (
	"project_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"status" "funding_invitation_status" DEFAULT 'pending' NOT NULL,
	"invited_by" uuid,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_invitations_project_id_organization_id_pk" PRIMARY KEY("project_id","organization_id"),
	CONSTRAINT "funding_invitations_answered" CHECK (("funding_invitations"."status" = 'pending') = ("funding_invitations"."answered_at" is null))
);
--> statement-breakpoint
ALTER TABLE "funding_invitations" ADD CONSTRAINT "funding_invitations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_invitations" ADD CONSTRAINT "funding_invitations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_invitations" ADD CONSTRAINT "funding_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_invitations" ADD CONSTRAINT "funding_invitations_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_invitations_org_idx" ON "funding_invitations" USING btree ("organization_id","status");