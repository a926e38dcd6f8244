package org.mentoring.agreements.agreement.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.agreements.agreement.model.Agreement;
import org.mentoring.platform.audit.AccessLog;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.ProgrammeTeams;
import org.mentoring.platform.security.Viewer;

import java.util.Arrays;
import java.util.Collection;
import java.util.UUID;

/**
 * Who may see and change an agreement: its two parties, and the admins of its programme's team (whose reads of the
 * pair's data the programme's access log records); everyone else is told it does not exist.
 */
@ApplicationScoped
public class AgreementAccess {

    /** What the reads of an agreement and of its parts are called in the access log. */
    public static final String AGREEMENT = "agreement";
    static final String COMMENTS = "agreement comments";
    static final String VERSIONS = "agreement versions";
    static final String VERSION = "agreement version";
    static final String DOCUMENT = "agreement document";

    private final AgreementRepository agreements;
    private final ProgrammeTeams teams;
    private final AccessLog accessLog;

    public AgreementAccess(AgreementRepository agreements, ProgrammeTeams teams, AccessLog accessLog) {
        this.agreements = agreements;
        this.teams = teams;
        this.accessLog = accessLog;
    }

    /** The agreement for one of its parties, or for an admin on its programme's team; 404 for everyone else. */
    Uni<Agreement> visible(UUID id, Viewer viewer) {
        return agreements.findById(id).call(a -> {
            if (a == null || (!viewer.admin() && a.partyOf(viewer.subject()) == null)) {
                throw ProblemException.notFound("Agreement", id);
            }
            return a.partyOf(viewer.subject()) != null ? Uni.createFrom().voidItem()
                    : teams.requireAdmin(a.programmeId, () -> ProblemException.notFound("Agreement", id));
        });
    }

    /**
     * The agreement as {@link #visible} finds it, for a read of {@code what}: an admin of its team who is not a party
     * reads the pair's data, which the programme's access log records (or which the programme's admin access refuses).
     */
    Uni<Agreement> read(UUID id, Viewer viewer, String what) {
        return visible(id, viewer).call(a -> a.partyOf(viewer.subject()) != null ? Uni.createFrom().voidItem()
                : accessLog.read(a.programmeId, what, a.id, parties(a)));
    }

    /** The two people an agreement is about. */
    public static Collection<String> parties(Agreement a) {
        return Arrays.asList(a.menteeApplicantId, a.mentorApplicantId);
    }

    /** The agreement of which the caller is a party: anyone else gets 404, an admin who is not a party 403. */
    Uni<Agreement> party(UUID id, Viewer viewer) {
        return visible(id, viewer).map(a -> {
            if (a.partyOf(viewer.subject()) == null) {
                throw ProblemException.forbidden("Only the mentee and the mentor of this agreement may do this.");
            }
            return a;
        });
    }
}
