CREATE TYPE "public"."offer_kind" AS ENUM('expertise', 'financing');--> statement-breakpoint
CREATE TYPE "public"."offer_status" AS ENUM('draft', 'active', 'paused', 'closed');--> statement-breakpoint
CREATE TYPE "public"."request_status" AS ENUM('draft', 'submitted', 'returned', 'published', 'matched', 'in_project', 'completed', 'withdrawn', 'closed');--> statement-breakpoint
CREATE TYPE "public"."review_kind" AS ENUM('returned', 'answered', 'published', 'note');--> statement-breakpoint
CREATE TABLE "request_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"author_id" uuid,
	"kind" "review_kind" NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_reviews_body_length" CHECK (length("request_reviews"."body") <= 5000)
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text,
	"organization_id" uuid NOT NULL,
	"created_by" uuid,
	"status" "request_status" DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"countries" text[] DEFAULT '{}' NOT NULL,
	"regions" text[] DEFAULT '{}' NOT NULL,
	"primary_objective" smallint NOT NULL,
	"objectives" smallint[] NOT NULL,
	"actions" text[] DEFAULT '{}' NOT NULL,
	"principles" text[] DEFAULT '{}' NOT NULL,
	"support_types" text[] DEFAULT '{}' NOT NULL,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"budget_amount" bigint,
	"budget_currency" text,
	"seeks_funding" boolean DEFAULT false NOT NULL,
	"start_date" date,
	"duration_months" smallint,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', hub_unaccent(coalesce("requests"."title", ''))), 'A')
    || setweight(to_tsvector('simple', hub_unaccent(coalesce("requests"."summary", ''))), 'B')
    || setweight(to_tsvector('simple', hub_unaccent(coalesce("requests"."description", ''))), 'C')) STORED,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "requests_title_length" CHECK (length("requests"."title") between 5 and 200),
	CONSTRAINT "requests_summary_length" CHECK (length("requests"."summary") between 10 and 1000),
	CONSTRAINT "requests_description_length" CHECK (length("requests"."description") <= 20000),
	CONSTRAINT "requests_primary_in_objectives" CHECK ("requests"."primary_objective" = any("requests"."objectives")),
	CONSTRAINT "requests_budget_pair" CHECK (("requests"."budget_amount" is null) = ("requests"."budget_currency" is null) and coalesce("requests"."budget_amount", 0) >= 0),
	CONSTRAINT "requests_budget_currency" CHECK ("requests"."budget_currency" is null or "requests"."budget_currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "requests_duration_range" CHECK ("requests"."duration_months" is null or "requests"."duration_months" between 1 and 120),
	CONSTRAINT "requests_published_has_date" CHECK ("requests"."status" not in ('published', 'matched', 'in_project', 'completed') or "requests"."published_at" is not null),
	CONSTRAINT "requests_objectives_range" CHECK ("requests"."objectives" <@ array[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23]::smallint[]),
	CONSTRAINT "requests_actions_shape" CHECK (array_to_string("requests"."actions", ',') ~ '^([0-9]{1,2}\.[a-z](,|$))*$'),
	CONSTRAINT "requests_support_types_known" CHECK ("requests"."support_types" <@ array['technical_assistance','capacity_building','policy_advice','data_research','peer_exchange','financing']::text[]),
	CONSTRAINT "requests_languages_shape" CHECK (array_to_string("requests"."languages", ',') ~ '^([a-z]{2}(,|$))*$'),
	CONSTRAINT "requests_countries_shape" CHECK (array_to_string("requests"."countries", ',') ~ '^([A-Z]{3}(,|$))*$'),
	CONSTRAINT "requests_regions_shape" CHECK (array_to_string("requests"."regions", ',') ~ '^([0-9]{3}(,|$))*$')
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text,
	"organization_id" uuid NOT NULL,
	"created_by" uuid,
	"kind" "offer_kind" NOT NULL,
	"status" "offer_status" DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"primary_objective" smallint NOT NULL,
	"objectives" smallint[] NOT NULL,
	"actions" text[] DEFAULT '{}' NOT NULL,
	"countries" text[] DEFAULT '{}' NOT NULL,
	"regions" text[] DEFAULT '{}' NOT NULL,
	"global" boolean DEFAULT false NOT NULL,
	"support_types" text[] DEFAULT '{}' NOT NULL,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"capacity_person_days" integer,
	"available_from" date,
	"available_until" date,
	"financing_min" bigint,
	"financing_max" bigint,
	"financing_currency" text,
	"conditions" text,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', hub_unaccent(coalesce("offers"."title", ''))), 'A')
    || setweight(to_tsvector('simple', hub_unaccent(coalesce("offers"."summary", ''))), 'B')
    || setweight(to_tsvector('simple', hub_unaccent(coalesce("offers"."description", ''))), 'C')) STORED,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_title_length" CHECK (length("offers"."title") between 5 and 200),
	CONSTRAINT "offers_summary_length" CHECK (length("offers"."summary") between 10 and 1000),
	CONSTRAINT "offers_description_length" CHECK (length("offers"."description") <= 20000),
	CONSTRAINT "offers_primary_in_objectives" CHECK ("offers"."primary_objective" = any("offers"."objectives")),
	CONSTRAINT "offers_capacity_positive" CHECK ("offers"."capacity_person_days" is null or "offers"."capacity_person_days" > 0),
	CONSTRAINT "offers_availability_order" CHECK ("offers"."available_from" is null or "offers"."available_until" is null or "offers"."available_from" <= "offers"."available_until"),
	CONSTRAINT "offers_financing_shape" CHECK (case when "offers"."kind" = 'financing'
        then "offers"."financing_min" is not null and "offers"."financing_max" is not null and "offers"."financing_currency" ~ '^[A-Z]{3}$'
          and "offers"."financing_min" >= 0 and "offers"."financing_min" <= "offers"."financing_max"
        else "offers"."financing_min" is null and "offers"."financing_max" is null and "offers"."financing_currency" is null end),
	CONSTRAINT "offers_active_has_date" CHECK ("offers"."status" not in ('active', 'paused') or "offers"."published_at" is not null),
	CONSTRAINT "offers_objectives_range" CHECK ("offers"."objectives" <@ array[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23]::smallint[]),
	CONSTRAINT "offers_actions_shape" CHECK (array_to_string("offers"."actions", ',') ~ '^([0-9]{1,2}\.[a-z](,|$))*$'),
	CONSTRAINT "offers_support_types_known" CHECK ("offers"."support_types" <@ array['technical_assistance','capacity_building','policy_advice','data_research','peer_exchange','financing']::text[]),
	CONSTRAINT "offers_languages_shape" CHECK (array_to_string("offers"."languages", ',') ~ '^([a-z]{2}(,|$))*$'),
	CONSTRAINT "offers_countries_shape" CHECK (array_to_string("offers"."countries", ',') ~ '^([A-Z]{3}(,|$))*$'),
	CONSTRAINT "offers_regions_shape" CHECK (array_to_string("offers"."regions", ',') ~ '^([0-9]{3}(,|$))*$')
);
--> statement-breakpoint
ALTER TABLE "request_reviews" ADD CONSTRAINT "request_reviews_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_reviews" ADD CONSTRAINT "request_reviews_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_primary_objective_gcm_objectives_number_fk" FOREIGN KEY ("primary_objective") REFERENCES "public"."gcm_objectives"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_primary_objective_gcm_objectives_number_fk" FOREIGN KEY ("primary_objective") REFERENCES "public"."gcm_objectives"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "request_reviews_request_idx" ON "request_reviews" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "requests_key_key" ON "requests" USING btree ("key");--> statement-breakpoint
CREATE INDEX "requests_organization_idx" ON "requests" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "requests_status_published_idx" ON "requests" USING btree ("status","published_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "requests_search_idx" ON "requests" USING gin ("search");--> statement-breakpoint
CREATE INDEX "requests_objectives_idx" ON "requests" USING gin ("objectives");--> statement-breakpoint
CREATE INDEX "requests_countries_idx" ON "requests" USING gin ("countries");--> statement-breakpoint
CREATE INDEX "requests_regions_idx" ON "requests" USING gin ("regions");--> statement-breakpoint
CREATE INDEX "requests_support_types_idx" ON "requests" USING gin ("support_types");--> statement-breakpoint
CREATE INDEX "requests_languages_idx" ON "requests" USING gin ("languages");--> statement-breakpoint
CREATE UNIQUE INDEX "offers_key_key" ON "offers" USING btree ("key");--> statement-breakpoint
CREATE INDEX "offers_organization_idx" ON "offers" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "offers_status_published_idx" ON "offers" USING btree ("status","published_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "offers_search_idx" ON "offers" USING gin ("search");--> statement-breakpoint
CREATE INDEX "offers_objectives_idx" ON "offers" USING gin ("objectives");--> statement-breakpoint
CREATE INDEX "offers_countries_idx" ON "offers" USING gin ("countries");--> statement-breakpoint
CREATE INDEX "offers_regions_idx" ON "offers" USING gin ("regions");--> statement-breakpoint
CREATE INDEX "offers_support_types_idx" ON "offers" USING gin ("support_types");--> statement-breakpoint
CREATE INDEX "offers_languages_idx" ON "offers" USING gin ("languages");