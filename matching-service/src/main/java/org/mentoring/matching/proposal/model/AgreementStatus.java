package org.mentoring.matching.proposal.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The state of a confirmed pair's agreement, as agreements-service reports it in its events; kept as text. */
@Schema(name = "AgreementStatus")
public enum AgreementStatus {
    DRAFT, PROPOSED, ACTIVE, COMPLETED, TERMINATED
}
