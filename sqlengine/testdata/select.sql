-- Point lookups: Id = x is one GET by id; Id IN (...) one GET each.
SELECT Id, Email, FirstName FROM Contacts WHERE Id = 1005;
SELECT Id, Email FROM Contacts WHERE Id IN (1001, 1002, 1003) ORDER BY Id;
SELECT Id, Email FROM Contacts WHERE 1004 = Id;
-- A missing id is an empty result, not an error.
SELECT Id FROM Contacts WHERE Id = 999999;
-- COUNT(*) on Contacts is one call (totalCount).
SELECT COUNT(*) FROM Contacts;
SELECT COUNT(*) AS n FROM Contacts;
-- LIMIT stops paging early.
SELECT Id, Email FROM Contacts ORDER BY Id LIMIT 3;
-- Declared filters become API parameters; every predicate is re-checked locally.
SELECT Id, FirstName, LastName FROM Contacts WHERE FirstName = (SELECT FirstName FROM Contacts WHERE Id = 1002);
SELECT Id, Email FROM Contacts WHERE Email = 'liam.garcia.1002@vandelay-industries.example';
SELECT Id, Name FROM Accounts WHERE Name LIKE '%a%' ORDER BY Id;
SELECT Id, Name, Status FROM Sequences WHERE Status = 'Active' ORDER BY Id;
-- Aggregates and grouping run locally over one scan.
SELECT Country, COUNT(*) AS n FROM Contacts GROUP BY Country ORDER BY n DESC, Country;
SELECT MIN(Id), MAX(Id), COUNT(DISTINCT AccountId) FROM Contacts;
-- Joins: a hash join reads each table once; a lookup join reads by id.
SELECT c.Id, c.Email, a.Name FROM Contacts c JOIN Accounts a ON a.Id = c.AccountId ORDER BY c.Id LIMIT 5;
SELECT c.Id, a.Name FROM Contacts c JOIN Accounts a ON a.Id = c.AccountId WHERE c.Id = 1004;
-- Subqueries.
SELECT Id FROM Contacts WHERE AccountId IN (SELECT Id FROM Accounts WHERE Name LIKE '%o%') ORDER BY Id;
SELECT Name, (SELECT COUNT(*) FROM Contacts c WHERE c.AccountId = a.Id) AS contacts FROM Accounts a ORDER BY Id;
-- JSON functions on nested columns.
SELECT Id, JSON_TYPE(CustomFields), JSON_LENGTH(CustomFields) FROM Contacts WHERE Id = 1001;
-- Catalog metadata.
SHOW TABLES;
DESCRIBE Sequences;
SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.columns WHERE table_schema = 'reply' AND table_name = 'Webhooks' ORDER BY ORDINAL_POSITION;
-- Detail-only columns cost one GET per row, and only when selected.
SELECT Id, Name FROM Sequences ORDER BY Id;
SELECT Id, Name, ScheduleId FROM Sequences ORDER BY Id;
-- A child table walks its parents without the parent key, and uses the child endpoint with it.
SELECT SequenceId, Id, Type FROM SequenceSteps ORDER BY SequenceId, Id;
SELECT SequenceId, Id, Type FROM SequenceSteps WHERE SequenceId = :SequenceId ORDER BY Id;
SELECT s.Name, st.Id FROM Sequences s JOIN SequenceSteps st ON st.SequenceId = s.Id ORDER BY s.Id, st.Id;
-- LIKE with a prefix keeps non-ASCII rows (go-mysql-server v0.20.0's range rewrite is disabled).
SELECT Id, FirstName FROM Contacts WHERE FirstName LIKE 'J%' ORDER BY Id;
-- EXPLAIN PLAN shows what is pushed to the API.
EXPLAIN PLAN SELECT Id FROM Sequences WHERE Status = 'active' AND Name LIKE '%Q1%';
-- Nested JSON columns come back as JSON.
SELECT Id, Name, MainTimings->'$[0].timeRanges' FROM Schedules ORDER BY Id LIMIT 1;
SELECT Id, JSON_EXTRACT(Holidays, '$[0].name') FROM HolidayCalendars ORDER BY Id LIMIT 1;
-- Column comments say what the API filters and what costs a GET per row.
SELECT COLUMN_NAME, COLUMN_COMMENT FROM information_schema.columns WHERE table_schema = 'reply' AND table_name = 'Sequences' ORDER BY ORDINAL_POSITION;
-- A filter-only column: FolderId is set on rows read with FolderId = x.
SELECT Id, Name, FolderId FROM Sequences WHERE FolderId = 'e9d7b5b8-ef25-4af9-919e-b9ab8a2b8f35' ORDER BY Id;
SELECT f.Name, s.Id FROM SequenceFolders f JOIN SequencesInFolder s ON s.FolderId = f.Id ORDER BY f.Name, s.Id;
-- COUNT(*) with a WHERE the API applies exactly is one call too; otherwise the rows are read and counted.
SELECT COUNT(*) AS n FROM Contacts WHERE AccountId = 1003;
SELECT COUNT(*) FROM Contacts WHERE AccountId = 1003 AND OwnerUserId = 1234;
SELECT COUNT(*) FROM Contacts WHERE Country = 'Switzerland';
SELECT COUNT(*) FROM Contacts WHERE AccountId = 1003 AND Title LIKE '%e%';
-- OR of = / IN on one column is an IN; a small integer key range is read as one GET per key.
SELECT Id FROM Contacts WHERE Id = 1001 OR Id = 1003 ORDER BY Id;
SELECT Id FROM Contacts WHERE (Id = 1001 OR Id IN (1002, 1003)) AND Email IS NOT NULL ORDER BY Id;
SELECT Id, Name FROM Sequences WHERE Status = 'active' OR Status = 'paused' ORDER BY Id;
SELECT Id FROM Contacts WHERE Id = 1001 OR Email = 'nobody@example.com';
SELECT Id FROM Contacts WHERE Id BETWEEN 1002 AND 1004 ORDER BY Id;
SELECT Id FROM Contacts WHERE 1002 < Id AND Id <= 1004 ORDER BY Id;
SELECT COUNT(*) FROM Contacts WHERE Id BETWEEN 1 AND 100000;
