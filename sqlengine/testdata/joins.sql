-- Join pushdown: when one side of an equi-join is a pushed read, its join values are pushed into the other side
-- as col IN (values) if the API can look the other side up by that column (key, parent key or declared filter).
-- A parent filtered by key: its child endpoint only, not a walk over every parent.
SELECT s.Id, s.Name, st.Id FROM Sequences s JOIN SequenceSteps st ON st.SequenceId = s.Id WHERE s.Id = 1002 ORDER BY st.Id;
SELECT s.Id, COUNT(*) FROM Sequences s JOIN SequenceSteps st ON st.SequenceId = s.Id WHERE s.Id IN (1001, 1002) GROUP BY s.Id ORDER BY s.Id;
-- A parent filtered by a declared filter: the matching parents' child endpoints.
SELECT s.Id, COUNT(st.Id) FROM Sequences s JOIN SequenceSteps st ON st.SequenceId = s.Id WHERE s.Status = 'active' GROUP BY s.Id ORDER BY s.Id;
-- The same join without a pushed side reads both tables in full (hash join).
SELECT COUNT(*) FROM Sequences s JOIN SequenceSteps st ON st.SequenceId = s.Id;
-- Either order, and the child side pushed into the parent's key.
SELECT st.Id, s.Name FROM SequenceSteps st JOIN Sequences s ON s.Id = st.SequenceId WHERE st.SequenceId = 1001 ORDER BY st.Id LIMIT 3;
-- Key lookups on the other side: a contact's account by id.
SELECT c.Id, a.Name FROM Contacts c JOIN Accounts a ON a.Id = c.AccountId WHERE c.Id IN (1004, 1005) ORDER BY c.Id;
-- An account's contacts through the contacts filter endpoint.
SELECT a.Name, c.Id FROM Accounts a JOIN Contacts c ON c.AccountId = a.Id WHERE a.Id = 1001 ORDER BY c.Id;
-- LEFT JOIN: the right side is narrowed, every left row stays.
SELECT s.Id, COUNT(st.Id) FROM Sequences s LEFT JOIN SequenceSteps st ON st.SequenceId = s.Id WHERE s.Id IN (1001, 999999) GROUP BY s.Id ORDER BY s.Id;
-- An empty pushed side: nothing to read on the other side.
SELECT s.Id, st.Id FROM Sequences s JOIN SequenceSteps st ON st.SequenceId = s.Id WHERE s.Id = 999999;
-- Three tables.
SELECT s.Name, st.Id, v.Id FROM Sequences s JOIN SequenceSteps st ON st.SequenceId = s.Id JOIN SequenceStepVariants v ON v.StepId = st.Id AND v.SequenceId = s.Id WHERE s.Id = 1001 ORDER BY st.Id, v.Id LIMIT 4;
-- Semi-join through IN (subquery).
SELECT Id, Name FROM Sequences WHERE Id IN (SELECT SequenceId FROM SequenceSteps WHERE Type = 'call') ORDER BY Id;
-- A correlated EXISTS: the inner read is left at each first match and continued for the next outer row.
SELECT a.Id FROM Accounts a WHERE EXISTS (SELECT 1 FROM Contacts c WHERE c.AccountId = a.Id AND c.Email LIKE '%example%') ORDER BY a.Id;
SELECT COUNT(*) FROM Sequences WHERE Id NOT IN (SELECT SequenceId FROM SequenceSteps WHERE Type = 'email');
-- The pushed side may be a join itself: the values of its pushed table are pushed.
SELECT s.Id, st.Id, sc.ContactId FROM Sequences s LEFT JOIN SequenceSteps st ON st.SequenceId = s.Id AND st.Type = 'call' LEFT JOIN SequenceContacts sc ON sc.SequenceId = s.Id WHERE s.Id IN (1001, 1002) ORDER BY s.Id, st.Id, sc.ContactId;
-- IN (SELECT ...) with a pushed subquery: its values are pushed into the outer table.
SELECT Id, Email FROM Contacts WHERE Id IN (SELECT ContactId FROM SequenceContacts WHERE SequenceId = 1002) ORDER BY Id;
