ALTER TABLE "requests" drop column "search";--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', hub_search_text(coalesce("requests"."title", ''))), 'A')
    || setweight(to_tsvector('simple', hub_search_text(coalesce("requests"."summary", ''))), 'B')
    || setweight(to_tsvector('simple', hub_search_text(coalesce("requests"."description", ''))), 'C')) STORED;--> statement-breakpoint
ALTER TABLE "offers" drop column "search";--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', hub_search_text(coalesce("offers"."title", ''))), 'A')
    || setweight(to_tsvector('simple', hub_search_text(coalesce("offers"."summary", ''))), 'B')
    || setweight(to_tsvector('simple', hub_search_text(coalesce("offers"."description", ''))), 'C')) STORED;--> statement-breakpoint
ALTER TABLE "practices" drop column "search";--> statement-breakpoint
ALTER TABLE "practices" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', hub_search_text(coalesce("practices"."title", ''))), 'A')
    || setweight(to_tsvector('simple', hub_search_text(coalesce("practices"."summary", ''))), 'B')
    || setweight(to_tsvector('simple', hub_search_text(coalesce("practices"."what_was_done" || ' ' || "practices"."results" || ' ' || "practices"."lessons", ''))), 'C')) STORED;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "practices" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_language_shape" CHECK ("requests"."language" ~ '^[a-z]{2}$');--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_language_shape" CHECK ("offers"."language" ~ '^[a-z]{2}$');--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_language_shape" CHECK ("practices"."language" ~ '^[a-z]{2}$');--> statement-breakpoint
-- Dropping the old search columns dropped their GIN indexes with them.
CREATE INDEX "requests_search_idx" ON "requests" USING gin ("search");--> statement-breakpoint
CREATE INDEX "offers_search_idx" ON "offers" USING gin ("search");--> statement-breakpoint
CREATE INDEX "practices_search_idx" ON "practices" USING gin ("search");
