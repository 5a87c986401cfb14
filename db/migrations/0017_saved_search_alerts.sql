CREATE TYPE "public"."alert_frequency" AS ENUM('instant', 'daily', 'weekly');--> statement-breakpoint
CREATE TYPE "public"."alert_listing" AS ENUM('requests', 'offers');--> statement-breakpoint
CREATE TABLE "alert_sent_items" (
	"saved_search_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_sent_items_saved_search_id_item_id_pk" PRIMARY KEY("saved_search_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "alert_unsubscribe_tokens" (
	"token_hash" "bytea" NOT NULL,
	"saved_search_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_unsubscribe_tokens_token_hash_saved_search_id_pk" PRIMARY KEY("token_hash","saved_search_id")
);
--> statement-breakpoint
CREATE TABLE "catalogue_publications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"listing" "alert_listing" NOT NULL,
	"item_id" uuid NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"instant_served_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "saved_searches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"listing" "alert_listing" NOT NULL,
	"search" text NOT NULL,
	"filters" jsonb NOT NULL,
	"name" text NOT NULL,
	"frequency" "alert_frequency" NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"serve_from" timestamp with time zone DEFAULT now() NOT NULL,
	"last_served_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_searches_name_length" CHECK (length("saved_searches"."name") between 1 and 120),
	CONSTRAINT "saved_searches_search_shape" CHECK ("saved_searches"."search" ~ '^/(requests|offers)(\?.*)?$' and length("saved_searches"."search") <= 2000)
);
--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "headers" jsonb;--> statement-breakpoint
ALTER TABLE "alert_sent_items" ADD CONSTRAINT "alert_sent_items_saved_search_id_saved_searches_id_fk" FOREIGN KEY ("saved_search_id") REFERENCES "public"."saved_searches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_unsubscribe_tokens" ADD CONSTRAINT "alert_unsubscribe_tokens_saved_search_id_saved_searches_id_fk" FOREIGN KEY ("saved_search_id") REFERENCES "public"."saved_searches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_searches" ADD CONSTRAINT "saved_searches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_unsubscribe_tokens_search_idx" ON "alert_unsubscribe_tokens" USING btree ("saved_search_id");--> statement-breakpoint
CREATE INDEX "catalogue_publications_published_idx" ON "catalogue_publications" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "catalogue_publications_instant_waiting_idx" ON "catalogue_publications" USING btree ("id") WHERE "catalogue_publications"."instant_served_at" is null;--> statement-breakpoint
CREATE INDEX "saved_searches_user_idx" ON "saved_searches" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "saved_searches_user_search_key" ON "saved_searches" USING btree ("user_id","search");--> statement-breakpoint
CREATE INDEX "saved_searches_frequency_idx" ON "saved_searches" USING btree ("frequency") WHERE not "saved_searches"."paused";--> statement-breakpoint
-- ---------------------------------------------------------------------------------------------------------------
-- Hand-written below (not drizzle-kit's): publications are caught in the database, whatever wrote the row —
-- screening, the import, the demo loader, a future path — so no code path can forget to serve the alerts.
-- A request becomes public when its status becomes `published`, an offer when it becomes `active` (their
-- lifecycles: app/domain/requests/lifecycle.ts, app/domain/offers/lifecycle.ts). An offer resumed after a pause is
-- recorded again; alert_sent_items keeps any alert from sending it twice. The row is written in the publishing
-- transaction, so a publication that rolls back leaves nothing behind.
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION catalogue_item_published() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO catalogue_publications (listing, item_id) VALUES (TG_ARGV[0]::alert_listing, NEW.id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER requests_published_on_insert AFTER INSERT ON requests FOR EACH ROW
  WHEN (NEW.status = 'published') EXECUTE FUNCTION catalogue_item_published('requests');
--> statement-breakpoint
CREATE TRIGGER requests_published_on_update AFTER UPDATE OF status ON requests FOR EACH ROW
  WHEN (NEW.status = 'published' AND OLD.status IS DISTINCT FROM 'published') EXECUTE FUNCTION catalogue_item_published('requests');
--> statement-breakpoint
CREATE TRIGGER offers_published_on_insert AFTER INSERT ON offers FOR EACH ROW
  WHEN (NEW.status = 'active') EXECUTE FUNCTION catalogue_item_published('offers');
--> statement-breakpoint
CREATE TRIGGER offers_published_on_update AFTER UPDATE OF status ON offers FOR EACH ROW
  WHEN (NEW.status = 'active' AND OLD.status IS DISTINCT FROM 'active') EXECUTE FUNCTION catalogue_item_published('offers');
