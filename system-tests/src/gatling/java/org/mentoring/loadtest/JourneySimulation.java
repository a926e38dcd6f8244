package org.mentoring.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitBlockOnFail;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The whole journey of one programme under load, through the gateway with its real rate limits, every person a caller
 * of their own (own token, own bucket):
 * <ol>
 * <li>HR provisions the people in bulk (directory imports);</li>
 * <li>the participants apply, read and edit their application (a burst: {@code load.arrivals-per-second});</li>
 * <li>the programme's admins (the owner's co-admins, {@code load.admins}) accept every application, each paced under the
 * gateway's per-caller quota and honouring {@code Retry-After} on a 429;</li>
 * <li>the owner waits for matching's pool to hold everyone, closes the programme, starts ONE matching run of the whole
 * pool, polls it and lists the proposals; the admins approve them;</li>
 * <li>each pair (published to everyone at once: {@code load.pairs-per-second}) accepts its proposal, waits for the draft
 * agreement, edits, proposes and signs it, waits until sessions knows the agreement, schedules a meeting, marks it held,
 * writes a shared and a private note and both feedbacks, and reads the notes;</li>
 * <li>meanwhile the HR system pulls the programme report and pages through SCIM, paced.</li>
 * </ol>
 * Gatling reports every request type; {@link LoadTest} adds the event latencies, database sizes and heaps.
 */
public class JourneySimulation extends Simulation {

    private static final int ADMINS = Integer.getInteger("load.admins", 4);
    private static final double ARRIVALS = Double.parseDouble(System.getProperty("load.arrivals-per-second", "5"));
    private static final double PAIRS = Double.parseDouble(System.getProperty("load.pairs-per-second", "2"));
    /** An admin's requests each this far apart at least: 2 requests per 120 ms stays under the default 20 per second. */
    private static final Duration ADMIN_PACE = Duration.ofMillis(120);
    private static final Duration EVENTUAL = Duration.ofSeconds(300);
    /** How often a pair looks whether the asynchronous step it waits for happened (its own polls load the stack too). */
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final String TOPIC = "ai-tools";

    /** This run's size: {@link LoadTest} runs the simulation twice, a small warm-up first, then the measured run. */
    private final int people = Run.nextPeople;
    private final Run run = Run.prepare(people, ADMINS);
    private final String programme = "/api/v1/programmes/" + run.programmeId;
    private final AtomicInteger pairUsersEnded = new AtomicInteger();
    private final int pairUsers = Math.max(1, people / 2);

    {
        HttpProtocolBuilder protocol = http.baseUrl(Stack.GATEWAY)
                .acceptHeader("application/json")
                .userAgentHeader("mentoring-load-test");

        PopulationBuilder journey = provision().injectOpen(atOnceUsers(1))
                .andThen(apply().injectOpen(rampUsers(people).during(seconds(people / ARRIVALS)))
                        .andThen(accept().injectOpen(atOnceUsers(ADMINS))
                                .andThen(matchingRun().injectOpen(atOnceUsers(1))
                                        .andThen(approve().injectOpen(atOnceUsers(ADMINS))
                                                .andThen(pairs().injectOpen(rampUsers(pairUsers).during(seconds(pairUsers / PAIRS))))))));
        setUp(journey, hrReads().injectOpen(atOnceUsers(1)))
                .protocols(protocol)
                .maxDuration(Duration.ofMinutes(Long.getLong("load.max-minutes", 60)));
    }

    // ---- 1. HR provisions everyone ----------------------------------------------------------------------------------

