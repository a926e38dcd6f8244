package org.mentoring.agreements.agreement.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A comment or suggestion on the draft, e.g. the mentor's on the mentee's agenda. */
@Entity
@Table(name = "agreement_comment")
public class AgreementComment {

    @Id
    public UUID id;

    @Column(name = "agreement_id", nullable = false)
    public UUID agreementId;

    @Column(name = "author_applicant_id", nullable = false)
    public String authorApplicantId;

    @Enumerated(EnumType.STRING)
    @Column(name = "author_party", nullable = false)
    public Agreement.Party authorParty;

    /** The draft field the suggestion is about, if any. */
    @Column
    public String field;

    @Column(nullable = false)
    public String text;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
