package org.mentoring.agreements.agreement.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.agreements.agreement.model.Agreement;
import org.mentoring.agreements.agreement.model.AgreementComment;
import org.mentoring.agreements.agreement.model.AgreementVersion;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.ProgrammeTeams;
import org.mentoring.platform.security.Viewer;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Reading agreements: lists, one with its comments, its versions, the version in force, counts by status. */
@ApplicationScoped
public class AgreementReads {

    private final AgreementRepository agreements;
    private final AgreementVersionRepository versions;
    private final AgreementCommentRepository comments;
    private final ProgrammeTeams teams;
    private final AgreementAccess access;

    public AgreementReads(AgreementRepository agreements, AgreementVersionRepository versions, AgreementCommentRepository comments, ProgrammeTeams teams,
                          AgreementAccess access) {
        this.agreements = agreements;
        this.versions = versions;
        this.comments = comments;
        this.teams = teams;
        this.access = access;
    }

    /** An agreement with the first of its comments (one more than asked for when more exist), as the pair or an admin reads it. */
    public record Details(Agreement agreement, List<AgreementComment> comments) {
    }

    @WithSession
    public Uni<List<Agreement>> page(UUID programmeId, Agreement.Status status, Viewer viewer, Cursor after, int limit) {
        if (!viewer.admin()) {
            return agreements.page(programmeId, null, status, viewer.subject(), after, limit + 1);
        }
        if (programmeId != null) {
            return teams.requireAdmin(programmeId).chain(() -> agreements.page(programmeId, null, status, null, after, limit + 1));
        }
        return teams.administered().chain(mine -> mine.isEmpty() ? Uni.createFrom().item(List.<Agreement>of())
                : agreements.page(null, mine, status, null, after, limit + 1));
    }

    /** The agreement with its first {@code commentLimit} comments, and one more if more exist. */
    @WithSession
    public Uni<Details> get(UUID id, Viewer viewer, int commentLimit) {
        return access.read(id, viewer, AgreementAccess.AGREEMENT).chain(a -> comments.page(a.id, null, commentLimit + 1).map(list -> new Details(a, list)));
    }

    /** A page of an agreement's comments, oldest first: up to {@code limit}, and one more if more exist. */
    @WithSession
    public Uni<List<AgreementComment>> comments(UUID id, Viewer viewer, Cursor after, int limit) {
        return access.read(id, viewer, AgreementAccess.COMMENTS).chain(a -> comments.page(a.id, after, limit + 1));
    }

    @WithSession
    public Uni<List<AgreementVersion>> history(UUID id, Viewer viewer) {
        return access.read(id, viewer, AgreementAccess.VERSIONS).chain(a -> versions.history(a.id));
    }

    @WithSession
    public Uni<AgreementVersion> version(UUID id, int number, Viewer viewer) {
        return access.read(id, viewer, AgreementAccess.VERSION).chain(a -> versions.of(a.id, number)).map(v -> {
            if (v == null) {
                throw ProblemException.notFound("Version", number);
            }
            return v;
        });
    }

    /** The version in force with its signatures, for the document. */
    @WithSession
    public Uni<AgreementSigning.Proposed> inForce(UUID id, Viewer viewer) {
        return access.read(id, viewer, AgreementAccess.DOCUMENT).chain(a -> {
            if (a.versionInForce == null) {
                throw new ProblemException(ProblemType.INVALID_STATE, "No version of this agreement is in force yet: both must sign a proposed version first.");
            }
            return versions.of(a.id, a.versionInForce).map(v -> new AgreementSigning.Proposed(a, v));
        });
    }

    /**
     * Counts by status of one programme, or of all for an HR system; a programme admin counts only a programme of their
     * team and must name it.
     */
    @WithSession
    public Uni<Map<String, Long>> countsByStatus(UUID programmeId, boolean hr) {
        if (!hr && programmeId == null) {
            return Uni.createFrom().failure(ProblemException.invalidField("programmeId",
                    "is required for a programme admin: name one of your programmes"));
        }
        return (hr ? Uni.createFrom().voidItem() : teams.requireAdmin(programmeId)).chain(() -> agreements.countByStatus(programmeId)).map(rows -> {
            Map<String, Long> counts = new TreeMap<>();
            for (Agreement.Status s : Agreement.Status.values()) {
                counts.put(s.name(), 0L);
            }
            rows.forEach(r -> counts.put(r[0].toString(), ((Number) r[1]).longValue()));
            return counts;
        });
    }
}
