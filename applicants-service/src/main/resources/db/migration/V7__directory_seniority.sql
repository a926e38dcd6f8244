-- Seniority from the HRIS (matching extension of SCIM, and bulk imports): hire date, birth year and pay grade.
alter table directory_person
    add column hire_date  date,
    add column birth_year integer check (birth_year between 1900 and 2100),
    add column grade      text;

-- The years of experience derived from the HRIS when the application was filled (null: none known, the declared value
-- applies) and where they came from: HRIS_HIRE_DATE, HRIS_BIRTH_YEAR or DECLARED.
alter table application
    add column hris_years_of_experience integer,
    add column seniority_source         text not null default 'DECLARED';