    private ScenarioBuilder provision() {
        List<Map<String, Object>> batches = new ArrayList<>();
        for (int from = 0; from < people; from += 1000) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(people, from + 1000); i++) {
                Stack.Person p = run.participants.get(i);
                batch.add(Map.of("userName", p.username(), "givenName", "Load", "familyName", "Tester " + i,
                        "email", p.username() + "@example.org", "organization", Run.institute(i), "languages", List.of("de", "en")));
            }
            batches.add(Map.of("body", json(batch)));
        }
        return scenario("HR provisions the people")
                .exec(s -> s.set("hr", Stack.hrToken()).set("batches", batches))
                .foreach(s -> s.getList("batches"), "batch").on(
                        exec(s -> s.set("body", ((Map<?, ?>) s.get("batch")).get("body")))
                                .exec(retryAfter429("applicants: HR directory import (1000 people)",
                                        http("applicants: HR directory import (1000 people)").post("/api/v1/directory/imports")
                                                .header("Authorization", "Bearer #{hr}")
                                                .header("Idempotency-Key", s -> UUID.randomUUID().toString())
                                                .body(StringBody("#{body}")).asJson(), 200)))
                .exec(s -> {
                    run.milestone("provisioned");
                    return s;
                });
    }

    // ---- 2. the application window ----------------------------------------------------------------------------------

    private ScenarioBuilder apply() {
        List<Map<String, Object>> applicants = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            applicants.add(Map.of("token", run.participants.get(i).token(), "index", i));
        }
        return scenario("participants apply")
                .feed(listFeeder(applicants))
                .exec(http("applicants: apply").post(programme + "/applications")
                        .header("Authorization", "Bearer #{token}")
                        .header("Idempotency-Key", s -> UUID.randomUUID().toString())
                        .body(StringBody(s -> application(s.getInt("index"), "Learning from each other"))).asJson()
                        .check(status().is(201), jsonPath("$.id").saveAs("applicationId")))
                .exitHereIfFailed()
                .exec(s -> {
                    run.applications.add(s.getString("applicationId"));
                    return s;
                })
                .exec(http("applicants: read own application").get("/api/v1/applications/#{applicationId}")
                        .header("Authorization", "Bearer #{token}")
                        .check(status().is(200), header("ETag").saveAs("etag")))
                .exec(http("applicants: edit own application").put("/api/v1/applications/#{applicationId}")
                        .header("Authorization", "Bearer #{token}").header("If-Match", "#{etag}")
                        .body(StringBody(s -> application(s.getInt("index"), "Learning from each other, and teaching"))).asJson()
                        .check(status().is(200)));
    }

    // ---- 3. the admins accept everyone --------------------------------------------------------------------------------

    private ScenarioBuilder accept() {
        return scenario("admins accept")
                .feed(adminFeeder())
                .exec(s -> s.set("mine", Run.share(List.copyOf(run.applications), s.getInt("admin"), ADMINS)))
                .foreach(s -> s.getList("mine"), "applicationId").on(
                        pace(ADMIN_PACE.multipliedBy(2))
                                .exec(readThenPost("applicants: admin reads application", "/api/v1/applications/#{applicationId}",
                                        "applicants: admin accepts application", "/api/v1/applications/#{applicationId}/decision",
                                        "{\"decision\":\"ACCEPT\"}"))
                                .exec(s -> {
                                    if (s.contains("status") && s.getInt("status") == 200) {
                                        run.accepted.incrementAndGet();
                                    }
                                    return s;
                                }))
                .exec(s -> {
                    run.milestones.merge("accepted", Instant.now(), (a, b) -> a.isAfter(b) ? a : b);
                    return s;
                });
    }

    // ---- 4. one matching run of the whole pool --------------------------------------------------------------------------

    private ScenarioBuilder matchingRun() {
        String owner = "Bearer " + run.owner.token();
        return scenario("owner runs the matching")
                .exec(s -> s.set("pooled", 0).set("polls", 0).set("runStatus", "NONE").set("cursor", "")
                        .set("expected", run.accepted.get()))
                // the pool fills from applicants-service's events
                .asLongAs(s -> s.getInt("pooled") < s.getInt("expected") && s.getInt("polls") < EVENTUAL.toSeconds()).on(
                        exec(retryAfter429("matching: statistics (until the pool is full)", http("matching: statistics (until the pool is full)")
                                .get(programme + "/matching-statistics").header("Authorization", owner)
                                .check(bodyString().saveAs("body")), 200))
                                .exec(s -> {
                                    JsonNode pool = s.contains("body") ? Stack.read(s.getString("body")).path("pool") : null;
                                    int pooled = pool == null ? 0 : pool.path("mentors").asInt(0) + pool.path("mentees").asInt(0);
                                    return s.set("pooled", pooled).set("polls", s.getInt("polls") + 1);
                                })
                                .doIf(s -> s.getInt("pooled") < s.getInt("expected")).then(pause(Duration.ofSeconds(1))))
                .exec(s -> {
                    run.milestone("pool complete");
                    if (s.getInt("pooled") < s.getInt("expected")) {
                        run.failure = "the pool held " + s.getInt("pooled") + " of " + s.getInt("expected") + " after " + EVENTUAL;
                    }
                    return s;
                })
                .exec(http("applicants: owner reads programme").get(programme).header("Authorization", owner)
                        .check(status().is(200), header("ETag").saveAs("etag")))
                .exec(http("applicants: owner closes programme").post(programme + "/transitions").header("Authorization", owner)
                        .header("If-Match", "#{etag}").body(StringBody("{\"to\":\"CLOSED\"}")).asJson().check(status().is(200)))
                .exec(s -> s.set("tries", 0).set("started", false))
                .asLongAs(s -> !s.getBoolean("started") && s.getInt("tries") < 30 && run.failure == null).on(
                        exec(http("matching: start PUBLISH run").post(programme + "/matching-runs").header("Authorization", owner)
                                .body(StringBody("{\"mode\":\"PUBLISH\"}")).asJson()
                                .check(status().saveAs("status"), header("Location").optional().saveAs("runLocation"),
                                        bodyString().saveAs("body"), status().in(202, 409)))
                                .exec(s -> {
                                    int status = s.getInt("status");
                                    if (status == 422 || status >= 500) {
                                        run.failure = "the matching run was refused: " + status + " " + s.getString("body");
                                    }
                                    return s.set("started", status == 202).set("tries", s.getInt("tries") + 1);
                                })
                                .doIf(s -> !s.getBoolean("started")).then(pause(Duration.ofSeconds(1))))
                .exec(s -> {
                    run.milestone("run started");
                    if (run.failure == null && !s.getBoolean("started")) {
                        run.failure = "no matching run started after 30 tries";
                    }
                    return s.set("runPath", s.contains("runLocation") ? java.net.URI.create(s.getString("runLocation")).getPath() : "");
                })
                .exec(s -> s.set("polls", 0))
                .asLongAs(s -> run.failure == null && !"COMPLETED".equals(s.getString("runStatus")) && s.getInt("polls") < 600).on(
                        pause(Duration.ofSeconds(1))
                                .exec(http("matching: poll run").get("#{runPath}").header("Authorization", owner)
                                        .check(status().is(200), jsonPath("$.status").saveAs("runStatus"),
                                                jsonPath("$.error").optional().saveAs("runError")))
                                .exec(s -> {
                                    if ("FAILED".equals(s.getString("runStatus"))) {
                                        run.failure = "the matching run failed: " + s.getString("runError");
                                    }
                                    return s.set("polls", s.getInt("polls") + 1);
                                }))
                .exec(s -> {
                    run.milestone("run completed");
                    if (run.failure == null && !"COMPLETED".equals(s.getString("runStatus"))) {
                        run.failure = "the matching run did not complete in 10 minutes";
                    }
                    return s;
                })
                // every proposal of the run, 200 a page
                .asLongAs(s -> run.failure == null && s.getString("cursor") != null).on(
                        exec(retryAfter429("matching: list proposals (200 a page)", http("matching: list proposals (200 a page)")
                                .get(s -> "/api/v1/proposals?limit=200&programmeId=" + run.programmeId
                                        + (s.getString("cursor").isEmpty() ? "" : "&cursor=" + s.getString("cursor")))
                                .header("Authorization", owner).check(bodyString().saveAs("body")), 200))
                                .exec(s -> {
                                    JsonNode page = Stack.read(s.getString("body"));
                                    for (JsonNode p : page.path("items")) {
                                        run.proposals.add(new Run.Proposal(p.get("id").asText(),
                                                p.path("mentee").path("applicantId").asText(), p.path("mentor").path("applicantId").asText()));
                                    }
                                    JsonNode next = page.get("nextCursor");
                                    return s.set("cursor", next == null || next.isNull()
                                            ? null : java.net.URLEncoder.encode(next.asText(), java.nio.charset.StandardCharsets.UTF_8));
                                }))
                .exec(s -> {
                    run.milestone("proposals listed");
                    run.pairsToWalk.addAll(run.proposals);
                    if (run.failure == null && run.proposals.isEmpty()) {
                        run.failure = "the run proposed no pair";
                    }
                    return s;
                });
    }

    private ScenarioBuilder approve() {
        return scenario("admins approve proposals")
                .feed(adminFeeder())
                .exec(s -> s.set("mine", run.failure != null ? List.of()
                        : Run.share(List.copyOf(run.proposals), s.getInt("admin"), ADMINS).stream().map(Run.Proposal::id).toList()))
                .foreach(s -> s.getList("mine"), "proposalId").on(
                        pace(ADMIN_PACE.multipliedBy(2))
                                .exec(readThenPost("matching: admin reads proposal", "/api/v1/proposals/#{proposalId}",
                                        "matching: admin approves proposal", "/api/v1/proposals/#{proposalId}/review",
                                        "{\"approve\":true}")))
                .exec(s -> {
                    run.milestones.merge("approved", Instant.now(), (a, b) -> a.isAfter(b) ? a : b);
                    return s;
                });
    }

    // ---- 5. every pair walks the rest of the journey ----------------------------------------------------------------

    private ScenarioBuilder pairs() {
        return scenario("pairs: agreement and meetings")
                .exec(s -> {
                    Run.Proposal p = run.failure == null ? run.pairsToWalk.poll() : null;
                    if (p == null || !run.bySubject.containsKey(p.menteeSubject()) || !run.bySubject.containsKey(p.mentorSubject())) {
                        return s.set("walk", false);
                    }
                    return s.set("walk", true).set("proposalId", p.id())
                            .set("mentee", "Bearer " + run.bySubject.get(p.menteeSubject()).token())
                            .set("mentor", "Bearer " + run.bySubject.get(p.mentorSubject()).token());
                })
                .doIf(s -> s.getBoolean("walk")).then(exitBlockOnFail().on(walk()))
                .exec(s -> {
                    if (s.getBoolean("walk")) {
                        (s.isFailed() ? run.pairsFailed : run.pairsDone).incrementAndGet();
                    }
                    if (pairUsersEnded.incrementAndGet() == pairUsers) {
                        run.milestone("pairs done");
                        run.finished = true;
                    }
                    return s;
                });
    }

    private ChainBuilder walk() {
        return exec(http("matching: mentee accepts proposal").post("/api/v1/proposals/#{proposalId}/answer")
                .header("Authorization", "#{mentee}").body(StringBody("{\"accept\":true}")).asJson().check(status().is(200)))
                .exec(http("matching: mentor accepts proposal").post("/api/v1/proposals/#{proposalId}/answer")
                        .header("Authorization", "#{mentor}").body(StringBody("{\"accept\":true}")).asJson()
                        .check(status().is(200), jsonPath("$.status").is("CONFIRMED")))
                // agreements-service opens the draft from matching's event
                .exec(s -> s.set("polls", 0).remove("agreementId"))
                .asLongAs(s -> !s.contains("agreementId") && s.getInt("polls") < EVENTUAL.toSeconds() / POLL.toSeconds()).on(
                        exec(http("agreements: mentee lists own (until the draft exists)").get("/api/v1/agreements?programmeId=" + run.programmeId)
                                .header("Authorization", "#{mentee}")
                                .check(status().is(200), jsonPath("$.items[0].id").optional().saveAs("agreementId")))
                                .exec(s -> s.set("polls", s.getInt("polls") + 1))
                                .doIf(s -> !s.contains("agreementId")).then(pause(POLL)))
                .exec(s -> s.contains("agreementId") ? s : s.markAsFailed())
                .exec(http("agreements: mentee reads agreement").get("/api/v1/agreements/#{agreementId}").header("Authorization", "#{mentee}")
                        .check(status().is(200), header("ETag").saveAs("etag"), bodyString().saveAs("agreement")))
                .exec(http("agreements: mentee edits draft").put("/api/v1/agreements/#{agreementId}/draft")
                        .header("Authorization", "#{mentee}").header("If-Match", "#{etag}")
                        .body(StringBody(JourneySimulation::draft)).asJson()
                        .check(status().is(200), header("ETag").saveAs("etag")))
                .exec(http("agreements: mentee proposes version 1").post("/api/v1/agreements/#{agreementId}/proposals")
                        .header("Authorization", "#{mentee}").header("If-Match", "#{etag}")
                        .check(status().is(201), header("ETag").saveAs("etag")))
                .exec(http("agreements: mentee signs").post("/api/v1/agreements/#{agreementId}/versions/1/signatures")
                        .header("Authorization", "#{mentee}").header("If-Match", "#{etag}")
                        .body(StringBody("{\"rulesOfConductAcknowledged\":true}")).asJson().check(status().is(201)))
                .exec(http("agreements: mentor reads agreement").get("/api/v1/agreements/#{agreementId}").header("Authorization", "#{mentor}")
                        .check(status().is(200), header("ETag").saveAs("etag")))
                .exec(http("agreements: mentor signs").post("/api/v1/agreements/#{agreementId}/versions/1/signatures")
                        .header("Authorization", "#{mentor}").header("If-Match", "#{etag}")
                        .body(StringBody("{\"rulesOfConductAcknowledged\":true}")).asJson()
                        .check(status().is(201), jsonPath("$.status").is("ACTIVE")))
                // sessions-service learns of the active agreement from agreements-service's events
                .exec(s -> s.set("polls", 0).set("progress", "NONE"))
                .asLongAs(s -> !"ACTIVE".equals(s.getString("progress")) && s.getInt("polls") < EVENTUAL.toSeconds() / POLL.toSeconds()).on(
                        exec(http("sessions: progress (until sessions knows the agreement)").get("/api/v1/meetings/agreements/#{agreementId}/progress")
                                .header("Authorization", "#{mentee}")
                                .check(status().in(200, 404), jsonPath("$.status").optional().saveAs("progress")))
                                .exec(s -> s.set("polls", s.getInt("polls") + 1))
                                .doIf(s -> !"ACTIVE".equals(s.getString("progress"))).then(pause(POLL)))
                .exec(s -> "ACTIVE".equals(s.getString("progress")) ? s : s.markAsFailed())
                .exec(s -> s.set("startsAt", Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.MILLIS).toString()))
                .exec(http("sessions: mentee schedules meeting").post("/api/v1/meetings").header("Authorization", "#{mentee}")
                        .body(StringBody(s -> json(Map.of("agreementId", s.getString("agreementId"), "startsAt", s.getString("startsAt"),
                                "durationMinutes", 45, "format", "ONLINE", "videoLink", "https://meet.example.org/" + s.getString("agreementId"),
                                "agendaTopics", List.of(TOPIC))))).asJson()
                        .check(status().is(201), jsonPath("$.id").saveAs("meetingId")))
                .pause(s -> {
                    Duration wait = Duration.between(Instant.now(), Instant.parse(s.getString("startsAt"))).plusMillis(300);
                    return wait.isNegative() ? Duration.ZERO : wait;
                })
                .exec(http("sessions: mentor reads meeting").get("/api/v1/meetings/#{meetingId}").header("Authorization", "#{mentor}")
                        .check(status().is(200), header("ETag").saveAs("etag")))
                .exec(http("sessions: mentor marks meeting held").post("/api/v1/meetings/#{meetingId}/outcome")
                        .header("Authorization", "#{mentor}").header("If-Match", "#{etag}")
                        .body(StringBody("{\"status\":\"HELD\"}")).asJson().check(status().is(200)))
                .exec(http("sessions: mentor writes shared note").post("/api/v1/meetings/#{meetingId}/notes").header("Authorization", "#{mentor}")
                        .body(StringBody("{\"visibility\":\"SHARED\",\"content\":\"We tried an AI summary of the weekly report\"}")).asJson()
                        .check(status().is(201)))
                .exec(http("sessions: mentee writes private note").post("/api/v1/meetings/#{meetingId}/notes").header("Authorization", "#{mentee}")
                        .body(StringBody("{\"visibility\":\"PRIVATE\",\"content\":\"Still unsure about prompting\"}")).asJson()
                        .check(status().is(201)))
                .exec(http("sessions: mentee gives feedback").post("/api/v1/meetings/#{meetingId}/feedback").header("Authorization", "#{mentee}")
                        .body(StringBody("{\"rating\":5,\"comment\":\"Very practical\"}")).asJson().check(status().is(201)))
                .exec(http("sessions: mentor gives feedback").post("/api/v1/meetings/#{meetingId}/feedback").header("Authorization", "#{mentor}")
                        .body(StringBody("{\"rating\":4,\"comment\":\"Great questions\",\"shareWithPair\":true}")).asJson().check(status().is(201)))
                .exec(http("sessions: mentee reads notes").get("/api/v1/meetings/#{meetingId}/notes").header("Authorization", "#{mentee}")
                        .check(status().is(200), jsonPath("$.items[*]").count().is(2)));
    }

    // ---- 6. HR reads while all this happens ---------------------------------------------------------------------------

    private ScenarioBuilder hrReads() {
        return scenario("HR reads reports and SCIM")
                .exec(s -> s.set("hr", Stack.hrToken()).set("scimIndex", 1))
                .asLongAs(s -> !run.finished).on(
                        pace(Duration.ofSeconds(2))
                                .exec(retryAfter429("gateway: HR programme report", http("gateway: HR programme report")
                                        .get(programme.replace("/programmes/", "/reports/programmes/")).header("Authorization", "Bearer #{hr}"), 200))
                                .exec(retryAfter429("applicants: HR SCIM page (100 users)", http("applicants: HR SCIM page (100 users)")
                                        .get("/scim/v2/Users?startIndex=#{scimIndex}&count=100").header("Authorization", "Bearer #{hr}")
                                        .header("Accept", "application/scim+json"), 200))
                                .exec(s -> s.set("scimIndex", s.getInt("scimIndex") + 100 > people ? 1 : s.getInt("scimIndex") + 100)));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    /** Sends the request; a 429 (counted, and KO in the report) waits its Retry-After and sends it again, 5 times at most. */
    /** An admin's decision: read the object for its ETag, then post the decision with If-Match; each 200 expected. */
    private ChainBuilder readThenPost(String readName, String readPath, String postName, String postPath, String body) {
        return exec(retryAfter429(readName, http(readName).get(readPath).header("Authorization", "Bearer #{token}")
                .check(header("ETag").saveAs("etag")), 200))
                .exec(retryAfter429(postName, http(postName).post(postPath)
                        .header("Authorization", "Bearer #{token}").header("If-Match", "#{etag}")
                        .body(StringBody(body)).asJson(), 200));
    }

    private ChainBuilder retryAfter429(String name, HttpRequestActionBuilder request, int expected) {
        String again = "again-" + name;
        return exec(s -> s.set(again, true).set("attempts", 0))
                .asLongAs(s -> s.getBoolean(again)).on(
                        exec(s -> s.remove("retryAfter").remove("status"))
                                .exec(request.check(status().saveAs("status"), header("Retry-After").optional().saveAs("retryAfter"),
                                        status().is(expected)))
                                .exec(s -> {
                                    boolean limited = s.contains("status") && s.getInt("status") == 429;
                                    if (limited) {
                                        run.rateLimited(name);
                                    }
                                    return s.set(again, limited && s.getInt("attempts") < 5).set("attempts", s.getInt("attempts") + 1);
                                })
                                .doIf(s -> s.getBoolean(again)).then(pause(s -> Duration.ofSeconds(
                                        s.contains("retryAfter") ? Math.max(1, Long.parseLong(s.getString("retryAfter").trim())) : 1))));
    }

    private io.gatling.javaapi.core.FeederBuilder<Object> adminFeeder() {
        List<Map<String, Object>> admins = new ArrayList<>();
        for (int i = 0; i < ADMINS; i++) {
            admins.add(Map.of("admin", i, "token", run.coAdmins.get(i).token()));
        }
        return listFeeder(admins).circular();
    }

    private static String application(int index, String motivation) {
        Map<String, Object> body = new HashMap<>();
        body.put("role", Run.role(index));
        body.put("institute", Run.institute(index));
        body.put("languages", List.of("de", "en"));
        body.put("topics", List.of(TOPIC));
        body.put("meetingFormats", List.of("ONLINE"));
        body.put("availabilityHoursPerMonth", 4);
        body.put("yearsOfExperience", index % 2 == 0 ? 25 : 3);
        body.put("motivation", motivation);
        body.put("consent", Map.of("privacyPolicyVersion", "2026-10", "accepted", true));
        return json(body);
    }

    /** The draft as it stands with goals of the mentee's and no meeting in person required. */
    private static String draft(Session s) {
        JsonNode latest = Stack.read(s.getString("agreement")).path("latest");
        ObjectNode draft = Stack.JSON.createObjectNode();
        for (String field : List.of("agendaTopics", "startDate", "endDate", "meetingCadenceDays", "preferredFormat")) {
            draft.set(field, latest.get(field));
        }
        draft.putArray("goals").add("Automate the weekly report");
        draft.put("firstMeetingsInPerson", 0);
        draft.putArray("mayBeShared").addObject().put("what", "That we meet, and the topics we covered").put("withWhom", "The programme team");
        return draft.toString();
    }

    private static String json(Object value) {
        try {
            return Stack.JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.max(1000, (long) (seconds * 1000)));
    }
}
