package org.mentoring.agreements.agreement.service;

import org.mentoring.agreements.agreement.model.Agreement;
import org.mentoring.agreements.agreement.model.ReasonCategory;
import org.mentoring.contracts.problem.Problem;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.problem.ProblemException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The rules every change of an agreement checks, whoever makes it. */
final class AgreementRules {

    /** The longest time frame an agreement may span (also the contract's maximum programme length). */
    public static final int MAX_MONTHS = 24;

    private AgreementRules() {
    }

    /** 422 for a category only the system sets: a person or admin chooses among the others. */
    static void requireChosenByPeople(ReasonCategory category) {
        if (category.systemOnly()) {
            throw new ProblemException(ProblemType.REASON_SET_BY_SYSTEM, "The reason category " + category + " is set by the system alone, when the programme ends or one of the pair "
                            + "leaves the organisation; end the agreement with one of " + ReasonCategory.chosenByPeople() + ".",
                    List.of(new Problem.FieldError("reasonCategory", "must be one of " + ReasonCategory.chosenByPeople())));
        }
    }

    static void requireNotEnded(Agreement a) {
        if (a.ended()) {
            throw new ProblemException(ProblemType.INVALID_STATE, "This agreement is " + a.status + ": it no longer changes.");
        }
    }

    static void requireUnchangedByMentor(String field, List<String> current, List<String> requested) {
        if (!Objects.equals(new ArrayList<>(current), new ArrayList<>(requested))) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The mentee owns " + field + ": as the mentor, suggest changes with a comment instead.",
                    List.of(new Problem.FieldError(field, "may only be changed by the mentee")));
        }
    }

    /** A draft starts within {@value #MAX_MONTHS} months of today (also keeps its dates far from the calendar's limits). */
    static void checkStart(LocalDate start, LocalDate today) {
        LocalDate earliest = today.minusMonths(MAX_MONTHS);
        LocalDate latest = today.plusMonths(MAX_MONTHS);
        if (start.isBefore(earliest) || start.isAfter(latest)) {
            throw ProblemException.invalidField("startDate", "must be within " + MAX_MONTHS + " months of today, between "
                    + earliest + " and " + latest);
        }
    }

    static void checkTimeFrame(LocalDate start, LocalDate end) {
        if (!end.isAfter(start)) {
            throw ProblemException.invalidField("endDate", "must be after startDate " + start);
        }
        if (end.isAfter(start.plusMonths(MAX_MONTHS))) {
            throw ProblemException.invalidField("endDate", "must be at most " + MAX_MONTHS + " months after startDate " + start
                    + " (the programme's maximum)");
        }
    }
}
