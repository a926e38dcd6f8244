package org.mentoring.matching.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A {@link MatchingProblem} turned into arrays: people sorted by id (their index is their rank), strings interned
 * to ints, languages and offered topics as bit sets, coordinates in radians. The hard rules and the score are
 * evaluated here, per pair, without allocating.
 */
final class CompiledPool {

    static final int IN_PERSON_BIT = 1;
    static final int ONLINE_BIT = 2;
    private static final int NEUTRAL_PROXIMITY = ScoreBreakdown.SCALE / 2;

    final MatchingSettings settings;
    final Mentee[] mentees;
    final Mentor[] mentors;
    final int n;
    final int m;

    private final int levels;
    private final double maxDistanceKm;
    private final int minGap;

    // per mentee / per mentor, in flat arrays (several entries per person: "stride") so that the pair loop reads
    // memory in order instead of chasing objects
    private final int[] menteeInstitute;
    private final int[] mentorInstitute;
    private final int[] menteeYears;
    private final int[] mentorYears;
    private final int[] menteeHours;
    private final int[] mentorHours;
    /** The person and the first {@code levels} managers (stride lineWidth), padded with -1 / -2 (never equal). */
    private final int lineWidth;
    private final int[] menteeLine;
    private final int[] mentorLine;
    /** Language bit sets, stride languageWords. */
    private final int languageWords;
    private final long[] menteeLanguages;
    private final long[] mentorLanguages;
    private final int[] menteeFormats;
    private final int[] mentorFormats;
    /** Unit vectors (x, y, z per person, NaN when unknown). */
    private final double[] menteeXyz;
    private final double[] mentorXyz;
    /** Pairs with a larger squared chord are surely beyond the maximum distance (with a margin for rounding). */
    private final double farChordSquared;
    private final String[] menteePlace;
    private final String[] mentorPlace;
    private final int[][] menteeTopics;
    /**
     * Per mentee, topic fit in millionths by matched rank weight (a table saves a division per pair); null for
     * the rare agenda so long that the table would be large.
     */
    private final int[][] menteeTopicFit;
    private final long[] menteeTopicWeightSum;
    private static final long MAX_TOPIC_TABLE = 1 << 12;
    /** Offered-topic bit sets, stride topicWords. */
    private final int topicWords;
    private final long[] mentorTopics;
    /** Consented value code per diversity attribute (stride attributeCount), -1 without consent. */
    private final int attributeCount;
    private final int[] menteeDiversity;
    private final int[] mentorDiversity;
    /** Diversity in millionths by the number of differing attributes. */
    private final int[] diversityByDiffering;
    /** Per mentee, the sorted indexes of mentors it must not be paired with. */
    private final int[][] excludedMentors;
    /** Weekly availability windows in UTC, for the availability rule and score. */
    private final AvailabilityOverlap weekly;

    /** Per mentee, the mentor of its confirmed pair, or -1. */
    final int[] confirmedMentor;
    /** Per mentor, the capacity that applies. */
    final int[] capacity;
    /** Per mentor, capacity left after confirmed pairs (0 or more). */
    final int[] remainingCapacity;

    private final long weightTopic;
    private final long weightProximity;
    private final long weightAvailability;
    private final long weightDiversity;

