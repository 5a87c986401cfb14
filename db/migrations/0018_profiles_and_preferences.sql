CREATE TABLE "notification_preferences" (
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"email" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_user_id_kind_pk" PRIMARY KEY("user_id","kind"),
	CONSTRAINT "notification_preferences_kind" CHECK (kind in ('matches', 'projects', 'fund', 'alerts', 'suggestions'))
);
--> statement-breakpoint
CREATE TABLE "organization_profiles" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"objectives" smallint[] NOT NULL,
	"countries" text[] DEFAULT '{}' NOT NULL,
	"regions" text[] DEFAULT '{}' NOT NULL,
	"support_types" text[] DEFAULT '{}' NOT NULL,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"financing_min_usd" bigint,
	"financing_max_usd" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_profiles_objectives" CHECK (cardinality("organization_profiles"."objectives") between 1 and 23 and 1 <= all("organization_profiles"."objectives") and 23 >= all("organization_profiles"."objectives")),
	CONSTRAINT "organization_profiles_languages" CHECK (cardinality("organization_profiles"."languages") >= 1),
	CONSTRAINT "organization_profiles_financing" CHECK (("organization_profiles"."financing_min_usd" is null) = ("organization_profiles"."financing_max_usd" is null)
        and ("organization_profiles"."financing_min_usd" is null or ("organization_profiles"."financing_min_usd" >= 0 and "organization_profiles"."financing_min_usd" <= "organization_profiles"."financing_max_usd")))
);
--> statement-breakpoint
CREATE TABLE "suggestion_digest_items" (
	"user_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suggestion_digest_items_user_id_request_id_pk" PRIMARY KEY("user_id","request_id")
);
--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_profiles" ADD CONSTRAINT "organization_profiles_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_digest_items" ADD CONSTRAINT "suggestion_digest_items_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_digest_items" ADD CONSTRAINT "suggestion_digest_items_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_digest_items" ADD CONSTRAINT "suggestion_digest_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "suggestion_digest_items_sent_idx" ON "suggestion_digest_items" USING btree ("user_id","created_at");