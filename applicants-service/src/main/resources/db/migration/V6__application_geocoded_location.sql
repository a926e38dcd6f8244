-- True when the application's coordinates were not given but looked up from its city in the bundled gazetteer
-- (for in-person meetings, which need coordinates for the distance rule).
alter table application
    add column geocoded boolean not null default false;
