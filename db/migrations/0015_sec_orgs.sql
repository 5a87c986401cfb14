ALTER TABLE "organizations" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_version_positive" CHECK ("organizations"."version" >= 1);--> statement-breakpoint
-- Every way of changing what the secretariat reviews (the form, the import, SQL by hand) moves the version on, so
-- a verification decision taken on an older version can be refused.
CREATE FUNCTION organizations_next_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.name, NEW.type, NEW.country, NEW.website, NEW.description)
     IS DISTINCT FROM (OLD.name, OLD.type, OLD.country, OLD.website, OLD.description) THEN
    NEW.version := OLD.version + 1;
  ELSE
    NEW.version := OLD.version;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_version BEFORE UPDATE ON organizations
  FOR EACH ROW EXECUTE FUNCTION organizations_next_version();
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "import_key" text;--> statement-breakpoint
-- Organisations the import created before it had keys of its own: the import gave them their key as slug, and
-- the audit log remembers which they are. Those created on the web (even if an import later matched them by
-- slug) keep no key, so the import leaves them alone from now on.
UPDATE "organizations" o SET "import_key" = o."slug"
  FROM "audit_log" a
  WHERE a."entity_type" = 'organization' AND a."action" = 'import.created' AND a."entity_id" = o."id"::text;--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_import_key_key" ON "organizations" USING btree ("import_key");--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_import_key_shape" CHECK ("organizations"."import_key" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');