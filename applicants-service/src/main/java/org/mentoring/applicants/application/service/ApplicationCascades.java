package org.mentoring.applicants.application.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.applicants.application.model.Application;
import org.mentoring.applicants.application.model.ApplicationStatus;
import org.mentoring.contracts.events.EventTypes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What other changes do to applications, inside the transaction of that change: a programme that ends ends its
 * applications, a person who leaves the organisation withdraws from every programme, and a person whose reporting
 * line, institute or department changed in the directory is republished so that matching can check open proposals
 * again. Each moves many applications with one query to find them, one flush to store them (the updates are sent in
 * batches) and one event per application, carrying its snapshot with the revision the change gave it.
 */
@ApplicationScoped
public class ApplicationCascades {

    /** The {@code reason} of an application withdrawn because its programme completed before it was matched. */
    public static final String PROGRAMME_COMPLETED = "PROGRAMME_COMPLETED";
    /** The {@code reason} of an application withdrawn because its programme was cancelled. */
    public static final String PROGRAMME_CANCELLED = "PROGRAMME_CANCELLED";
    /** The {@code reason} of an application withdrawn because its person was deactivated in the directory. */
    public static final String LEFT_ORGANISATION = "LEFT_ORGANISATION";
    /** Who decided a change that the directory made (the HRIS), in {@code decidedBy}. */
    public static final String DIRECTORY = "directory";

    private static final Set<ApplicationStatus> NOT_YET_MATCHED = EnumSet.of(ApplicationStatus.SUBMITTED,
            ApplicationStatus.IN_REVIEW, ApplicationStatus.ACCEPTED);

    private final ApplicationRepository applications;
    private final ApplicationEvents events;

    public ApplicationCascades(ApplicationRepository applications, ApplicationEvents events) {
        this.applications = applications;
        this.events = events;
    }

    /** A person as the directory now has them: what an application filled from the directory copies. */
    public record DirectoryState(UUID personId, boolean active, String organization, String department, List<UUID> managerChain) {
    }

    /**
     * The programme completed: a MATCHED application ran its course (COMPLETED); one still SUBMITTED, IN_REVIEW or
     * ACCEPTED is WITHDRAWN with reason {@link #PROGRAMME_COMPLETED}. Answers how many applications moved.
     */
    public Uni<Integer> programmeCompleted(UUID programmeId, String by) {
        return applications.liveOf(programmeId).chain(live -> {
            Instant now = now();
            for (Application a : live) {
                if (a.status == ApplicationStatus.MATCHED) {
                    end(a, ApplicationStatus.COMPLETED, null, by, now);
                } else if (NOT_YET_MATCHED.contains(a.status)) {
                    end(a, ApplicationStatus.WITHDRAWN, PROGRAMME_COMPLETED, by, now);
                }
            }
            return events.publishAll(live, a -> a.status == ApplicationStatus.COMPLETED
                    ? EventTypes.APPLICATION_COMPLETED : EventTypes.APPLICATION_WITHDRAWN).replaceWith(live.size());
        });
    }

    /** The programme was cancelled: every live application is WITHDRAWN with reason {@link #PROGRAMME_CANCELLED}. */
    public Uni<Integer> programmeCancelled(UUID programmeId, String by) {
        return applications.liveOf(programmeId).chain(live -> {
            Instant now = now();
            live.forEach(a -> end(a, ApplicationStatus.WITHDRAWN, PROGRAMME_CANCELLED, by, now));
            return events.publishAll(live, a -> EventTypes.APPLICATION_WITHDRAWN).replaceWith(live.size());
        });
    }

    /**
     * People changed in the directory. Each live application filled from one of them follows: a deactivated person's
     * is WITHDRAWN with reason {@link #LEFT_ORGANISATION}; an active person's takes the new institute, department
     * and manager chain and is republished ({@code application.updated}) when one of them changed. Applications
     * that already ended are left as they are. Runs in the caller's transaction; callers flush the directory first.
     */
    public Uni<Void> directoryChanged(Collection<DirectoryState> states) {
        if (states.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<UUID, DirectoryState> byPerson = new HashMap<>();
        states.forEach(s -> byPerson.put(s.personId(), s));
        return applications.liveOfPersons(byPerson.keySet()).chain(live -> {
            Instant now = now();
            List<Application> changed = new ArrayList<>();
            for (Application a : live) {
                DirectoryState s = byPerson.get(a.directoryPersonId);
                if (!s.active()) {
                    end(a, ApplicationStatus.WITHDRAWN, LEFT_ORGANISATION, DIRECTORY, now);
                    changed.add(a);
                } else if (follow(a, s, now)) {
                    changed.add(a);
                }
            }
            return events.publishAll(changed, a -> a.status == ApplicationStatus.WITHDRAWN
                    ? EventTypes.APPLICATION_WITHDRAWN : EventTypes.APPLICATION_UPDATED);
        });
    }

    /** Takes what the directory now says; whether anything changed. The form's values stay where the directory is silent. */
    private static boolean follow(Application a, DirectoryState s, Instant now) {
        String institute = s.organization() != null ? s.organization() : a.institute;
        String department = s.department() != null ? s.department() : a.department;
        List<UUID> chain = s.managerChain() == null ? List.of() : List.copyOf(s.managerChain());
        List<UUID> current = a.managerChain == null ? List.of() : a.managerChain;
        if (Objects.equals(institute, a.institute) && Objects.equals(department, a.department) && chain.equals(current)) {
            return false;
        }
        a.institute = institute;
        a.department = department;
        a.managerChain = chain;
        a.updatedAt = now;
        return true;
    }

    private static void end(Application a, ApplicationStatus status, String reason, String by, Instant now) {
        a.status = status;
        if (reason != null) {
            a.decisionReason = reason;
        }
        a.decidedBy = by;
        a.decidedAt = now;
        a.updatedAt = now;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
