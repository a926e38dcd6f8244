package org.mentoring.sessions.report.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.contracts.statistics.SmallCounts;
import org.mentoring.sessions.agreement.model.Agreement;
import org.mentoring.sessions.agreement.service.AgreementRepository;
import org.mentoring.sessions.meeting.model.Meeting;
import org.mentoring.sessions.meeting.service.MeetingRepository;
import org.mentoring.sessions.notes.model.MeetingFeedback;
import org.mentoring.sessions.notes.service.FeedbackRepository;
import org.mentoring.sessions.progress.service.ProgressService;
import org.mentoring.sessions.survey.model.Survey;
import org.mentoring.sessions.survey.service.SurveyService;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
 * {@code suppressed: true}) so that no one can be singled out. Counts follow {@link SmallCounts} on top: a count of 1 to 4 is
 * suppressed whoever stands behind it, zero is shown, and since outcomes and meetings-held groups each add up to the pairs
 * (and exit reasons to the exit surveys) a suppressed count is never the total minus the others: the next smallest goes with it.
 * A ratio is only shown when the counts it is made of could be. Every suppressed figure's path is listed in
 * {@code suppressed}.
 */
@ApplicationScoped
public class ReportService {

    public static final int MIN_GROUP = SmallCounts.MIN_GROUP;

    /** One reported figure; {@code value} is null when the group is too small. */
    public record Figure(@Schema(nullable = true) Number value, int groupSize, boolean suppressed) {
        static Figure of(Number value, int people) {
            boolean small = people < MIN_GROUP;
            return new Figure(small ? null : value, small ? 0 : people, small);
        }

        static Figure hidden() {
            return new Figure(null, 0, true);
        }

        /** A count as the suppression left it: shown (with its group) or not. */
        static Figure count(Long shown, int people) {
            return shown == null ? hidden() : new Figure(shown, shown == 0 ? 0 : people, false);
        }
    }

    public record TopicFigure(String topic, Figure pairs) {
    }

    public record ProgrammeReport(UUID programmeId, int minimumGroupSize, Figure pairs, Map<String, Figure> outcomes,
                                  Figure meetingsHeld, Figure meetingsMissed, Figure meetingsCancelled, Figure meetingsPerPair,
                                  Map<String, Figure> pairsByMeetingsHeld, Figure cadenceAdherence, Figure averageRating,
                                  Figure ratings, List<TopicFigure> topicsCovered, int topicsSuppressed, Figure pulseAverageRating,
                                  Figure exitAverageRating, Figure exitWouldRecommendShare, Map<String, Figure> exitReasons,
                                  @Schema(description = "Paths of the suppressed figures, for instance outcomes.completed")
                                  List<String> suppressed,
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
        Counts counts = new Counts();
        counts.add("pairs", pairs.size(), people);

        Map<String, Predicate<Agreement>> outcomes = new LinkedHashMap<>();
        outcomes.put("active", a -> Agreement.ACTIVE.equals(a.status));
        outcomes.put("completed", a -> Agreement.COMPLETED.equals(a.status));
        outcomes.put("endedEarly", a -> Agreement.TERMINATED.equals(a.status));
        outcomes.forEach((name, in) -> counts.pairs("outcomes." + name, pairs, in));
        counts.sum("pairs", outcomes.keySet().stream().map(name -> "outcomes." + name).toList());

        long held = meetingsOfPairs.stream().filter(m -> m.status == Meeting.Status.HELD).count();
        Map<UUID, Long> heldByPair = new TreeMap<>();
        pairs.forEach(a -> heldByPair.put(a.agreementId,
                byPair.getOrDefault(a.agreementId, List.of()).stream().filter(m -> m.status == Meeting.Status.HELD).count()));
        Map<String, Predicate<Agreement>> buckets = new LinkedHashMap<>();
        buckets.put("0", a -> heldByPair.get(a.agreementId) == 0);
        buckets.put("1-2", a -> heldByPair.get(a.agreementId) >= 1 && heldByPair.get(a.agreementId) <= 2);
        buckets.put("3-5", a -> heldByPair.get(a.agreementId) >= 3 && heldByPair.get(a.agreementId) <= 5);
        buckets.put("6+", a -> heldByPair.get(a.agreementId) >= 6);
        buckets.forEach((name, in) -> counts.pairs("pairsByMeetingsHeld." + name, pairs, in));
        counts.sum("pairs", buckets.keySet().stream().map(name -> "pairsByMeetingsHeld." + name).toList());

        counts.add("meetingsHeld", held, people);
        counts.add("meetingsMissed", meetingsOfPairs.stream().filter(m -> m.status == Meeting.Status.MISSED).count(), people);
        counts.add("meetingsCancelled", meetingsOfPairs.stream().filter(m -> m.status == Meeting.Status.CANCELLED).count(), people);

        Set<UUID> pairIds = pairs.stream().map(a -> a.agreementId).collect(Collectors.toSet());
        List<MeetingFeedback> rated = ratings.stream().filter(f -> pairIds.contains(f.agreementId)).toList();
        int raters = (int) rated.stream().map(f -> f.authorId).distinct().count();
        counts.add("ratings", rated.size(), raters);

        List<Survey> pulse = answers.stream().filter(x -> x.kind == Survey.Kind.PULSE).toList();
        List<Survey> exit = answers.stream().filter(x -> x.kind == Survey.Kind.EXIT).toList();
        List<String> reasonPaths = new ArrayList<>();
        for (Survey.EndReason reason : Survey.EndReason.values()) {
            List<Survey> giving = exit.stream().filter(x -> x.endReason == reason).toList();
            counts.add("exitReasons." + reason.name(), giving.size(), authors(giving));
            reasonPaths.add("exitReasons." + reason.name());
        }
        // the exit surveys are not counted here, but exitAverageRating's group tells how many there were
        counts.table.known("exitSurveys", exit.size());
        counts.sum("exitSurveys", reasonPaths);

        SmallCounts.Result shown = counts.table.suppress();
        List<String> suppressed = new ArrayList<>(shown.suppressed());
        Map<String, Figure> outcomeFigures = new LinkedHashMap<>();
        outcomes.keySet().forEach(name -> outcomeFigures.put(name, counts.figure(shown, "outcomes." + name)));
        Map<String, Figure> bucketFigures = new LinkedHashMap<>();
        buckets.keySet().forEach(name -> bucketFigures.put(name, counts.figure(shown, "pairsByMeetingsHeld." + name)));
        Map<String, Figure> reasons = new LinkedHashMap<>();
        for (Survey.EndReason reason : Survey.EndReason.values()) {
            reasons.put(reason.name(), counts.figure(shown, "exitReasons." + reason.name()));
        }

        List<Agreement> withExpectation = new ArrayList<>();
        double adherenceSum = 0;
        for (Agreement a : pairs) {
            ProgressService.Progress p = ProgressService.compute(a, byPair.getOrDefault(a.agreementId, List.of()), now);
            if (p.cadenceAdherence() != null) {
                withExpectation.add(a);
                adherenceSum += p.cadenceAdherence();
            }
        }
        Figure adherence = ratio("cadenceAdherence", withExpectation.isEmpty() ? null : round(adherenceSum / withExpectation.size()),
                people(withExpectation), true, suppressed);
        Figure average = ratio("averageRating", rated.isEmpty() ? null : round(rated.stream().mapToInt(f -> f.rating).average().orElse(0)),
                raters, true, suppressed);
        // meetings per pair times the pairs would give the meetings held back
        Figure perPair = ratio("meetingsPerPair", pairs.isEmpty() ? null : round((double) held / pairs.size()), people,
                !shown.isSuppressed("meetingsHeld") && !shown.isSuppressed("pairs"), suppressed);

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
            if (f.suppressed() || SmallCounts.small(e.getValue().size())) {
                topicsSuppressed++;
            } else {
                topics.add(new TopicFigure(e.getKey(), f));
            }
        }

