package org.mentoring.sessions.agreement.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which of the pair someone is. */
@Schema(name = "PairRole")
public enum PairRole {
    MENTEE, MENTOR
}
