package org.mentoring.sessions.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.sessions.model.Agreement;
import org.mentoring.sessions.model.Meeting;
import org.mentoring.sessions.model.MeetingFeedback;
import org.mentoring.sessions.model.Survey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Aggregate reports for HR: never a person, a note or a comment. Every figure belongs to a group of people (the pairs it counts,
 * or the people who rated); a figure whose group has fewer than {@value #MIN_GROUP} distinct people is suppressed (null, with
 * {@code suppressed: true}) so that no one can be singled out.
 */
@ApplicationScoped
public class ReportService {

    public static final int MIN_GROUP = 5;

    /** One reported figure; {@code value} is null when the group is too small. */
    public record Figure(Number value, int groupSize, boolean suppressed) {
        static Figure of(Number value, int people) {
            boolean small = people < MIN_GROUP;
            return new Figure(small ? null : value, small ? 0 : people, small);
        }
    }

    public record TopicFigure(String topic, Figure pairs) {
    }

    public record ProgrammeReport(UUID programmeId, int minimumGroupSize, Figure pairs, Map<String, Figure> outcomes,
                                  Figure meetingsHeld, Figure meetingsMissed, Figure meetingsCancelled, Figure meetingsPerPair,
                                  Map<String, Figure> pairsByMeetingsHeld, Figure cadenceAdherence, Figure averageRating,
                                  Figure ratings, List<TopicFigure> topicsCovered, int topicsSuppressed, Figure pulseAverageRating,
                                  Figure exitAverageRating, Figure exitWouldRecommendShare, Map<String, Figure> exitReasons,
                                  Instant generatedAt) {
    }

    private final AgreementRepository agreements;
    private final MeetingRepository meetings;
    private final FeedbackRepository feedback;
    private final SurveyService surveys;

    public ReportService(AgreementRepository agreements, MeetingRepository meetings, FeedbackRepository feedback, SurveyService surveys) {
        this.agreements = agreements;
        this.meetings = meetings;
        this.feedback = feedback;
        this.surveys = surveys;
    }

    @WithSession
    public Uni<ProgrammeReport> programme(UUID programmeId) {
        return agreements.list("programmeId = ?1 and status in ?2", programmeId,
                        List.of(Agreement.ACTIVE, Agreement.COMPLETED, Agreement.TERMINATED))
                .chain(pairs -> meetings.ofProgramme(programmeId)
                        .chain(ms -> feedback.ofProgramme(programmeId)
                                .chain(fs -> surveys.ofProgramme(programmeId)
                                        .map(ss -> build(programmeId, pairs, ms, fs, ss, Instant.now())))));
    }

