-- The server identifies itself as replykit, not as go-mysql-server's Dolt.
SELECT @@version_comment;
-- The catalog's procedures are listed by SHOW PROCEDURE STATUS and information_schema, without any API call.
SHOW PROCEDURE STATUS LIKE '%Sequence';
SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = 'reply';
SELECT routine_name, routine_definition FROM information_schema.routines WHERE routine_name LIKE 'Set%' ORDER BY routine_name;
SELECT ordinal_position, parameter_name, data_type, dtd_identifier FROM information_schema.parameters WHERE specific_name = 'MoveContactToSequence' ORDER BY ordinal_position;
-- Tables and columns.
SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'reply';
SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'reply' AND table_name = 'SequenceSteps' ORDER BY ordinal_position LIMIT 4;
-- Key columns are NOT NULL and PRI: a single key (Contacts) and a composite key (SequenceContacts).
SHOW COLUMNS FROM Contacts LIKE 'Id';
DESCRIBE SequenceContacts;
SELECT table_name, column_name, is_nullable, column_key FROM information_schema.columns WHERE table_schema = 'reply' AND table_name IN ('Contacts', 'SequenceContacts') AND column_key = 'PRI' ORDER BY table_name, ordinal_position;
-- BI tools read primary keys from key_column_usage and statistics.
SELECT table_name, constraint_name, column_name, ordinal_position FROM information_schema.key_column_usage WHERE table_schema = 'reply' AND table_name IN ('Contacts', 'SequenceContacts') ORDER BY table_name, ordinal_position;
SELECT COUNT(*) FROM information_schema.key_column_usage WHERE table_schema = 'reply' AND constraint_name = 'PRIMARY';
SELECT table_name, non_unique, index_name, seq_in_index, column_name, nullable FROM information_schema.statistics WHERE table_schema = 'reply' AND table_name IN ('Contacts', 'SequenceContacts') ORDER BY table_name, seq_in_index;
SELECT tc.table_name, tc.constraint_type, k.column_name FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage k ON k.table_schema = tc.table_schema AND k.table_name = tc.table_name AND k.constraint_name = tc.constraint_name WHERE tc.table_schema = 'reply' AND tc.table_name = 'SequenceSteps' ORDER BY k.ordinal_position;
-- SHOW INDEX stays empty: the tables offer the planner no index (no lookup joins).
SHOW INDEX FROM Contacts;
-- Unknown names are reported as typed.
SELECT * FROM Contactz;
SELECT Id FROM reply.SequenceContactz;
SELECT c.Id FROM `WidgetS` c JOIN Contacts x ON x.Id = c.Id;
