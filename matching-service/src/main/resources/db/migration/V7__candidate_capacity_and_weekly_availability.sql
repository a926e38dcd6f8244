-- A mentor's own limit on mentees (null: the programme's limit) and when a person can meet in a week
-- ({"weekdays": [...], "from": "HH:mm", "to": "HH:mm", "timeZone": "..."}; null: any time), from ApplicationV1.
-- Rows from events published before these fields existed keep null, which means exactly that.
alter table pool_candidate
    add column mentor_capacity     int check (mentor_capacity >= 0),
    add column weekly_availability jsonb;