    static ProgrammeReport build(UUID programmeId, List<Agreement> pairs, List<Meeting> all, List<MeetingFeedback> ratings,
                                 List<Survey> answers, Instant now) {
        Map<UUID, List<Meeting>> byPair = all.stream().collect(Collectors.groupingBy(m -> m.agreementId));
        List<Meeting> meetingsOfPairs = pairs.stream().flatMap(a -> byPair.getOrDefault(a.agreementId, List.of()).stream()).toList();
        int people = people(pairs);

        Map<String, Figure> outcomes = new LinkedHashMap<>();
        outcomes.put("active", count(pairs, a -> Agreement.ACTIVE.equals(a.status)));
        outcomes.put("completed", count(pairs, a -> Agreement.COMPLETED.equals(a.status)));
        outcomes.put("endedEarly", count(pairs, a -> Agreement.TERMINATED.equals(a.status)));

        long held = meetingsOfPairs.stream().filter(m -> m.status == Meeting.Status.HELD).count();
        Map<UUID, Long> heldByPair = new TreeMap<>();
        pairs.forEach(a -> heldByPair.put(a.agreementId,
                byPair.getOrDefault(a.agreementId, List.of()).stream().filter(m -> m.status == Meeting.Status.HELD).count()));
        Map<String, Figure> buckets = new LinkedHashMap<>();
        buckets.put("0", count(pairs, a -> heldByPair.get(a.agreementId) == 0));
        buckets.put("1-2", count(pairs, a -> heldByPair.get(a.agreementId) >= 1 && heldByPair.get(a.agreementId) <= 2));
        buckets.put("3-5", count(pairs, a -> heldByPair.get(a.agreementId) >= 3 && heldByPair.get(a.agreementId) <= 5));
        buckets.put("6+", count(pairs, a -> heldByPair.get(a.agreementId) >= 6));

        List<Agreement> withExpectation = new ArrayList<>();
        double adherenceSum = 0;
        for (Agreement a : pairs) {
            ProgressService.Progress p = ProgressService.compute(a, byPair.getOrDefault(a.agreementId, List.of()), now);
            if (p.cadenceAdherence() != null) {
                withExpectation.add(a);
                adherenceSum += p.cadenceAdherence();
            }
        }
        Figure adherence = Figure.of(withExpectation.isEmpty() ? null : round(adherenceSum / withExpectation.size()), people(withExpectation));

        Set<UUID> pairIds = pairs.stream().map(a -> a.agreementId).collect(Collectors.toSet());
        List<MeetingFeedback> rated = ratings.stream().filter(f -> pairIds.contains(f.agreementId)).toList();
        int raters = (int) rated.stream().map(f -> f.authorId).distinct().count();
        Figure average = Figure.of(rated.isEmpty() ? null : round(rated.stream().mapToInt(f -> f.rating).average().orElse(0)), raters);

        Map<String, List<Agreement>> pairsByTopic = new TreeMap<>();
        for (Agreement a : pairs) {
            Set<String> covered = new HashSet<>();
            byPair.getOrDefault(a.agreementId, List.of()).stream().filter(m -> m.status == Meeting.Status.HELD)
                    .forEach(m -> covered.addAll(m.agendaTopics));
            covered.forEach(t -> pairsByTopic.computeIfAbsent(t, k -> new ArrayList<>()).add(a));
        }
        List<TopicFigure> topics = new ArrayList<>();
        int topicsSuppressed = 0;
        for (Map.Entry<String, List<Agreement>> e : pairsByTopic.entrySet()) {
            Figure f = Figure.of(e.getValue().size(), people(e.getValue()));
            if (f.suppressed()) {
                topicsSuppressed++;
            } else {
                topics.add(new TopicFigure(e.getKey(), f));
            }
        }

        List<Survey> pulse = answers.stream().filter(x -> x.kind == Survey.Kind.PULSE).toList();
        List<Survey> exit = answers.stream().filter(x -> x.kind == Survey.Kind.EXIT).toList();
        Figure pulseAverage = Figure.of(pulse.isEmpty() ? null : round(pulse.stream().mapToInt(x -> x.rating).average().orElse(0)),
                authors(pulse));
        Figure exitAverage = Figure.of(exit.isEmpty() ? null : round(exit.stream().mapToInt(x -> x.rating).average().orElse(0)),
                authors(exit));
        Figure recommend = Figure.of(exit.isEmpty() ? null
                : round((double) exit.stream().filter(x -> Boolean.TRUE.equals(x.wouldRecommend)).count() / exit.size()), authors(exit));
        Map<String, Figure> reasons = new LinkedHashMap<>();
        for (Survey.EndReason reason : Survey.EndReason.values()) {
            List<Survey> giving = exit.stream().filter(x -> x.endReason == reason).toList();
            reasons.put(reason.name(), Figure.of(giving.size(), authors(giving)));
        }

        return new ProgrammeReport(programmeId, MIN_GROUP, Figure.of(pairs.size(), people), outcomes,
                Figure.of(held, people),
                Figure.of(meetingsOfPairs.stream().filter(m -> m.status == Meeting.Status.MISSED).count(), people),
                Figure.of(meetingsOfPairs.stream().filter(m -> m.status == Meeting.Status.CANCELLED).count(), people),
                Figure.of(pairs.isEmpty() ? null : round((double) held / pairs.size()), people),
                buckets, adherence, average, Figure.of(rated.size(), raters), topics, topicsSuppressed, pulseAverage, exitAverage,
                recommend, reasons, now);
    }

    private static Figure count(List<Agreement> pairs, Predicate<Agreement> in) {
        List<Agreement> group = pairs.stream().filter(in).toList();
        return Figure.of(group.size(), people(group));
    }

    private static int authors(List<Survey> answers) {
        return (int) answers.stream().map(x -> x.authorId).distinct().count();
    }

    private static int people(Collection<Agreement> pairs) {
        Set<String> people = new HashSet<>();
        pairs.forEach(a -> {
            people.add(a.menteeId);
            people.add(a.mentorId);
        });
        return people.size();
    }

    private static Double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
