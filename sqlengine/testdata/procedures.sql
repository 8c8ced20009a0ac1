-- Procedures: CALL Name(args); :Name parameters come from --param; arrays are written [1, 2, 3].
SELECT Id, Name, Status FROM Sequences ORDER BY Id;
CALL PauseSequence(:SequenceId);
CALL StartSequence(1001);
SELECT Id, Status FROM Sequences WHERE Id = 1001;
CALL ArchiveSequence(1003);
SELECT Id, Status, IsArchived FROM Sequences WHERE Id = 1003;
-- Bulk procedures return one row per id: (Id, Error), Error NULL when the id was processed.
CALL SetContactStatus([1001, 1002, 999999], 'OptedOut');
SELECT Id, IsOptedOut FROM Contacts WHERE Id IN (1001, 1002) ORDER BY Id;
CALL ClearContactStatus(:ContactIds);
CALL ClearContactStatus(:ContactIds, NULL, NULL);
CALL AddNoteToContact(1003, 'Met at the fair');
-- Errors name the procedure and the parameter.
CALL SetContactStatus([1001], 'Sleeping');
CALL SetContactStatus('[1001, "x"]', 'Paused');
CALL StartSequence();
CALL NoSuchProcedure(1);