    private CompiledPool(MatchingProblem problem) {
        settings = problem.settings();
        levels = settings.hierarchyExclusionLevels();
        maxDistanceKm = settings.maxDistanceKm();
        farChordSquared = GeoPoint.chordSquared(maxDistanceKm) * (1 + 1e-6) + 1e-12;
        minGap = settings.minSeniorityGapYears();
        mentees = problem.mentees().toArray(new Mentee[0]);
        mentors = problem.mentors().toArray(new Mentor[0]);
        Arrays.sort(mentees, Comparator.comparing(Mentee::id));
        Arrays.sort(mentors, Comparator.comparing(Mentor::id));
        n = mentees.length;
        m = mentors.length;
        weekly = new AvailabilityOverlap(mentees, mentors);

        Interner institutes = new Interner();
        Interner people = new Interner();
        Interner languages = new Interner();
        Interner topics = new Interner();
        Interner values = new Interner();
        // intern in a fixed order (sorted people, sorted sets) so that indexes never depend on input order
        for (Mentee p : mentees) {
            internAll(p, institutes, people, languages);
            p.rankedTopics().forEach(topics::id);
        }
        for (Mentor p : mentors) {
            internAll(p, institutes, people, languages);
            p.offeredTopics().forEach(topics::id);
        }

        languageWords = Math.max(1, (languages.size() + 63) / 64);
        topicWords = Math.max(1, (topics.size() + 63) / 64);
        lineWidth = levels == 0 ? 0 : levels + 1;
        attributeCount = settings.diversityAttributes().size();
        diversityByDiffering = new int[attributeCount + 1];
        for (int d = 1; d <= attributeCount; d++) {
            diversityByDiffering[d] = (d * ScoreBreakdown.SCALE + attributeCount / 2) / attributeCount;
        }

        menteeInstitute = new int[n];
        menteeYears = new int[n];
        menteeHours = new int[n];
        menteeLine = new int[n * lineWidth];
        menteeLanguages = new long[n * languageWords];
        menteeFormats = new int[n];
        menteeXyz = new double[3 * n];
        menteePlace = new String[n];
        menteeTopics = new int[n][];
        menteeTopicFit = new int[n][];
        menteeTopicWeightSum = new long[n];
        menteeDiversity = new int[n * attributeCount];
        for (int i = 0; i < n; i++) {
            Mentee p = mentees[i];
            menteeInstitute[i] = institutes.id(normal(p.institute()));
            menteeYears[i] = p.yearsOfExperience();
            menteeHours[i] = p.availabilityHoursPerMonth();
            line(p, people, menteeLine, i, -1);
            for (String language : p.languages()) {
                setBit(menteeLanguages, i * languageWords, languages.id(normal(language)));
            }
            menteeFormats[i] = formatBits(p);
            xyz(p, menteeXyz, i);
            menteePlace[i] = normal(p.location().name());
            List<String> ranked = p.rankedTopics().stream().distinct().toList();
            menteeTopics[i] = ranked.stream().mapToInt(topics::id).toArray();
            long k = ranked.size();
            long sum = k * (k + 1) / 2;
            menteeTopicWeightSum[i] = sum;
            if (sum <= MAX_TOPIC_TABLE) {
                menteeTopicFit[i] = new int[(int) sum + 1];
                for (int w = 1; w <= sum; w++) {
                    menteeTopicFit[i][w] = topicFit(w, sum);
                }
            }
            diversity(p, values, menteeDiversity, i);
        }
        mentorInstitute = new int[m];
        mentorYears = new int[m];
        mentorHours = new int[m];
        mentorLine = new int[m * lineWidth];
        mentorLanguages = new long[m * languageWords];
        mentorFormats = new int[m];
        mentorXyz = new double[3 * m];
        mentorPlace = new String[m];
        mentorTopics = new long[m * topicWords];
        mentorDiversity = new int[m * attributeCount];
        capacity = new int[m];
        for (int j = 0; j < m; j++) {
            Mentor p = mentors[j];
            mentorInstitute[j] = institutes.id(normal(p.institute()));
            mentorYears[j] = p.yearsOfExperience();
            mentorHours[j] = p.availabilityHoursPerMonth();
            line(p, people, mentorLine, j, -2);
            for (String language : p.languages()) {
                setBit(mentorLanguages, j * languageWords, languages.id(normal(language)));
            }
            mentorFormats[j] = formatBits(p);
            xyz(p, mentorXyz, j);
            mentorPlace[j] = normal(p.location().name());
            for (String topic : p.offeredTopics()) {
                setBit(mentorTopics, j * topicWords, topics.id(topic));
            }
            diversity(p, values, mentorDiversity, j);
            capacity[j] = p.effectiveCapacity(settings);
        }

        Map<String, Integer> menteeIndex = new HashMap<>();
        for (int i = 0; i < n; i++) {
            menteeIndex.put(mentees[i].id(), i);
        }
        Map<String, Integer> mentorIndex = new HashMap<>();
        for (int j = 0; j < m; j++) {
            mentorIndex.put(mentors[j].id(), j);
        }
        List<List<Integer>> excluded = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            excluded.add(null);
        }
        for (PairKey pair : problem.excludedPairs()) {
            Integer i = menteeIndex.get(pair.menteeId());
            Integer j = mentorIndex.get(pair.mentorId());
            if (i != null && j != null) {
                if (excluded.get(i) == null) {
                    excluded.set(i, new ArrayList<>());
                }
                excluded.get(i).add(j);
            }
        }
        excludedMentors = new int[n][];
        for (int i = 0; i < n; i++) {
            List<Integer> list = excluded.get(i);
            excludedMentors[i] = list == null ? new int[0] : list.stream().mapToInt(Integer::intValue).sorted()
                    .distinct().toArray();
        }

