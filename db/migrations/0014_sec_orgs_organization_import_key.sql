ALTER TABLE "organizations" ADD COLUMN "import_key" text;--> statement-breakpoint
-- Organisations the import created before it had keys of its own: the import gave them their key as slug, and
-- the audit log remembers which they are. Those created on the web (even if an import later matched them by
-- slug) keep no key, so the import leaves them alone from now on.
UPDATE "organizations" o SET "import_key" = o."slug"
  FROM "audit_log" a
  WHERE a."entity_type" = 'organization' AND a."action" = 'import.created' AND a."entity_id" = o."id"::text;--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_import_key_key" ON "organizations" USING btree ("import_key");--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_import_key_shape" CHECK ("organizations"."import_key" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');