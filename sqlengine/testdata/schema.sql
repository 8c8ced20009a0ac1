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