        confirmedMentor = new int[n];
        Arrays.fill(confirmedMentor, -1);
        remainingCapacity = capacity.clone();
        for (PairKey pair : problem.confirmedPairs()) {
            int i = menteeIndex.get(pair.menteeId());
            int j = mentorIndex.get(pair.mentorId());
            confirmedMentor[i] = j;
            remainingCapacity[j] = Math.max(0, remainingCapacity[j] - 1);
        }

        long[] weights = normalisedWeights(settings.weights());
        weightTopic = weights[0];
        weightProximity = weights[1];
        weightAvailability = weights[2];
        weightDiversity = weights[3];
    }

    /**
     * The weights in millionths, summing to exactly one million: each rounded down, the remainder going to the
     * largest fractions (earlier components first on ties), so that the total needs no division by a variable.
     */
    static long[] normalisedWeights(MatchingWeights w) {
        double[] raw = {w.topicFit(), w.proximity(), w.availability(), w.diversity()};
        double sum = raw[0] + raw[1] + raw[2] + raw[3];
        long[] result = new long[4];
        double[] fraction = new double[4];
        long left = ScoreBreakdown.SCALE;
        for (int c = 0; c < 4; c++) {
            double exact = raw[c] / sum * ScoreBreakdown.SCALE;
            result[c] = Math.min(ScoreBreakdown.SCALE, (long) Math.floor(exact));
            fraction[c] = exact - result[c];
            left -= result[c];
        }
        while (left > 0) {
            int best = 0;
            for (int c = 1; c < 4; c++) {
                if (fraction[c] > fraction[best]) {
                    best = c;
                }
            }
            result[best]++;
            fraction[best] = -1;
            left--;
        }
        return result;
    }

    static CompiledPool compile(MatchingProblem problem) {
        return new CompiledPool(problem);
    }

    // ------------------------------------------------------------------------------------------------ rules

    /** Bit mask of the broken hard rules ({@code 1 << rule.ordinal()}), all of them except capacity. */
    int brokenRules(int i, int j) {
        int broken = 0;
        if (menteeInstitute[i] == mentorInstitute[j]) {
            broken |= bit(HardRule.DIFFERENT_INSTITUTE);
        }
        if (sameReportingLine(i, j)) {
            broken |= bit(HardRule.OUTSIDE_REPORTING_LINE);
        }
        if (menteeYears[i] - (long) mentorYears[j] < minGap) {
            broken |= bit(HardRule.SENIORITY_GAP);
        }
        if (!shareLanguage(i, j)) {
            broken |= bit(HardRule.SHARED_LANGUAGE);
        }
        int shared = menteeFormats[i] & mentorFormats[j];
        if (shared == 0) {
            broken |= bit(HardRule.COMPATIBLE_FORMAT);
        } else if (inPersonRequired(i, j) && !withinDistance(i, j)) {
            broken |= bit(HardRule.WITHIN_DISTANCE);
        }
        if (!weekly.passes(i, j)) {
            broken |= bit(HardRule.AVAILABILITY_OVERLAP);
        }
        if (isExcluded(i, j)) {
            broken |= bit(HardRule.NOT_EXCLUDED);
        }
        return broken;
    }

    /** Same as {@code brokenRules(i, j) == 0}, cheapest checks first. */
    boolean feasible(int i, int j) {
        if (menteeInstitute[i] == mentorInstitute[j] || menteeYears[i] - (long) mentorYears[j] < minGap) {
            return false;
        }
        if ((menteeFormats[i] & mentorFormats[j]) == 0 || !shareLanguage(i, j)) {
            return false;
        }
        if (sameReportingLine(i, j)) {
            return false;
        }
        if (inPersonRequired(i, j) && !withinDistance(i, j)) {
            return false;
        }
        return weekly.passes(i, j) && !isExcluded(i, j);
    }

    private boolean shareLanguage(int i, int j) {
        int a = i * languageWords;
        int b = j * languageWords;
        for (int k = 0; k < languageWords; k++) {
            if ((menteeLanguages[a + k] & mentorLanguages[b + k]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** One of them is among the other's first managers, or they share one within the levels of each. */
    private boolean sameReportingLine(int i, int j) {
        int w = lineWidth;
        for (int a = i * w, aEnd = a + w; a < aEnd; a++) {
            int id = menteeLine[a];
            for (int b = j * w, bEnd = b + w; b < bEnd; b++) {
                if (mentorLine[b] == id) {
                    return true;
                }
            }
        }
        return false;
    }

    static int bit(HardRule rule) {
        return 1 << rule.ordinal();
    }

    boolean menteeRequiresInPerson(int i) {
        return menteeFormats[i] == IN_PERSON_BIT;
    }

    boolean mentorRequiresInPerson(int j) {
        return mentorFormats[j] == IN_PERSON_BIT;
    }

    private boolean inPersonRequired(int i, int j) {
        return menteeFormats[i] == IN_PERSON_BIT || mentorFormats[j] == IN_PERSON_BIT;
    }

    private boolean withinDistance(int i, int j) {
        double d = distanceIfNear(i, j);
        return !Double.isNaN(d) && d <= maxDistanceKm;
    }

    /** Great-circle distance, NaN when either has no coordinates. */
    double distanceKm(int i, int j) {
        double dx = menteeXyz[3 * i] - mentorXyz[3 * j];
        double dy = menteeXyz[3 * i + 1] - mentorXyz[3 * j + 1];
        double dz = menteeXyz[3 * i + 2] - mentorXyz[3 * j + 2];
        return Double.isNaN(dx) ? Double.NaN : GeoPoint.distanceKm(dx, dy, dz);
    }

    /**
     * The distance when it may be within the maximum; +infinity when the pair is surely farther (no trigonometry
     * needed); NaN when either has no coordinates.
     */
    private double distanceIfNear(int i, int j) {
        double dx = menteeXyz[3 * i] - mentorXyz[3 * j];
        double dy = menteeXyz[3 * i + 1] - mentorXyz[3 * j + 1];
        double dz = menteeXyz[3 * i + 2] - mentorXyz[3 * j + 2];
        if (Double.isNaN(dx)) {
            return Double.NaN;
        }
        if (dx * dx + dy * dy + dz * dz > farChordSquared) {
            return Double.POSITIVE_INFINITY;
        }
        return GeoPoint.distanceKm(dx, dy, dz);
    }

    private boolean isExcluded(int i, int j) {
        int[] list = excludedMentors[i];
        return list.length > 0 && Arrays.binarySearch(list, j) >= 0;
    }

    MeetingMode meetingMode(int i, int j) {
        int shared = menteeFormats[i] & mentorFormats[j];
        if (shared == 0) {
            return null;
        }
        if (inPersonRequired(i, j)) {
            return MeetingMode.IN_PERSON;
        }
        return (shared & IN_PERSON_BIT) != 0 ? MeetingMode.EITHER : MeetingMode.ONLINE;
    }

    boolean canMeetInPerson(int i, int j) {
        if ((menteeFormats[i] & mentorFormats[j] & IN_PERSON_BIT) == 0) {
            return false;
        }
        double d = distanceIfNear(i, j);
        if (!Double.isNaN(d)) {
            return d <= maxDistanceKm;
        }
        return samePlace(i, j);
    }

    private boolean samePlace(int i, int j) {
        return !menteePlace[i].isEmpty() && menteePlace[i].equals(mentorPlace[j]);
    }

    // ------------------------------------------------------------------------------------------------ score

    int topicFitMicros(int i, int j) {
        int[] wanted = menteeTopics[i];
        if (wanted.length == 0) {
            return 0;
        }
        int base = j * topicWords;
        long matched = 0;
        int k = wanted.length;
        for (int r = 0; r < k; r++) {
            int t = wanted[r];
            if ((mentorTopics[base + (t >>> 6)] & (1L << t)) != 0) {
                matched += k - r;
            }
        }
        int[] table = menteeTopicFit[i];
        return table != null ? table[(int) matched] : topicFit(matched, menteeTopicWeightSum[i]);
    }

    /** Matched rank weight over all rank weights, in millionths, rounded half up. */
    private static int topicFit(long matched, long sum) {
        return (int) ((matched * ScoreBreakdown.SCALE + sum / 2) / sum);
    }

    int proximityMicros(int i, int j) {
        if ((menteeFormats[i] & mentorFormats[j] & IN_PERSON_BIT) == 0) {
            return NEUTRAL_PROXIMITY; // online only: proximity does not matter
        }
        double d = distanceIfNear(i, j);
        if (Double.isNaN(d)) {
            return samePlace(i, j) ? ScoreBreakdown.SCALE : NEUTRAL_PROXIMITY;
        }
        if (d >= maxDistanceKm) {
            return NEUTRAL_PROXIMITY;
        }
        double p = Math.max(0.5, 1 - d / (2 * maxDistanceKm));
        return (int) Math.round(p * ScoreBreakdown.SCALE);
    }

    /**
     * The monthly hours ratio; when both state weekly availability, the mean of that ratio and the share of the
     * smaller weekly window the other's window covers (in the pair's worst week), rounded half up.
     */
    int availabilityMicros(int i, int j) {
        int hours = hoursMicros(i, j);
        long overlap = weekly.overlap(i, j);
        if (overlap == AvailabilityOverlap.NOT_STATED) {
            return hours;
        }
        long smaller = Math.min(weekly.menteeMinutes(i), weekly.mentorMinutes(j));
        int shared = (int) ((AvailabilityOverlap.common(overlap) * (long) ScoreBreakdown.SCALE + smaller / 2)
                / smaller);
        return (hours + shared + 1) / 2;
    }

    /** Minutes per week both can meet in the pair's worst week, or null when either did not state availability. */
    Integer sharedWeeklyMinutes(int i, int j) {
        long overlap = weekly.overlap(i, j);
        return overlap == AvailabilityOverlap.NOT_STATED ? null : AvailabilityOverlap.common(overlap);
    }

    /** Smaller of the two monthly hours divided by the larger, in millionths (0 when either is 0). */
    private int hoursMicros(int i, int j) {
        long a = menteeHours[i];
        long b = mentorHours[j];
        if (a == 0 || b == 0) {
            return 0;
        }
        // equal to (lo * SCALE + hi / 2) / hi: the double quotient cannot cross a rounding boundary here
        return (int) Math.round(Math.min(a, b) * (double) ScoreBreakdown.SCALE / Math.max(a, b));
    }

    int diversityMicros(int i, int j) {
        int count = attributeCount;
        if (count == 0) {
            return 0;
        }
        int differing = 0;
        for (int k = 0; k < count; k++) {
            int a = menteeDiversity[i * count + k];
            int b = mentorDiversity[j * count + k];
            if (a >= 0 && b >= 0 && a != b) {
                differing++;
            }
        }
        return diversityByDiffering[differing];
    }

    int totalMicros(int topic, int proximity, int availability, int diversity) {
        long weighted = weightTopic * topic + weightProximity * proximity + weightAvailability * availability
                + weightDiversity * diversity;
        return (int) ((weighted + ScoreBreakdown.SCALE / 2) / ScoreBreakdown.SCALE);
    }

    int scoreMicros(int i, int j) {
        int topic = weightTopic == 0 ? 0 : topicFitMicros(i, j);
        int proximity = weightProximity == 0 ? 0 : proximityMicros(i, j);
        int availability = weightAvailability == 0 ? 0 : availabilityMicros(i, j);
        int diversity = weightDiversity == 0 ? 0 : diversityMicros(i, j);
        return totalMicros(topic, proximity, availability, diversity);
    }

    ScoreBreakdown breakdown(int i, int j) {
        int topic = topicFitMicros(i, j);
        int proximity = proximityMicros(i, j);
        int availability = availabilityMicros(i, j);
        int diversity = diversityMicros(i, j);
        return ScoreBreakdown.ofMicros(topic, proximity, availability, diversity,
                totalMicros(topic, proximity, availability, diversity));
    }

    /** Everything about one pair; capacity counts as passed when the mentor has room before this run. */
    PairAssessment assess(int i, int j) {
        int broken = brokenRules(i, j);
        if (remainingCapacity[j] == 0 && confirmedMentor[i] != j) {
            broken |= bit(HardRule.MENTOR_CAPACITY);
        }
        List<HardRule> passed = new ArrayList<>();
        List<HardRule> failed = new ArrayList<>();
        for (HardRule rule : HardRule.values()) {
            ((broken & bit(rule)) == 0 ? passed : failed).add(rule);
        }
        double d = distanceKm(i, j);
        List<String> sharedTopics = new ArrayList<>();
        for (String topic : mentees[i].rankedTopics()) {
            if (mentors[j].offeredTopics().contains(topic) && !sharedTopics.contains(topic)) {
                sharedTopics.add(topic);
            }
        }
        List<String> sharedLanguages = new ArrayList<>();
        for (String language : mentees[i].languages()) {
            for (String other : mentors[j].languages()) {
                if (normal(language).equals(normal(other))) {
                    sharedLanguages.add(language);
                    break;
                }
            }
        }
        return new PairAssessment(mentees[i].id(), mentors[j].id(), passed, failed, breakdown(i, j),
                meetingMode(i, j), Double.isNaN(d) ? null : Math.round(d * 10) / 10.0, canMeetInPerson(i, j),
                sharedTopics, sharedLanguages, sharedWeeklyMinutes(i, j));
    }

    // ------------------------------------------------------------------------------------------------ graph

    /** Mentees per chunk when the feasible graph is built in parallel. */
    private static final int CHUNK = 128;

    /**
     * The solver's input: mentees without a confirmed pair, mentors with room left, an edge for every pair that
     * passes every hard rule, scored in millionths. Large pools are checked in parallel chunks of mentees, joined
     * in mentee order, so the graph is the same whatever the threads do.
     */
    MatchingGraph feasibleGraph() {
        int chunks = (n + CHUNK - 1) / CHUNK;
        int[][] chunkMentor = new int[chunks][];
        int[][] chunkScore = new int[chunks][];
        int[] start = new int[n + 1];
        IntStream range = IntStream.range(0, chunks);
        if ((long) n * m >= 1_000_000L) {
            range = range.parallel();
        }
        range.forEach(c -> buildChunk(c, start, chunkMentor, chunkScore));
        for (int i = 0; i < n; i++) {
            start[i + 1] += start[i];
        }
        int edges = start[n];
        int[] mentor = new int[edges];
        int[] score = new int[edges];
        for (int c = 0; c < chunks; c++) {
            int at = start[c * CHUNK];
            int length = start[Math.min(n, (c + 1) * CHUNK)] - at;
            System.arraycopy(chunkMentor[c], 0, mentor, at, length);
            System.arraycopy(chunkScore[c], 0, score, at, length);
            chunkMentor[c] = null;
            chunkScore[c] = null;
        }
        return MatchingGraph.ofRows(n, remainingCapacity.clone(), start, mentor, score);
    }

    /** The edges of one chunk of mentees; their counts go to {@code rowCount[i + 1]}. */
    private void buildChunk(int c, int[] rowCount, int[][] chunkMentor, int[][] chunkScore) {
        int from = c * CHUNK;
        int to = Math.min(n, from + CHUNK);
        int[] mentor = new int[Math.max(16, Math.min(m, 64) * (to - from))];
        int[] score = new int[mentor.length];
        int edges = 0;
        for (int i = from; i < to; i++) {
            int before = edges;
            if (confirmedMentor[i] < 0) {
                for (int j = 0; j < m; j++) {
                    if (remainingCapacity[j] > 0 && feasible(i, j)) {
                        if (edges == mentor.length) {
                            mentor = Arrays.copyOf(mentor, edges * 2);
                            score = Arrays.copyOf(score, edges * 2);
                        }
                        mentor[edges] = j;
                        score[edges] = scoreMicros(i, j);
                        edges++;
                    }
                }
            }
            rowCount[i + 1] = edges - before;
        }
        chunkMentor[c] = mentor;
        chunkScore[c] = score;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static String normal(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }

    private void internAll(Participant p, Interner institutes, Interner people, Interner languages) {
        institutes.id(normal(p.institute()));
        people.id(p.id());
        for (int k = 0; k < Math.min(levels, p.reportingLine().size()); k++) {
            people.id(p.reportingLine().get(k));
        }
        p.languages().stream().map(CompiledPool::normal).sorted().forEach(languages::id);
    }

    /** Writes the person and the first {@code levels} managers, padded with {@code padding}. */
    private void line(Participant p, Interner people, int[] into, int index, int padding) {
        if (lineWidth == 0) {
            return;
        }
        int base = index * lineWidth;
        Arrays.fill(into, base, base + lineWidth, padding);
        into[base] = people.id(p.id());
        for (int k = 0; k < Math.min(levels, p.reportingLine().size()); k++) {
            into[base + 1 + k] = people.id(p.reportingLine().get(k));
        }
    }

    private void diversity(Participant p, Interner values, int[] into, int index) {
        List<String> attributes = settings.diversityAttributes();
        for (int k = 0; k < attributeCount; k++) {
            String value = p.diversity().get(attributes.get(k));
            into[index * attributeCount + k] = value == null ? -1
                    : values.id(attributes.get(k) + "\u0000" + normal(value));
        }
    }

    private static void setBit(long[] words, int base, int bit) {
        words[base + (bit >>> 6)] |= 1L << bit;
    }

    private static int formatBits(Participant p) {
        int bits = 0;
        if (p.meetingFormats().contains(MeetingFormat.IN_PERSON)) {
            bits |= IN_PERSON_BIT;
        }
        if (p.meetingFormats().contains(MeetingFormat.ONLINE)) {
            bits |= ONLINE_BIT;
        }
        return bits;
    }

    private static void xyz(Participant p, double[] into, int index) {
        GeoPoint c = p.location().coordinates();
        double[] v = c == null ? new double[] {Double.NaN, Double.NaN, Double.NaN}
                : GeoPoint.unitVector(c.latitude(), c.longitude());
        System.arraycopy(v, 0, into, 3 * index, 3);
    }

    /** Strings to dense ints, in first-seen order. */
    private static final class Interner {
        private final Map<String, Integer> ids = new HashMap<>();

        int size() {
            return ids.size();
        }

        int id(String s) {
            Integer id = ids.get(s);
            if (id == null) {
                id = ids.size();
                ids.put(s, id);
            }
            return id;
        }
    }
}
