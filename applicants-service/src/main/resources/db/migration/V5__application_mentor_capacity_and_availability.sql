-- A mentor's own limit on mentees (at most the programme's mentorCapacity; null: the programme's limit), and the
-- weekly hours a person can meet: {"weekdays": ["MONDAY", ...], "from": "HH:mm", "to": "HH:mm", "timeZone": "Europe/Berlin"}
-- (null: any time).
alter table application
    add column mentor_capacity integer check (mentor_capacity between 1 and 10),
    add column availability    jsonb;
