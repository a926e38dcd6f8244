package org.mentoring.systemtests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mentoring.client.api.AgreementsApi;
import org.mentoring.client.api.ApplicationsApi;
import org.mentoring.client.api.MatchProposalsApi;
import org.mentoring.client.api.MatchingPoolApi;
import org.mentoring.client.api.MatchingRunsApi;
import org.mentoring.client.api.ProgrammesApi;
import org.mentoring.client.invoker.ApiClient;
import org.mentoring.client.invoker.ApiException;
import org.mentoring.client.model.Agreement;
import org.mentoring.client.model.AgreementContent;
import org.mentoring.client.model.AgreementDraft;
import org.mentoring.client.model.AgreementSignature;
import org.mentoring.client.model.AgreementStatus;
import org.mentoring.client.model.AgreementVersion;
import org.mentoring.client.model.ApplicantRole;
import org.mentoring.client.model.ApplicantsApplication;
import org.mentoring.client.model.ApplicationRequest;
import org.mentoring.client.model.Consent;
import org.mentoring.client.model.Decision;
import org.mentoring.client.model.DecisionRequest;
import org.mentoring.client.model.MatchProposal;
import org.mentoring.client.model.MatchingRun;
import org.mentoring.client.model.MatchingRunMode;
import org.mentoring.client.model.MatchingRunRequest;
import org.mentoring.client.model.MatchingRunStatus;
import org.mentoring.client.model.MeetingFormat;
import org.mentoring.client.model.ParticipantMatchProposal;
import org.mentoring.client.model.Problem;
import org.mentoring.client.model.Programme;
import org.mentoring.client.model.ProgrammeRequest;
import org.mentoring.client.model.ProgrammeStatus;
import org.mentoring.client.model.ProgrammeTransition;
import org.mentoring.client.model.ProposalAnswer;
import org.mentoring.client.model.ProposalReview;
import org.mentoring.client.model.ProposalStatus;
import org.mentoring.client.model.SharingPermission;
import org.mentoring.client.model.Topic;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole journey through the generated Java client ({@code mentoring-api-client}), as an integrating team would write it:
 * an admin creates a programme (its Location, which must name the gateway, followed) and opens it; a senior mentee and a
 * junior mentor apply (applying twice a typed 409 problem); the admin accepts both; a matching run pairs them, the admin
 * approves the proposal and both accept; the draft agreement appears; the mentee edits it with the ETag read (a stale
 * ETag a typed 412 problem), proposes it (its Location followed) and both sign: ACTIVE.
 * <p>
 * Only the client's typed methods are called (no {@code *WithHttpInfo} variant): the If-Match values come from each
 * representation's {@code etag} property, and a Location is read where the client hands every answer to the caller's
 * response interceptor.
 * <p>
 * In the {@code typescript-client} profile (node and npm on the machine) the client talks to Prism in front of the gateway,
 * and any request or answer that breaks the committed API document fails the test, with Prism's validation list; without
 * it, the journey runs straight against the gateway, and says so.
 */
class JavaClientJourneyIT {

    private static final String GATEWAY = System.getProperty("gateway.url", "http://localhost:8080");
    private static final String GOAL = "Use AI tools for the institute's weekly reporting";

    private static ValidatingProxy proxy;
    /** Every answer that carried Prism's {@code sl-violations} header, with its request. */
    private static final List<String> VIOLATIONS = Collections.synchronizedList(new ArrayList<>());
    /** The last answer any of the journey's clients received (the journey makes one call at a time). */
    private static final AtomicReference<HttpResponse<InputStream>> LAST_ANSWER = new AtomicReference<>();

    @BeforeAll
    static void proxy() {
        proxy = ValidatingProxy.startIfAvailable("java-client-journey", GATEWAY).orElse(null);
        if (proxy == null) {
            System.out.println("JavaClientJourneyIT: no validating proxy (Prism comes with the typescript-client profile, "
                    + "which needs npm): the Java client talks to the gateway at " + GATEWAY + " directly, unchecked against "
                    + "the API document");
        }
    }

