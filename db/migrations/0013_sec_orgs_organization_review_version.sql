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