        Figure pulseAverage = ratio("pulseAverageRating",
                pulse.isEmpty() ? null : round(pulse.stream().mapToInt(x -> x.rating).average().orElse(0)), authors(pulse), true, suppressed);
        Figure exitAverage = ratio("exitAverageRating",
                exit.isEmpty() ? null : round(exit.stream().mapToInt(x -> x.rating).average().orElse(0)), authors(exit), true, suppressed);
        // the share times the exit surveys would tell how many would (and would not) recommend
        long recommending = exit.stream().filter(x -> Boolean.TRUE.equals(x.wouldRecommend)).count();
        Figure recommend = ratio("exitWouldRecommendShare", exit.isEmpty() ? null : round((double) recommending / exit.size()),
                authors(exit), !SmallCounts.small(recommending) && !SmallCounts.small(exit.size() - recommending), suppressed);

        return new ProgrammeReport(programmeId, MIN_GROUP, counts.figure(shown, "pairs"), outcomeFigures,
                counts.figure(shown, "meetingsHeld"), counts.figure(shown, "meetingsMissed"), counts.figure(shown, "meetingsCancelled"),
                perPair, bucketFigures, adherence, average, counts.figure(shown, "ratings"), topics, topicsSuppressed, pulseAverage,
                exitAverage, recommend, reasons, List.copyOf(suppressed), now);
    }

    /** An average or a share: shown when its group is large enough and what it is made of may be shown. */
    private static Figure ratio(String path, Number value, int people, boolean termsShown, List<String> suppressed) {
        Figure f = termsShown ? Figure.of(value, people) : Figure.hidden();
        if (f.suppressed()) {
            suppressed.add(path);
        }
        return f;
    }

    /** The counts of the report with the people behind each; one with too few people is withheld whatever its size. */
    private static final class Counts {
        final SmallCounts table = new SmallCounts();
        final Map<String, Integer> people = new HashMap<>();

        void add(String path, long count, int groupPeople) {
            people.put(path, groupPeople);
            table.count(path, count > 0 && groupPeople < MIN_GROUP ? null : (Long) count);
        }

        void pairs(String path, List<Agreement> pairs, Predicate<Agreement> in) {
            List<Agreement> group = pairs.stream().filter(in).toList();
            add(path, group.size(), people(group));
        }

        void sum(String total, List<String> parts) {
            table.sum(total, parts);
        }

        Figure figure(SmallCounts.Result shown, String path) {
            return Figure.count(shown.value(path), people.get(path));
        }
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