    @AfterAll
    static void stopProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void theJavaClientGoesTheWholeJourneyWithinTheApiDocument() throws Exception {
        ApiClient admin = client(Keycloak.tokenFor(Journeys.ADMIN));
        ApiClient mentee = client(Keycloak.tokenFor(Journeys.MENTEE));
        ApiClient mentor = client(Keycloak.tokenFor(Journeys.MENTOR));

        // the admin creates a programme: the Location names the gateway (never a service behind it) and leads to it
        Programme created = new ProgrammesApi(admin).createProgramme(new ProgrammeRequest()
                .name("Java client journey " + UUID.randomUUID())
                .topics(List.of(new Topic().code(Journeys.TOPIC).label("AI tools"),
                        new Topic().code("social-media").label("Social media"))), null);
        assertThat(lastAnswer().statusCode()).isEqualTo(201);
        UUID programmeId = created.getId();
        URI location = URI.create(lastAnswerHeader("Location"));
        assertThat(location.toString()).isEqualTo(GATEWAY + "/api/v1/programmes/" + programmeId);
        Programme followed = new ProgrammesApi(admin).getProgramme(lastSegment(location));
        assertThat(followed.getId()).isEqualTo(programmeId);
        assertThat(followed.getStatus()).isEqualTo(ProgrammeStatus.DRAFT);
        assertThat(followed.getEtag()).as("the etag property is the ETag header").isEqualTo(lastAnswerHeader("ETag"));
        Programme opened = new ProgrammesApi(admin).transitionProgramme(programmeId, followed.getEtag(),
                new ProgrammeTransition().to(ProgrammeStatus.OPEN), null);
        assertThat(opened.getStatus()).isEqualTo(ProgrammeStatus.OPEN);

        // a senior mentee and a junior mentor apply; applying twice is a typed problem
        ApplicantsApplication menteeApplication = new ApplicationsApi(mentee)
                .submitApplication(programmeId, application(ApplicantRole.MENTEE, "Institute of Physics"), null);
        ApplicantsApplication mentorApplication = new ApplicationsApi(mentor)
                .submitApplication(programmeId, application(ApplicantRole.MENTOR, "Institute for Data Science"), null);
        Problem twice = problemOf(mentee, () -> new ApplicationsApi(mentee)
                .submitApplication(programmeId, application(ApplicantRole.MENTEE, "Institute of Physics"), null));
        assertThat(twice.getStatus()).isEqualTo(409);
        assertThat(twice.getType()).isEqualTo("/problems/already-exists");
        assertThat(twice.getDetail()).contains(programmeId.toString());

        // the admin accepts both, each with the ETag just read; both reach matching's pool
        for (UUID id : List.of(menteeApplication.getId(), mentorApplication.getId())) {
            ApplicantsApplication read = new ApplicationsApi(admin).getApplication(id);
            ApplicantsApplication decided = new ApplicationsApi(admin).decideApplication(id, read.getEtag(),
                    new DecisionRequest().decision(Decision.ACCEPT), null);
            assertThat(decided.getStatus()).hasToString("ACCEPTED");
        }
        await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).untilAsserted(() ->
                assertThat(new MatchingPoolApi(admin).listPoolCandidates(programmeId, null, null).getItems()).hasSize(2));
        new ProgrammesApi(admin).transitionProgramme(programmeId,
                new ProgrammesApi(admin).getProgramme(programmeId).getEtag(),
                new ProgrammeTransition().to(ProgrammeStatus.CLOSED), null);

