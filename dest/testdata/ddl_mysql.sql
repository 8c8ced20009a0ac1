CREATE TABLE IF NOT EXISTS `test_things` (
  `id` BIGINT,
  `first_name` LONGTEXT,
  `score` DOUBLE,
  `is_active` BOOLEAN,
  `last_modified_at` DATETIME(6),
  `birthday` DATE,
  `custom_fields` JSON,
  `steps` JSON,
  `_row_hash` LONGTEXT,
  `_deleted_at` DATETIME(6),
  PRIMARY KEY (`id`)
);
CREATE TABLE IF NOT EXISTS `test_things__steps` (
  `_parent_id` BIGINT,
  `_position` BIGINT,
  `id` BIGINT,
  `type` LONGTEXT,
  `delay_in_minutes` BIGINT,
  `_row_hash` LONGTEXT,
  `_deleted_at` DATETIME(6),
  PRIMARY KEY (`_parent_id`, `_position`)
);
INSERT INTO `test_things` (`id`, `first_name`, `_row_hash`) VALUES (?, ?, ?), (?, ?, ?) ON DUPLICATE KEY UPDATE `first_name` = VALUES(`first_name`), `_row_hash` = VALUES(`_row_hash`);
