CREATE TYPE "public"."practice_status" AS ENUM('draft', 'submitted', 'returned', 'published', 'withdrawn');--> statement-breakpoint
CREATE TABLE "practices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text,
	"organization_id" uuid NOT NULL,
	"project_id" uuid,
	"created_by" uuid,
	"status" "practice_status" DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"what_was_done" text DEFAULT '' NOT NULL,
	"results" text DEFAULT '' NOT NULL,
	"lessons" text DEFAULT '' NOT NULL,
	"objectives" smallint[] NOT NULL,
	"principles" text[] DEFAULT '{}' NOT NULL,
	"countries" text[] DEFAULT '{}' NOT NULL,
	"regions" text[] DEFAULT '{}' NOT NULL,
	"period_start" date,
	"period_end" date,
	"links" text[] DEFAULT '{}' NOT NULL,
	"review_comment" text,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', hub_unaccent(coalesce("practices"."title", ''))), 'A')
    || setweight(to_tsvector('simple', hub_unaccent(coalesce("practices"."summary", ''))), 'B')
    || setweight(to_tsvector('simple', hub_unaccent(coalesce("practices"."what_was_done" || ' ' || "practices"."results" || ' ' || "practices"."lessons", ''))), 'C')) STORED,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practices_title_length" CHECK (length("practices"."title") between 5 and 200),
	CONSTRAINT "practices_summary_length" CHECK (length("practices"."summary") between 10 and 1000),
	CONSTRAINT "practices_texts_length" CHECK (length("practices"."what_was_done") <= 20000 and length("practices"."results") <= 20000 and length("practices"."lessons") <= 20000),
	CONSTRAINT "practices_objectives_required" CHECK (cardinality("practices"."objectives") >= 1),
	CONSTRAINT "practices_objectives_range" CHECK ("practices"."objectives" <@ array[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23]::smallint[]),
	CONSTRAINT "practices_principles_shape" CHECK (array_to_string("practices"."principles", ',') ~ '^([a-z_]+(,|$))*$'),
	CONSTRAINT "practices_countries_shape" CHECK (array_to_string("practices"."countries", ',') ~ '^([A-Z]{3}(,|$))*$'),
	CONSTRAINT "practices_regions_shape" CHECK (array_to_string("practices"."regions", ',') ~ '^([0-9]{3}(,|$))*$'),
	CONSTRAINT "practices_links_shape" CHECK (cardinality("practices"."links") <= 20 and array_to_string("practices"."links", ' ') ~ '^(https?://[^[:space:]]+( |$))*$'),
	CONSTRAINT "practices_period_order" CHECK ("practices"."period_start" is null or "practices"."period_end" is null or "practices"."period_start" <= "practices"."period_end"),
	CONSTRAINT "practices_published_has_date" CHECK ("practices"."status" <> 'published' or "practices"."published_at" is not null),
	CONSTRAINT "practices_returned_has_comment" CHECK ("practices"."status" <> 'returned' or "practices"."review_comment" is not null),
	CONSTRAINT "practices_review_comment_length" CHECK (length("practices"."review_comment") <= 5000)
);
--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "practices_key_key" ON "practices" USING btree ("key");--> statement-breakpoint
CREATE INDEX "practices_organization_idx" ON "practices" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "practices_project_idx" ON "practices" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "practices_status_published_idx" ON "practices" USING btree ("status","published_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "practices_search_idx" ON "practices" USING gin ("search");--> statement-breakpoint
CREATE INDEX "practices_objectives_idx" ON "practices" USING gin ("objectives");--> statement-breakpoint
CREATE INDEX "practices_countries_idx" ON "practices" USING gin ("countries");--> statement-breakpoint
CREATE INDEX "practices_regions_idx" ON "practices" USING gin ("regions");