package org.mentoring.systemtests.faults;

import com.fasterxml.jackson.databind.JsonNode;
import org.mentoring.systemtests.Keycloak;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Drives traffic through the gateway while faults come and go, as a careful client would: every creating POST
 * carries an {@code Idempotency-Key} and is sent again (same key) while it gets no answer or a 5xx/429; every
 * conditional write reads the resource again before it retries, and counts a write whose answer was lost but whose
 * effect is there as done. What got a 2xx goes into the {@link Ledger}.
 * <p>
 * Two kinds of flow run side by side: applications (a participant applies, the admin accepts: the pool must follow)
 * on {@code applicationThreads} threads, and pairs (two new people apply, are accepted, paired by hand and both
 * accept: an agreement must follow; every third pair then signs an agreement that started weeks ago, so that the
 * cadence check reminds and flags it; every third pair's mentee is erased) on one thread.
 */
final class Traffic {

    private static final String ADMIN = "ada.admin";
    private static final Duration WRITE_PATIENCE = Duration.ofSeconds(90);
    private static final Duration EVENTUAL = Duration.ofSeconds(120);

    private final Api api;
    private final Tokens tokens;
    private final Ledger ledger;
    private final Databases databases;
    private final List<String> appliers;
    private final String runTag = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger programmeCounter = new AtomicInteger();
    private final AtomicInteger pairCounter = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());

    Traffic(Api api, Tokens tokens, Ledger ledger, Databases databases, List<String> appliers) {
        this.api = api;
        this.tokens = tokens;
        this.ledger = ledger;
        this.databases = databases;
        this.appliers = List.copyOf(appliers);
    }

    void start(int applicationThreads) {
        running = true;
        for (int i = 0; i < applicationThreads; i++) {
            threads.add(loop("traffic-applications-" + i, this::applicationRound));
        }
        threads.add(loop("traffic-pairs", this::pairRound));
        threads.forEach(Thread::start);
    }

    /** Lets each flow finish what it does (each step has its own deadline), then returns. */
    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(Duration.ofMinutes(4).toMillis());
        }
    }

    private Thread loop(String name, Runnable round) {
        Thread thread = new Thread(() -> {
            while (running) {
                try {
                    round.run();
                    ledger.flowsCompleted.incrementAndGet();
                } catch (GaveUp e) {
                    ledger.flowsAbandoned.incrementAndGet();
                    problems.add(name + ": " + e.getMessage());
                } catch (RuntimeException e) {
                    ledger.flowsAbandoned.incrementAndGet();
                    problems.add(name + ": " + e);
                }
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    /** A flow that could not go on within its patience (not a violation in itself: the invariants judge). */
    static final class GaveUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GaveUp(String message) {
            super(message);
        }
    }

    // ---- the flows ---------------------------------------------------------------------------------------------

    /** A new programme, and each applier applies to it and is accepted. */
    private void applicationRound() {
        String admin = tokens.of(ADMIN);
        UUID programme = openProgramme(admin, "Fault traffic");
        int n = 0;
        for (String applier : appliers) {
            if (!running && n > 0) {
                return;
            }
            UUID application = apply(applier, programme, n % 2 == 0 ? "MENTEE" : "MENTOR", "Institute " + n);
            accept(application);
            n++;
        }
    }

    /** Two new people, paired by hand in a programme of their own; then an agreement, an erasure or nothing. */
    private void pairRound() {
        int number = pairCounter.incrementAndGet();
        String mentee = Keycloak.createParticipant("fault-mentee", "Fault", "Mentee");
        String mentor = Keycloak.createParticipant("fault-mentor", "Fault", "Mentor");
        String admin = tokens.of(ADMIN);
        UUID programme = openProgramme(admin, "Fault pairs");
        UUID menteeApplication = apply(mentee, programme, "MENTEE", "Institute of Physics");
        UUID mentorApplication = apply(mentor, programme, "MENTOR", "Institute for Data Science");
        accept(menteeApplication);
        accept(mentorApplication);
        UUID proposal = pairByHand(programme, menteeApplication, mentorApplication);
        answer(mentee, proposal);
        JsonNode confirmed = answer(mentor, proposal);
        if (!"CONFIRMED".equals(confirmed.path("status").asText())) {
            throw new GaveUp("pair " + proposal + " is " + confirmed.path("status").asText() + " after both accepted");
        }
        String menteeSubject = Tokens.subject(tokens.of(mentee));
        String mentorSubject = Tokens.subject(tokens.of(mentor));
        ledger.matches.put(proposal, new Ledger.Match(proposal, programme, menteeApplication, mentorApplication,
                menteeSubject, mentorSubject));
        if (number % 3 == 0) {
            activateOverdueAgreement(mentee, mentor, programme);
        } else if (number % 3 == 1) {
            UUID agreement = awaitAgreement(mentee, programme);
            awaitInSessions(agreement);
            erase(menteeSubject, List.of(menteeApplication));
        }
    }

    // ---- steps -------------------------------------------------------------------------------------------------

    private UUID openProgramme(String admin, String purpose) {
        String name = purpose + " " + runTag + "-" + programmeCounter.incrementAndGet();
        Map<String, Object> body = Map.of("name", name,
                "topics", List.of(Map.of("code", "ai-tools", "label", "AI tools")));
        Map<String, String> key = key();
        Api.Answer created = create(() -> api.post(tokens.of(ADMIN), "/api/v1/programmes", body, key));
        if (!created.ok()) {
            throw new GaveUp("programme not created: HTTP " + created.status() + " " + created.body());
        }
        UUID id = UUID.fromString(created.text("id"));
        ledger.programmes.put(name, id);
        transition(id, "OPEN");
        return id;
    }

    /** Moves a programme to {@code to}, reading it again before each try. */
    private void transition(UUID programme, String to) {
        until("programme " + programme + " " + to, WRITE_PATIENCE, () -> {
            Api.Answer current = api.get(tokens.of(ADMIN), "/api/v1/programmes/" + programme);
            if (!current.ok()) {
                return false;
            }
            if (to.equals(current.text("status"))) {
                return true;
            }
            Api.Answer moved = api.post(tokens.of(ADMIN), "/api/v1/programmes/" + programme + "/transitions",
                    Map.of("to", to), Map.of("If-Match", current.etag()));
            return moved.ok();
        });
    }

    private UUID apply(String username, UUID programme, String role, String institute) {
        Map<String, String> key = key();
        Api.Answer answer = create(() -> api.post(tokens.of(username), "/api/v1/programmes/" + programme
                + "/applications", application(role, institute), key));
        UUID id;
        if (answer.ok()) {
            id = UUID.fromString(answer.text("id"));
        } else if (answer.status() == 409) {
            // An earlier try went through although its answer was lost (the key was not honoured): find it.
            id = mine(username, programme);
            ledger.resolvedAfterLostAnswer.incrementAndGet();
        } else {
            throw new GaveUp("application not submitted: HTTP " + answer.status() + " " + answer.body());
        }
        ledger.applications.put(id, programme);
        return id;
    }

    private UUID mine(String username, UUID programme) {
        Api.Answer list = api.get(tokens.of(username), "/api/v1/me/applications");
        for (JsonNode application : list.body()) {
            if (programme.toString().equals(application.path("programmeId").asText())) {
                return UUID.fromString(application.path("id").asText());
            }
        }
        throw new GaveUp("409 on applying, but no application of " + username + " in " + programme);
    }

    private void accept(UUID application) {
        boolean[] triedBefore = new boolean[1];
        until("accept " + application, WRITE_PATIENCE, () -> {
            Api.Answer current = api.get(tokens.of(ADMIN), "/api/v1/applications/" + application);
            if (!current.ok()) {
                return false;
            }
            String status = current.text("status");
            if ("ACCEPTED".equals(status) || "MATCHED".equals(status)) {
                if (triedBefore[0]) {
                    ledger.resolvedAfterLostAnswer.incrementAndGet();
                }
                ledger.accepted.add(application);
                return true;
            }
            triedBefore[0] = true;
            Api.Answer decided = api.post(tokens.of(ADMIN), "/api/v1/applications/" + application + "/decision",
                    Map.of("decision", "ACCEPT"), Map.of("If-Match", current.etag()));
            if (decided.ok()) {
                ledger.accepted.add(application);
                return true;
            }
            return false;
        });
    }

    /** The admin pairs the two by hand, as soon as matching's pool holds both (it follows applicants' events). */
    private UUID pairByHand(UUID programme, UUID mentee, UUID mentor) {
        Map<String, Object> body = new HashMap<>(Map.of("programmeId", programme.toString(),
                "menteeApplicationId", mentee.toString(), "mentorApplicationId", mentor.toString()));
        UUID[] made = new UUID[1];
        Map<String, String> key = key();
        until("pair in " + programme, EVENTUAL, () -> {
            Api.Answer answer = api.post(tokens.of(ADMIN), "/api/v1/proposals", body, key);
            if (answer.ok()) {
                made[0] = UUID.fromString(answer.text("id"));
                return true;
            }
            if (answer.status() == 422 && !body.containsKey("overrideReason")) {
                body.put("overrideReason", "Paired by the fault-injection suite");
                return false;
            }
            if (answer.status() == 409 || answer.status() < 0 || answer.status() >= 500) {
                // maybe made by a try whose answer was lost
                Api.Answer list = api.get(tokens.of(ADMIN), "/api/v1/proposals?programmeId=" + programme);
                for (JsonNode proposal : list.body().path("items")) {
                    made[0] = UUID.fromString(proposal.path("id").asText());
                    ledger.resolvedAfterLostAnswer.incrementAndGet();
                    return true;
                }
            }
            return false; // 400 while the pool has not both yet
        });
        return made[0];
    }

    /** The person accepts the proposal; returns it as it then stands. */
    private JsonNode answer(String username, UUID proposal) {
        JsonNode[] result = new JsonNode[1];
        until("answer " + proposal, WRITE_PATIENCE, () -> {
            Api.Answer answer = api.post(tokens.of(username), "/api/v1/proposals/" + proposal + "/answer",
                    Map.of("accept", true), Map.of());
            if (answer.ok()) {
                result[0] = answer.body();
                return true;
            }
            if (answer.status() == 409) {
                Api.Answer current = api.get(tokens.of(username), "/api/v1/proposals/mine/" + proposal);
                if (current.ok()) {
                    ledger.resolvedAfterLostAnswer.incrementAndGet();
                    result[0] = current.body();
                    return true;
                }
            }
            return false;
        });
        return result[0];
    }

    /** The agreement draft that agreements-service opened for the pair (it follows matching's event). */
    private UUID awaitAgreement(String mentee, UUID programme) {
        UUID[] id = new UUID[1];
        until("agreement of " + programme, EVENTUAL, () -> {
            Api.Answer list = api.get(tokens.of(mentee), "/api/v1/agreements?programmeId=" + programme);
            JsonNode items = list.body().path("items");
            if (list.ok() && items.size() > 0) {
                id[0] = UUID.fromString(items.get(0).path("id").asText());
                return true;
            }
            return false;
        });
        return id[0];
    }

    /**
     * Waits until sessions-service holds the agreement too: an erasure that overtook the agreement's creation there
     * is a race this suite does not provoke (see the README's fault suite section).
     */
    private void awaitInSessions(UUID agreement) {
        until("agreement " + agreement + " in sessions", EVENTUAL, () -> {
            try {
                return databases.count("sessions", "select count(*) from agreement where agreement_id = ?", agreement) > 0;
            } catch (java.sql.SQLException e) {
                return false;
            }
        });
    }

    /**
     * The pair gives the draft a start four weeks back (so the cadence check finds them late), proposes it and both
     * sign: ACTIVE. Each step reads the agreement again first, so a step whose answer was lost is not repeated.
     */
    private void activateOverdueAgreement(String mentee, String mentor, UUID programme) {
        UUID id = awaitAgreement(mentee, programme);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String start = today.minusDays(28).toString();
        until("activate " + id, EVENTUAL, () -> {
            Api.Answer current = api.get(tokens.of(mentee), "/api/v1/agreements/" + id);
            if (!current.ok()) {
                return false;
            }
            String status = current.text("status");
            JsonNode latest = current.body().path("latest");
            switch (status) {
                case "ACTIVE":
                    return true;
                case "DRAFT":
                    if (!start.equals(latest.path("startDate").asText())) {
                        Map<String, Object> draft = new HashMap<>();
                        draft.put("agendaTopics", Api.JSON.convertValue(latest.path("agendaTopics"), List.class));
                        draft.put("goals", List.of("Keep meeting whatever fails"));
                        draft.put("startDate", start);
                        draft.put("endDate", today.plusDays(90).toString());
                        draft.put("meetingCadenceDays", 14);
                        draft.put("firstMeetingsInPerson", 0);
                        draft.put("preferredFormat", latest.path("preferredFormat").isNull() ? null
                                : latest.path("preferredFormat").asText());
                        draft.put("mayBeShared", List.of(Map.of("what", "That we meet", "withWhom", "The programme team")));
                        api.send("PUT", "/api/v1/agreements/" + id + "/draft", tokens.of(mentee), draft,
                                Map.of("If-Match", current.etag()));
                    } else {
                        api.post(tokens.of(mentee), "/api/v1/agreements/" + id + "/proposals", null,
                                Map.of("If-Match", current.etag()));
                    }
                    return false;
                case "PROPOSED":
                    int version = current.body().path("openProposal").asInt();
                    Api.Answer proposed = api.get(tokens.of(mentee), "/api/v1/agreements/" + id + "/versions/" + version);
                    if (!proposed.ok()) {
                        return false;
                    }
                    List<String> parties = new ArrayList<>();
                    proposed.body().path("signatures").forEach(s -> parties.add(s.path("party").asText()));
                    String signer = parties.contains("MENTEE") ? mentor : mentee;
                    Api.Answer theirs = api.get(tokens.of(signer), "/api/v1/agreements/" + id);
                    if (theirs.ok()) {
                        api.post(tokens.of(signer), "/api/v1/agreements/" + id + "/versions/" + version + "/signatures",
                                Map.of("rulesOfConductAcknowledged", true), Map.of("If-Match", theirs.etag()));
                    }
                    return false;
                default:
                    throw new GaveUp("agreement " + id + " is " + status);
            }
        });
        ledger.activeAgreements.add(id);
    }

    /** The admin erases a person; a retry that finds nothing left to erase (404) means the first try went through. */
    private void erase(String subject, List<UUID> applications) {
        Ledger.Erasure erasure = new Ledger.Erasure(subject, applications);
        ledger.erasing.put(subject, erasure);
        boolean[] triedBefore = new boolean[1];
        until("erase " + subject, WRITE_PATIENCE, () -> {
            Api.Answer answer = api.post(tokens.of(ADMIN), "/api/v1/people/" + subject + "/erasure",
                    Map.of("reason", "Asked for by the fault-injection suite"), Map.of());
            if (answer.ok() || (answer.status() == 404 && triedBefore[0])) {
                if (!answer.ok()) {
                    ledger.resolvedAfterLostAnswer.incrementAndGet();
                }
                ledger.erasures.put(subject, erasure);
                return true;
            }
            triedBefore[0] = true;
            return false;
        });
    }

    // ---- retries -----------------------------------------------------------------------------------------------

    /**
     * A creating POST: sent again with the same Idempotency-Key while no answer or a 5xx/429 comes. Returns the
     * last answer.
     */
    private Api.Answer create(Supplier<Api.Answer> post) {
        long deadline = System.nanoTime() + WRITE_PATIENCE.toNanos();
        long backoff = 100;
        while (true) {
            Api.Answer answer = post.get();
            if (!answer.transientFailure() || System.nanoTime() > deadline) {
                return answer;
            }
            Faults.pause(backoff);
            backoff = Math.min(2_000, backoff * 2);
        }
    }

    /** Repeats {@code step} (with a growing pause) until it reports done; gives up after {@code patience}. */
    private void until(String what, Duration patience, Supplier<Boolean> step) {
        long deadline = System.nanoTime() + patience.toNanos();
        long backoff = 100;
        while (!step.get()) {
            if (System.nanoTime() > deadline) {
                throw new GaveUp(what + ": not done within " + patience.toSeconds() + " s");
            }
            Faults.pause(backoff);
            backoff = Math.min(1_000, backoff * 2);
        }
    }

    /** A fresh key for one logical request: taken once, sent with each of its tries. */
    private static Map<String, String> key() {
        return Map.of("Idempotency-Key", UUID.randomUUID().toString());
    }

    private static Map<String, Object> application(String role, String institute) {
        return Map.of(
                "role", role,
                "institute", institute,
                "languages", List.of("de", "en"),
                "topics", List.of("ai-tools"),
                "meetingFormats", List.of("ONLINE"),
                "availabilityHoursPerMonth", 4,
                "yearsOfExperience", "MENTOR".equals(role) ? 3 : 25,
                "motivation", "Learning from each other",
                "consent", Map.of("privacyPolicyVersion", "2026-10", "accepted", true));
    }
}
