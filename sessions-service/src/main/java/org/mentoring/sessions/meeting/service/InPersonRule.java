package org.mentoring.sessions.meeting.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.sessions.meeting.model.Meeting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The agreement's "first N meetings in person": the first N meetings of the agreement that are not cancelled, by start
 * time, are the ones required in person ({@link Meeting#inPersonRequired}). Which meetings those are changes whenever a
 * meeting is scheduled, rescheduled or cancelled, or the agreement's N changes, so the flags are recomputed for the whole
 * agreement each time. A scheduled meeting that is required in person but planned ONLINE breaks the rule
 * ({@link #breaks(Meeting)}); held or missed meetings are history and still take their place in the order.
 */
@ApplicationScoped
public class InPersonRule {

    private static final Comparator<Meeting> BY_START = Comparator.comparing((Meeting m) -> m.startsAt)
            .thenComparing(m -> m.createdAt).thenComparing(m -> m.id);

    private final MeetingRepository meetings;

    public InPersonRule(MeetingRepository meetings) {
        this.meetings = meetings;
    }

    /** A scheduled meeting among the first ones the agreement asks to hold in person, planned otherwise. */
    public static boolean breaks(Meeting m) {
        return m.status == Meeting.Status.SCHEDULED && m.inPersonRequired && m.format != Meeting.Format.IN_PERSON;
    }

    /**
     * Recomputes which meetings of the agreement are among the first {@code firstInPerson}. {@code changed} (a meeting
     * being scheduled, not stored yet, or one being rescheduled or cancelled in this transaction) counts as it now
     * stands. Returns the meetings other than {@code changed} that break the rule now and did not before.
     */
    public Uni<List<Meeting>> realign(UUID agreementId, int firstInPerson, Meeting changed) {
        return meetings.ofAgreement(agreementId).map(all -> {
            List<Meeting> live = new ArrayList<>();
            boolean changedSeen = false;
            for (Meeting m : all) {
                changedSeen |= changed != null && m.id.equals(changed.id);
                if (m.status != Meeting.Status.CANCELLED) {
                    live.add(m);
                }
            }
            if (changed != null && !changedSeen && changed.status != Meeting.Status.CANCELLED) {
                live.add(changed);
            }
            // the rows were read in their stored order; the changed meeting may have moved in this transaction
            live.sort(BY_START);
            List<Meeting> newlyBroken = new ArrayList<>();
            for (int i = 0; i < live.size(); i++) {
                Meeting m = live.get(i);
                boolean before = breaks(m);
                m.inPersonRequired = i < firstInPerson;
                if (m != changed && breaks(m) && !before) {
                    newlyBroken.add(m);
                }
            }
            if (changed != null && changed.status == Meeting.Status.CANCELLED) {
                changed.inPersonRequired = false;
            }
            return newlyBroken;
        });
    }
}
