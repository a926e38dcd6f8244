-- Applications whose person was erased, with the pseudonym that replaced them: a confirmed match arriving after the
-- erasure (the two travel on different topics) drafts its agreement with the pseudonym, never with the erased person.
create table erased_application (
    application_id  uuid          primary key,
    pseudonym       varchar(200)  not null,
    erased_at       timestamptz   not null
);
