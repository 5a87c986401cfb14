CREATE TABLE "catalogue_state" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"version" uuid NOT NULL,
	CONSTRAINT "catalogue_state_one_row" CHECK ("catalogue_state"."singleton")
);
--> statement-breakpoint
-- The first version: every database has the row from here on (a restore replaces it with the backup's).
INSERT INTO "catalogue_state" ("singleton", "version") VALUES (true, gen_random_uuid());
--> statement-breakpoint
-- Every change to what the public lists show gives the catalogue a new version when its transaction commits. The
-- triggers are deferred: they run at commit, once a transaction holds every other lock it needs, so the one row
-- they update is held only for the commit itself and two writers can never deadlock on it. A transaction that
-- changes many rows (an import) sets the version once.
CREATE FUNCTION catalogue_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('hub.catalogue_changed', true) IS DISTINCT FROM 'yes' THEN
    PERFORM set_config('hub.catalogue_changed', 'yes', true);
    INSERT INTO catalogue_state (singleton, version) VALUES (true, gen_random_uuid())
      ON CONFLICT (singleton) DO UPDATE SET version = excluded.version;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER requests_catalogue_changed AFTER INSERT OR UPDATE OR DELETE ON requests
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_changed();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER offers_catalogue_changed AFTER INSERT OR UPDATE OR DELETE ON offers
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_changed();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER practices_catalogue_changed AFTER INSERT OR UPDATE OR DELETE ON practices
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_changed();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER organizations_catalogue_changed AFTER INSERT OR UPDATE OR DELETE ON organizations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_changed();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER projects_catalogue_changed AFTER INSERT OR UPDATE OR DELETE ON projects
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_changed();
--> statement-breakpoint
-- TRUNCATE fires no row trigger; it locks the whole table anyway, so its trigger need not wait for the commit.
CREATE FUNCTION catalogue_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO catalogue_state (singleton, version) VALUES (true, gen_random_uuid())
    ON CONFLICT (singleton) DO UPDATE SET version = excluded.version;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER requests_catalogue_truncated AFTER TRUNCATE ON requests FOR EACH STATEMENT EXECUTE FUNCTION catalogue_truncated();
--> statement-breakpoint
CREATE TRIGGER offers_catalogue_truncated AFTER TRUNCATE ON offers FOR EACH STATEMENT EXECUTE FUNCTION catalogue_truncated();
--> statement-breakpoint
CREATE TRIGGER practices_catalogue_truncated AFTER TRUNCATE ON practices FOR EACH STATEMENT EXECUTE FUNCTION catalogue_truncated();
--> statement-breakpoint
CREATE TRIGGER organizations_catalogue_truncated AFTER TRUNCATE ON organizations FOR EACH STATEMENT EXECUTE FUNCTION catalogue_truncated();
--> statement-breakpoint
CREATE TRIGGER projects_catalogue_truncated AFTER TRUNCATE ON projects FOR EACH STATEMENT EXECUTE FUNCTION catalogue_truncated();
