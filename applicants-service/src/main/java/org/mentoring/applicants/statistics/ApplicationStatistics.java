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
import org.mentoring.contracts.statistics.SmallCounts;
import org.mentoring.platform.security.Caller;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Aggregate counts of a programme's applications for admins and HR systems, by status and role, and by institute,
 * never a name, a motivation or a note. Safe at the source ({@link SmallCounts}): a count of 1 to 4 is null and its path
 * listed in {@code suppressed}; the groups add up to the number of applications, so where one is hidden the next
 * smallest is hidden with it. Institutes too small to show (or hidden with one) are left out and only counted, as their
 * names alone would tell who applied.
 */
@Path("/api/v1/programmes/{programmeId}/statistics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Programmes")
@SecurityRequirement(name = "jwt")
@ApplicationScoped
public class ApplicationStatistics {

    private final ProgrammeService programmes;

    public ApplicationStatistics(ProgrammeService programmes) {
        this.programmes = programmes;
    }

    @Schema(name = "ApplicationStatistics", description = "Applications counted; counts of 1 to 4 are null and their paths listed "
            + "in suppressed, and so is the next smallest count wherever one could otherwise be worked out from the total")
    public record Statistics(
            UUID programmeId,
            @Schema(description = "Every application of the programme", nullable = true) Long applications,
            @Schema(description = "The status and role groups that have applications; they add up to applications")
            List<Count> byStatusAndRole,
            @Schema(description = "Institutes with enough applications to show (erased applicants left out)") List<InstituteCount> byInstitute,
            @Schema(description = "Institutes left out: too few applications, or left out with one that had too few")
            long suppressedInstitutes,
            @Schema(description = "Paths of the suppressed counts: first those that count 1 to 4, then those withheld so that none "
                    + "of these can be worked out", example = "[\"byStatusAndRole.WITHDRAWN.MENTOR\", \"byStatusAndRole.SUBMITTED.MENTOR\"]")
            List<String> suppressed) {
    }

    @Schema(name = "ApplicationStatusRoleCount")
    public record Count(@Schema(implementation = org.mentoring.applicants.application.model.ApplicationStatus.class) String status,
                        @Schema(implementation = org.mentoring.applicants.application.model.ApplicantRole.class) String role, @Schema(nullable = true, description = "Null when suppressed") Long count) {
    }

    public record InstituteCount(String institute, long count) {
    }

    @GET
    @RolesAllowed({Caller.ADMIN, Caller.HR_INTEGRATION})
    @Operation(operationId = "getApplicationStatistics", summary = "Aggregate counts of a programme's applications",
            description = "By status and role, and by institute. Any count from 1 to 4 is null and its path is listed in suppressed; "
                    + "zero is shown. The groups add up to applications, so when one is hidden the next smallest is hidden too: no "
                    + "hidden count is the total minus the others. Institutes that are hidden are left out (their names would tell) "
                    + "and counted in suppressedInstitutes.")
    @WithSession
    public Uni<Statistics> statistics(@PathParam("programmeId") UUID programmeId) {
        return programmes.forStatistics(programmeId).chain(programme -> Panache.getSession().chain(session -> session
                .createQuery("select a.status, a.role, count(a) from Application a where a.programmeId = :p"
                        + " group by a.status, a.role order by a.status, a.role", Object[].class)
                .setParameter("p", programmeId).getResultList()
                .chain(byStatus -> session.createQuery("select a.institute, count(a) from Application a where a.programmeId = :p"
                                + " and a.erasedAt is null group by a.institute order by a.institute", Object[].class)
                        .setParameter("p", programmeId).getResultList()
                        .map(byInstitute -> of(programmeId, byStatus, byInstitute)))));
    }

    /** From rows (status, role, count) and (institute, count). */
    static Statistics of(UUID programmeId, List<Object[]> byStatus, List<Object[]> byInstitute) {
        SmallCounts groups = new SmallCounts();
        long total = 0;
        List<String> paths = new ArrayList<>();
        for (Object[] r : byStatus) {
            long n = ((Number) r[2]).longValue();
            total += n;
            paths.add(path(r));
        }
        groups.count("applications", total);
        for (Object[] r : byStatus) {
            groups.count(path(r), ((Number) r[2]).longValue());
        }
        SmallCounts.Result shown = groups.sum("applications", paths).suppress();
        List<Count> counts = byStatus.stream().map(r -> new Count(r[0].toString(), r[1].toString(), shown.value(path(r)))).toList();

        // The institutes add up to the applications not erased: not published, but a reader may know it.
        SmallCounts institutes = new SmallCounts();
        List<String> names = new ArrayList<>();
        long notErased = 0;
        for (int i = 0; i < byInstitute.size(); i++) {
            long n = ((Number) byInstitute.get(i)[1]).longValue();
            notErased += n;
            names.add("institute" + i);
            institutes.count("institute" + i, n);
        }
        SmallCounts.Result shownInstitutes = institutes.known("notErased", notErased).sum("notErased", names).suppress();
        List<InstituteCount> listed = new ArrayList<>();
        long left = 0;
        for (int i = 0; i < byInstitute.size(); i++) {
            Long n = shownInstitutes.value("institute" + i);
            if (n == null) {
                left++;
            } else {
                listed.add(new InstituteCount((String) byInstitute.get(i)[0], n));
            }
        }
        return new Statistics(programmeId, shown.value("applications"), counts, listed, left, shown.suppressed());
    }

    private static String path(Object[] row) {
        return "byStatusAndRole." + row[0] + "." + row[1];
    }
}
