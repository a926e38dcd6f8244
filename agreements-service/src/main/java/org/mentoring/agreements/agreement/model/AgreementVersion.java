package org.mentoring.agreements.agreement.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * A frozen version of an agreement. PROPOSED while it awaits signatures; IN_FORCE once both signed; SUPERSEDED
 * when a later version came into force; VOIDED (with its signatures) when the pair edited on before both signed.
 */
@Entity
@Table(name = "agreement_version")
public class AgreementVersion {

    @Schema(name = "AgreementVersionStatus")
    public enum Status { PROPOSED, IN_FORCE, SUPERSEDED, VOIDED }

    @Id
    public UUID id;

    @Column(name = "agreement_id", nullable = false)
    public UUID agreementId;

    @Column(nullable = false)
    public int number;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public AgreementContent content;

    @Column(name = "content_hash", nullable = false)
    public String contentHash;

    @Column(name = "proposed_by", nullable = false)
    public String proposedBy;

    @Column(name = "proposed_at", nullable = false)
    public Instant proposedAt;

    @Column(name = "mentee_signer")
    public String menteeSigner;

    @Column(name = "mentee_signed_at")
    public Instant menteeSignedAt;

    @Column(name = "mentor_signer")
    public String mentorSigner;

    @Column(name = "mentor_signed_at")
    public Instant mentorSignedAt;

    @Column(name = "in_force_at")
    public Instant inForceAt;

    /** When it was superseded or voided. */
    @Column(name = "closed_at")
    public Instant closedAt;
}
