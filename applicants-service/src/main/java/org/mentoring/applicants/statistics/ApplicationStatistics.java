package org.mentoring.applicants.statistics;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.applicants.programme.service.ProgrammeService;
import org.mentoring.platform.security.Caller;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Aggregate counts of a programme's applications for admins and HR systems: by status and role, and by
 * institute with every group smaller than {@value #MIN_GROUP} suppressed, so that no person can be
 * singled out. Never a name, a motivation or a note.
 */
@Path("/api/v1/programmes/{programmeId}/statistics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Programmes")
@SecurityRequirement(name = "jwt")
@ApplicationScoped
public class ApplicationStatistics {

    static final int MIN_GROUP = 5;

    private final ProgrammeService programmes;

    public ApplicationStatistics(ProgrammeService programmes) {
        this.programmes = programmes;
    }

    @Schema(name = "ApplicationStatistics")
    public record Statistics(UUID programmeId, long applications, List<Count> byStatusAndRole, List<InstituteCount> byInstitute,
                             long suppressedInstitutes) {
    }

    public record Count(String status, String role, long count) {
    }

    public record InstituteCount(String institute, long count) {
    }

    @GET
    @RolesAllowed({Caller.ADMIN, Caller.HR_INTEGRATION})
    @Operation(summary = "Aggregate counts of a programme's applications",
            description = "By status and role, and by institute with groups smaller than 5 suppressed.")
    @WithSession
    public Uni<Statistics> statistics(@PathParam("programmeId") UUID programmeId) {
        return programmes.get(programmeId, true).chain(programme -> Panache.getSession().chain(session -> session
                .createQuery("select a.status, a.role, count(a) from Application a where a.programmeId = :p"
                        + " group by a.status, a.role order by a.status, a.role", Object[].class)
                .setParameter("p", programmeId).getResultList()
                .chain(byStatus -> session.createQuery("select a.institute, count(a) from Application a where a.programmeId = :p"
                                + " and a.erasedAt is null group by a.institute order by a.institute", Object[].class)
                        .setParameter("p", programmeId).getResultList()
                        .map(byInstitute -> {
                            List<Count> counts = byStatus.stream()
                                    .map(r -> new Count(r[0].toString(), r[1].toString(), ((Number) r[2]).longValue())).toList();
                            long total = counts.stream().mapToLong(Count::count).sum();
                            List<InstituteCount> institutes = new ArrayList<>();
                            long suppressed = 0;
                            for (Object[] r : byInstitute) {
                                long n = ((Number) r[1]).longValue();
                                if (n < MIN_GROUP) {
                                    suppressed++;
                                } else {
                                    institutes.add(new InstituteCount((String) r[0], n));
                                }
                            }
                            return new Statistics(programmeId, total, counts, institutes, suppressed);
                        }))));
    }
}
