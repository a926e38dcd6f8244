-- A directory change (a person leaves, moves in the reporting line, changes institute) finds the live
-- applications filled from the people it changed.
create index application_directory_person on application (directory_person_id) where directory_person_id is not null;
