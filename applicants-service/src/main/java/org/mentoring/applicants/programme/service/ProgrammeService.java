package org.mentoring.applicants.programme.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.applicants.programme.model.Programme;
import org.mentoring.applicants.programme.model.ProgrammeStatus;
import org.mentoring.applicants.programme.rest.ProgrammeRequest;
import org.mentoring.platform.http.ETags;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.problem.ProblemException;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class ProgrammeService {

    private final ProgrammeRepository programmes;

    public ProgrammeService(ProgrammeRepository programmes) {
        this.programmes = programmes;
    }

    @WithTransaction
    public Uni<Programme> create(ProgrammeRequest request, String adminId) {
        validate(request);
        Programme p = new Programme();
        p.id = UUID.randomUUID();
        p.name = request.name().strip();
        p.description = request.description();
        p.status = ProgrammeStatus.DRAFT;
        p.applicationOpensAt = request.applicationOpensAt();
        p.applicationClosesAt = request.applicationClosesAt();
        p.catalogue = new Programme.TopicCatalogue(request.topics().stream()
                .map(t -> new Programme.Topic(t.code(), t.label().strip(), t.description()))
                .toList());
        p.createdBy = adminId;
        p.createdAt = Instant.now();
        p.updatedAt = p.createdAt;
        return programmes.persist(p);
    }

    /** A programme as its caller may see it: drafts only for admins. */
    @WithSession
    public Uni<Programme> get(UUID id, boolean admin) {
        return programmes.findById(id).map(p -> {
            if (p == null || (!admin && p.status == ProgrammeStatus.DRAFT)) {
                throw ProblemException.notFound("Programme", id);
            }
            return p;
        });
    }

    @WithSession
    public Uni<List<Programme>> page(Cursor after, int limit, boolean admin) {
        return programmes.page(after, limit + 1, !admin);
    }

    /** DRAFT -> OPEN: applications are taken from now on (within the window). */
    @WithTransaction
    public Uni<Programme> open(UUID id, String ifMatch) {
        return programmes.findById(id).map(p -> {
            if (p == null) {
                throw ProblemException.notFound("Programme", id);
            }
            ETags.requireMatch(ifMatch, p.version);
            if (p.status != ProgrammeStatus.DRAFT) {
                throw ProblemException.conflict("Only a DRAFT programme can be opened; this one is " + p.status + ".");
            }
            p.status = ProgrammeStatus.OPEN;
            p.updatedAt = Instant.now();
            return p;
        });
    }

    private static void validate(ProgrammeRequest request) {
        if (request.applicationOpensAt() != null && request.applicationClosesAt() != null
                && !request.applicationClosesAt().isAfter(request.applicationOpensAt())) {
            throw ProblemException.invalidField("applicationClosesAt", "must be after applicationOpensAt");
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < request.topics().size(); i++) {
            if (!codes.add(request.topics().get(i).code())) {
                throw ProblemException.invalidField("topics[" + i + "].code", "repeats the code " + request.topics().get(i).code());
            }
        }
    }
}