        // a matching run (retried while the pool catches up with the closing) pairs them
        MatchingRun run = await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).until(
                () -> startRun(admin, programmeId), Optional::isPresent).orElseThrow();
        await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).until(() ->
                new MatchingRunsApi(admin).getMatchingRun(programmeId, run.getId()).getStatus() == MatchingRunStatus.COMPLETED);

        // the admin approves the proposal, both accept it
        List<MatchProposal> proposals = new MatchProposalsApi(admin).listProposals(null, null, programmeId, null).getItems();
        assertThat(proposals).hasSize(1);
        UUID proposalId = proposals.get(0).getId();
        new MatchProposalsApi(admin).reviewProposal(proposalId,
                new MatchProposalsApi(admin).getProposal(proposalId).getEtag(),
                new ProposalReview().approve(true), null);
        new MatchProposalsApi(mentee).answerProposal(proposalId, new ProposalAnswer().accept(true), null);
        ParticipantMatchProposal confirmed = new MatchProposalsApi(mentor)
                .answerProposal(proposalId, new ProposalAnswer().accept(true), null);
        assertThat(confirmed.getStatus()).isEqualTo(ProposalStatus.CONFIRMED);

        // the draft agreement appears; the mentee gives it a goal with the ETag read; a stale ETag is a typed 412
        Agreement draft = await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).until(
                () -> new AgreementsApi(mentee).listAgreements(null, null, programmeId, null).getItems(),
                items -> items.size() == 1).get(0);
        assertThat(draft.getStatus()).isEqualTo(AgreementStatus.DRAFT);
        assertThat(draft.getMatchId()).isEqualTo(proposalId);
        UUID agreementId = draft.getId();
        Agreement read = new AgreementsApi(mentee).getAgreement(agreementId);
        String before = read.getEtag();
        Agreement edited = new AgreementsApi(mentee).editAgreementDraft(agreementId, before, draftWith(read.getLatest(), List.of(GOAL)));
        assertThat(edited.getLatest().getGoals()).containsExactly(GOAL);
        assertThat(edited.getEtag()).isNotEqualTo(before).isEqualTo(lastAnswerHeader("ETag"));
        Problem stale = problemOf(mentee, () -> new AgreementsApi(mentee)
                .editAgreementDraft(agreementId, before, draftWith(read.getLatest(), List.of("Another goal"))));
        assertThat(stale.getStatus()).isEqualTo(412);
        assertThat(stale.getType()).isEqualTo("/problems/precondition-failed");

        // proposed: the Location names version 1 at the gateway, and leads to it, frozen with its hash
        Agreement proposed = new AgreementsApi(mentee).proposeAgreementVersion(agreementId, edited.getEtag(), null);
        assertThat(lastAnswer().statusCode()).isEqualTo(201);
        assertThat(proposed.getOpenProposal()).isEqualTo(1);
        URI versionLocation = URI.create(lastAnswerHeader("Location"));
        assertThat(versionLocation.toString()).isEqualTo(GATEWAY + "/api/v1/agreements/" + agreementId + "/versions/1");
        AgreementVersion version = new AgreementsApi(mentee)
                .getAgreementVersion(agreementId, Integer.valueOf(versionLocation.getPath().replaceAll(".*/", "")));
        assertThat(version.getNumber()).isEqualTo(1);
        assertThat(version.getContentHash()).matches("[0-9a-f]{64}");
        assertThat(version.getContent().getGoals()).containsExactly(GOAL);

        // both sign, each with the ETag just read: ACTIVE with version 1 in force
        for (ApiClient signer : List.of(mentee, mentor)) {
            new AgreementsApi(signer).signAgreementVersion(agreementId, 1,
                    new AgreementsApi(signer).getAgreement(agreementId).getEtag(),
                    new AgreementSignature().rulesOfConductAcknowledged(true), null);
        }
        Agreement active = new AgreementsApi(mentor).getAgreement(agreementId);
        assertThat(active.getStatus()).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(active.getVersionInForce()).isEqualTo(1);
        assertThat(active.getInForce().getGoals()).containsExactly(GOAL);

        assertThat(VIOLATIONS).as("answers with Prism's sl-violations header").isEmpty();
        if (proxy != null) {
            proxy.assertNoViolations();
        }
    }

    /** A client with this person's token, through the validating proxy when there is one, else to the gateway. */
    private static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        // HTTP/1.1: java.net.http otherwise asks to upgrade a plain-http connection to HTTP/2 (Upgrade: h2c and
        // HTTP2-Settings headers), which Prism forwards to the gateway as they came
        client.setHttpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1));
        client.updateBaseUri(proxy != null ? proxy.url() : GATEWAY);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        client.setResponseInterceptor(JavaClientJourneyIT::onAnswer);
        return client;
    }

    /**
     * The client's hook for every answer: it keeps the last one (for its Location; the ETag also travels in the body as
     * {@code etag}) and records Prism's violations.
     */
    private static void onAnswer(HttpResponse<InputStream> response) {
        LAST_ANSWER.set(response);
        response.headers().firstValue("sl-violations").ifPresent(found -> VIOLATIONS.add(
                response.request().method() + " " + response.request().uri() + " -> " + response.statusCode() + ": " + found));
    }

    private static HttpResponse<InputStream> lastAnswer() {
        return LAST_ANSWER.get();
    }

    /** A header of the last answer; fails when it is missing. */
    private static String lastAnswerHeader(String name) {
        return lastAnswer().headers().firstValue(name)
                .orElseThrow(() -> new AssertionError("no " + name + " header in " + lastAnswer().headers().map()));
    }

    private static UUID lastSegment(URI location) {
        return UUID.fromString(location.getPath().replaceAll(".*/", ""));
    }

    /** The problem+json body of a refused call, decoded into the generated Problem model. */
    private static Problem problemOf(ApiClient client, Callable<?> call) throws Exception {
        try {
            call.call();
        } catch (ApiException e) {
            assertThat(e.getResponseHeaders().firstValue("Content-Type")).as(e.getMessage())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            return client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
        }
        throw new AssertionError("the call was expected to be refused but succeeded");
    }

    /** Starts a PUBLISH run; empty while matching still refuses it with 409 (its pool not yet closed). */
    private static Optional<MatchingRun> startRun(ApiClient admin, UUID programmeId) throws ApiException {
        try {
            return Optional.of(new MatchingRunsApi(admin)
                    .startMatchingRun(programmeId, new MatchingRunRequest().mode(MatchingRunMode.PUBLISH), null));
        } catch (ApiException e) {
            if (e.getCode() == 409) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static ApplicationRequest application(ApplicantRole role, String institute) {
        return new ApplicationRequest()
                .role(role)
                .institute(institute)
                .languages(List.of("de", "en"))
                .topics(List.of(Journeys.TOPIC))
                .meetingFormats(List.of(MeetingFormat.ONLINE))
                .availabilityHoursPerMonth(4)
                .yearsOfExperience(role == ApplicantRole.MENTOR ? 3 : 25)
                .motivation("Learning from each other")
                .consent(new Consent().privacyPolicyVersion("2026-10").accepted(true));
    }

    /** The draft as it stands with other goals: the body of {@code PUT .../draft}. */
    private static AgreementDraft draftWith(AgreementContent latest, List<String> goals) {
        return new AgreementDraft()
                .agendaTopics(latest.getAgendaTopics())
                .goals(goals)
                .startDate(latest.getStartDate())
                .endDate(latest.getEndDate())
                .meetingCadenceDays(latest.getMeetingCadenceDays())
                .firstMeetingsInPerson(1)
                .preferredFormat(latest.getPreferredFormat())
                .mayBeShared(List.of(new SharingPermission().what("That we meet, and the topics we covered").withWhom("The programme team")));
    }
}
