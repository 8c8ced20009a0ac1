-- INSERT: one call per row (or the bulk endpoint); the new ids are reported.
INSERT INTO Contacts (Email, FirstName, LastName) VALUES ('ada@example.com', 'Ada', 'Lovelace'), ('alan@example.com', 'Alan', 'Turing');
SELECT Id, Email, FirstName FROM Contacts WHERE Email = 'ada@example.com';
-- Read-only and unknown columns are refused before any call.
INSERT INTO Contacts (Id, Email) VALUES (5, 'x@example.com');
INSERT INTO Contacts (Email, Nope) VALUES ('x@example.com', 1);
INSERT INTO Contacts (Email, CallStatus) VALUES ('x@example.com', 'maybe');
-- UPDATE by key with constant values: one PATCH per row, no read.
UPDATE Contacts SET Title = 'CEO', City = 'Bern' WHERE Id = 1005;
SELECT Id, Title, City FROM Contacts WHERE Id = 1005;
-- UPDATE reading current values: the pushed read, then one PATCH per changed row.
UPDATE Contacts SET Title = CONCAT(Title, ' (acting)') WHERE Id IN (1005, 1006);
SELECT Id, Title FROM Contacts WHERE Id IN (1005, 1006) ORDER BY Id;
UPDATE Contacts SET CallStatus = 'toCall' WHERE Country = 'Switzerland';
SELECT Id, CallStatus FROM Contacts WHERE Country = 'Switzerland' ORDER BY Id;
-- Rows whose values do not change are not sent.
UPDATE Contacts SET CallStatus = 'toCall' WHERE Country = 'Switzerland';
-- Keys cannot change; a missing row is reported by the API.
UPDATE Contacts SET Id = 5 WHERE Id = 1005;
UPDATE Contacts SET Title = 'x' WHERE Id = 999999;
-- DELETE by key: one bulk call, no read.
DELETE FROM Contacts WHERE Id IN (1010, 1011);
SELECT COUNT(*) FROM Contacts;
DELETE FROM Contacts WHERE Email = 'alan@example.com';
SELECT Id FROM Contacts WHERE Email = 'alan@example.com';
-- A verb the object does not support fails before any call, naming table and verb.
DELETE FROM SequenceContacts WHERE SequenceId = 1;
UPDATE LinkedInAccounts SET Id = 1 WHERE Id = 2;
-- Sequences: detail-only fields are accepted by INSERT; Steps are validated per step type.
INSERT INTO Sequences (Name, Steps) VALUES ('Broken', '[{"type": "email", "delayInMinutes": 0, "executionMode": "automatic"}]');
INSERT INTO Sequences (Name, Steps) VALUES ('Onboarding', '[{"type": "email", "delayInMinutes": 0, "executionMode": "automatic", "variants": [{"subject": "Hi", "body": "Hello {{FirstName}}"}]}]');
SELECT Name, Status, JSON_LENGTH(Steps) FROM Sequences WHERE Name = 'Onboarding';
-- Accounts
INSERT INTO Accounts (Name, DomainName) VALUES ('Wonka Industries', 'wonka.example');
UPDATE Accounts SET Name = 'Wonka Ltd' WHERE Name = 'Wonka Industries';
SELECT Name, DomainName FROM Accounts WHERE Name LIKE 'Wonka%';
DELETE FROM Accounts WHERE Name = 'Wonka Ltd';
-- A multi-row write where the API rejects some rows: the others are written, every failure is reported.
INSERT INTO Contacts (Email, FirstName) VALUES ('fresh@example.com', 'Fresh'), ('ada@example.com', 'Again');
SELECT Id, Email, FirstName FROM Contacts WHERE Email IN ('fresh@example.com', 'ada@example.com') ORDER BY Id;
-- Detail-only fields are accepted by UPDATE too.
SELECT Id, Name FROM Schedules ORDER BY Id;
UPDATE Sequences SET ScheduleId = (SELECT MAX(Id) FROM Schedules) WHERE Id = 1002;
SELECT Id, ScheduleId FROM Sequences WHERE Id = 1002;
-- Child tables: a write by the full key (parent key and id) is blind too.
SELECT SequenceId, Id, DelayInMinutes FROM SequenceSteps WHERE SequenceId = 1001 ORDER BY Id LIMIT 2;
UPDATE SequenceSteps SET DelayInMinutes = 90 WHERE SequenceId = 1001 AND Id = 1002;
SELECT SequenceId, Id, DelayInMinutes FROM SequenceSteps WHERE SequenceId = 1001 AND Id = 1002;
-- UPDATE and DELETE without WHERE are refused: API writes cannot be rolled back.
DELETE FROM Contacts;
UPDATE Accounts SET Industry = 'x';
UPDATE Accounts SET Industry = 'Toys' WHERE Id IS NOT NULL AND Name = 'Initech';
-- Values go-mysql-server cannot convert name the table (and the JSON columns written).
INSERT INTO Sequences (Name, Steps) VALUES ('Bad JSON', 'not json');
UPDATE Sequences SET Settings = '{oops' WHERE Id = 1002;
INSERT INTO Contacts (Email, OwnerUserId) VALUES ('big@example.com', 99999999999999999999);
-- UPDATE with IN (SELECT ...) writes the outer table (the subquery's values narrow its read).
UPDATE Contacts SET Notes = 'in sequence 1002' WHERE Id IN (SELECT ContactId FROM SequenceContacts WHERE SequenceId = 1002);
SELECT Id, Notes FROM Contacts WHERE Notes = 'in sequence 1002' ORDER BY Id;
-- UPDATE ... JOIN without aliases; the pushed side's values narrow the other side's read.
UPDATE Contacts JOIN Accounts ON Accounts.Id = Contacts.AccountId SET Contacts.Title = 'Acme staff' WHERE Accounts.Id = 1001;
SELECT Id, Title FROM Contacts WHERE AccountId = 1001 ORDER BY Id;
-- DELETE with explicit targets: the WHERE sits above the join.
SELECT COUNT(*) FROM Contacts WHERE AccountId = 1003;
DELETE c FROM Contacts c JOIN Accounts a ON a.Id = c.AccountId WHERE a.Id = 1003;
SELECT COUNT(*) FROM Contacts WHERE AccountId = 1003;
DELETE c FROM Contacts c JOIN Accounts a ON a.Id = c.AccountId;
-- DELETE ... WHERE Id IN (SELECT ...): the subquery's values are pushed (one GET per id, not a full read).
SELECT ContactId FROM SequenceContacts WHERE SequenceId = 1001 ORDER BY ContactId;
DELETE FROM Contacts WHERE Id IN (SELECT ContactId FROM SequenceContacts WHERE SequenceId = 1001);
SELECT Id FROM Contacts WHERE Id IN (1006, 1007);
-- Key columns are NOT NULL, yet an INSERT may leave them out; a missing parent key is named before any call.
INSERT INTO SequenceSteps (Type, DelayInMinutes) VALUES ('call', 0);
INSERT INTO SequenceSteps (SequenceId, Type, DelayInMinutes) VALUES (NULL, 'call', 0);
