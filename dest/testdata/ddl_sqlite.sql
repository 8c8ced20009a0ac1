CREATE TABLE IF NOT EXISTS "test_things" (
  "id" BIGINT,
  "first_name" TEXT,
  "score" DOUBLE,
  "is_active" BOOLEAN,
  "last_modified_at" TIMESTAMP,
  "birthday" TEXT,
  "custom_fields" TEXT,
  "steps" TEXT,
  "_row_hash" TEXT,
  "_deleted_at" TIMESTAMP,
  PRIMARY KEY ("id")
);
CREATE TABLE IF NOT EXISTS "test_things__steps" (
  "_parent_id" BIGINT,
  "_position" BIGINT,
  "id" BIGINT,
  "type" TEXT,
  "delay_in_minutes" BIGINT,
  "_row_hash" TEXT,
  "_deleted_at" TIMESTAMP,
  PRIMARY KEY ("_parent_id", "_position")
);
INSERT INTO "test_things" ("id", "first_name", "_row_hash") VALUES (?, ?, ?), (?, ?, ?) ON CONFLICT ("id") DO UPDATE SET "first_name" = excluded."first_name", "_row_hash" = excluded."_row_hash";
