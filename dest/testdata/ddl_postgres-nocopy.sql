CREATE TABLE IF NOT EXISTS "test_things" (
  "id" BIGINT,
  "first_name" TEXT,
  "score" DOUBLE PRECISION,
  "is_active" BOOLEAN,
  "last_modified_at" TIMESTAMPTZ,
  "birthday" DATE,
  "custom_fields" JSONB,
  "steps" JSONB,
  "_row_hash" TEXT,
  "_deleted_at" TIMESTAMPTZ,
  PRIMARY KEY ("id")
);
CREATE TABLE IF NOT EXISTS "test_things__steps" (
  "_parent_id" BIGINT,
  "_position" BIGINT,
  "id" BIGINT,
  "type" TEXT,
  "delay_in_minutes" BIGINT,
  "_row_hash" TEXT,
  "_deleted_at" TIMESTAMPTZ,
  PRIMARY KEY ("_parent_id", "_position")
);
INSERT INTO "test_things" ("id", "first_name", "_row_hash") VALUES ($1, $2, $3), ($4, $5, $6) ON CONFLICT ("id") DO UPDATE SET "first_name" = excluded."first_name", "_row_hash" = excluded."_row_hash";
