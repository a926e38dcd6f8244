// The whole journey through the generated TypeScript client, as a frontend would call it: an admin opens a programme, a
// senior mentee and a junior mentor apply (applying twice is a typed problem), the admin accepts both, a matching run
// pairs them, the admin approves and both accept, the agreement draft appears, the mentee edits it with If-Match (a stale
// ETag is a typed 412), proposes it (its Location followed) and both sign.
//
// Only the client's typed methods are called (no *Raw variant): If-Match values come from each representation's etag
// property, and a Location is read where the client hands every answer to its middleware.
//
// Run by TypeScriptClientJourneyIT with node against the validating proxy (Prism) in front of the gateway:
//   API_URL       the base the client calls (the proxy)
//   GATEWAY_URL   the gateway's base: what Location headers must name
//   ADMIN_TOKEN, MENTEE_TOKEN, MENTOR_TOKEN   access tokens of ada.admin, eva.executive, mia.mentor
// Exits non-zero on the first failed expectation, or when any answer carried Prism's sl-violations header.
import {
  AgreementsApi, AgreementStatus, ApplicantRole, ApplicationsApi, Configuration, MatchingPoolApi, MatchingRunMode,
  MatchingRunsApi, MatchingRunStatus, MatchProposalsApi, MeetingFormat, Middleware, Problem, ProblemFromJSON,
  ProgrammesApi, ProgrammeStatus, ProposalStatus, ResponseError, ApplicationRequest, Decision,
} from "@mentoring/api-client";

const TOPIC = "ai-tools";
const GOAL = "Use AI tools for the institute's weekly reporting";
const EVENTUAL_MS = 60_000;
const POLL_MS = 300;

function env(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

const apiUrl = env("API_URL");
const gatewayUrl = env("GATEWAY_URL");

/** Every sl-violations header Prism sent, with the exchange it came with. */
const violations: string[] = [];

/** The last answer any of the journey's clients received (the journey makes one call at a time). */
let lastAnswer: Response | undefined;

const onAnswer: Middleware = {
  post: async ({ url, init, response }) => {
    lastAnswer = response;
    const found = response.headers.get("sl-violations");
    if (found) {
      violations.push(`${init.method ?? "GET"} ${url} -> ${response.status}: ${found}`);
    }
    return response;
  },
};

function client(token: string): Configuration {
  return new Configuration({ basePath: apiUrl, accessToken: async () => token, middleware: [onAnswer] });
}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) {
    throw new Error(message);
  }
}

/** A header of the last answer; fails when it is missing. */
function lastAnswerHeader(name: string): string {
  const value = lastAnswer?.headers.get(name);
  check(value !== null && value !== undefined && value.length > 0, `no ${name} header on the last answer`);
  return value;
}

/** Polls until {@code probe} returns a value (not undefined), like Awaitility in the Java journeys. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + EVENTUAL_MS;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
    } catch (e) {
      last = e;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`${what}: not within ${EVENTUAL_MS} ms${last ? ` (last error: ${await describe(last)})` : ""}`);
}

/** The problem+json body of a refused call, decoded into the generated Problem model. */
async function problemOf(call: () => Promise<unknown>): Promise<Problem> {
  try {
    await call();
  } catch (e) {
    if (e instanceof ResponseError) {
      check((e.response.headers.get("Content-Type") ?? "").startsWith("application/problem+json"),
        `refused with ${e.response.status} but not as application/problem+json`);
      return ProblemFromJSON(await e.response.json());
    }
    throw e;
  }
  throw new Error("the call was expected to be refused but succeeded");
}

async function describe(e: unknown): Promise<string> {
  if (e instanceof ResponseError) {
    const body = await e.response.clone().text().catch(() => "");
    return `${e.response.status} from ${e.response.url}: ${body}`;
  }
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

function application(role: ApplicantRole, institute: string): ApplicationRequest {
  return {
    role,
    institute,
    languages: ["de", "en"],
    topics: [TOPIC],
    meetingFormats: [MeetingFormat.Online],
    availabilityHoursPerMonth: 4,
    yearsOfExperience: role === ApplicantRole.Mentor ? 3 : 25,
    motivation: "Learning from each other",
    consent: { privacyPolicyVersion: "2026-10", accepted: true },
  };
}

async function journey(): Promise<void> {
  const admin = client(env("ADMIN_TOKEN"));
  const mentee = client(env("MENTEE_TOKEN"));
  const mentor = client(env("MENTOR_TOKEN"));

  // the admin creates a programme; its Location names the gateway, and following it reads the same programme
  const programme = await new ProgrammesApi(admin).createProgramme({
    programmeRequest: {
      name: `TypeScript client journey ${crypto.randomUUID()}`,
      topics: [{ code: TOPIC, label: "AI tools" }, { code: "social-media", label: "Social media" }],
    },
  });
  check(lastAnswer?.status === 201, `createProgramme answered ${lastAnswer?.status}`);
  const location = lastAnswerHeader("Location");
  check(location === `${gatewayUrl}/api/v1/programmes/${programme.id}`,
    `Location ${location} does not name the programme at the gateway ${gatewayUrl}`);
  const followed = await new ProgrammesApi(admin).getProgramme({ id: new URL(location).pathname.split("/").pop()! });
  check(followed.id === programme.id, "the Location led elsewhere");
  check(followed.etag === lastAnswerHeader("ETag"), `the etag property ${followed.etag} is not the ETag header`);
  const opened = await new ProgrammesApi(admin).transitionProgramme({
    id: programme.id, ifMatch: followed.etag, programmeTransition: { to: ProgrammeStatus.Open },
  });
  check(opened.status === ProgrammeStatus.Open, `programme is ${opened.status}, not OPEN`);
  console.log(`programme ${programme.id} created (Location followed) and opened`);

  // a senior mentee and a junior mentor apply; applying twice is refused with a typed problem
  const menteeApplication = await new ApplicationsApi(mentee).submitApplication({
    programmeId: programme.id, applicationRequest: application(ApplicantRole.Mentee, "Institute of Physics"),
  });
  const mentorApplication = await new ApplicationsApi(mentor).submitApplication({
    programmeId: programme.id, applicationRequest: application(ApplicantRole.Mentor, "Institute for Data Science"),
  });
  const twice = await problemOf(() => new ApplicationsApi(mentee).submitApplication({
    programmeId: programme.id, applicationRequest: application(ApplicantRole.Mentee, "Institute of Physics"),
  }));
  check(twice.status === 409 && twice.type.endsWith("/problems/already-exists"),
    `applying twice: expected 409 already-exists, got ${twice.status} ${twice.type}`);
  console.log(`both applied; applying twice: ${twice.status} ${twice.type} (${twice.detail})`);

  // the admin accepts both, each with the ETag just read
  for (const id of [menteeApplication.id, mentorApplication.id]) {
    const read = await new ApplicationsApi(admin).getApplication({ id });
    const decided = await new ApplicationsApi(admin).decideApplication({
      id, ifMatch: read.etag, decisionRequest: { decision: Decision.Accept },
    });
    check(decided.status === "ACCEPTED", `application ${id} is ${decided.status}`);
  }
  await eventually("both in matching's pool", async () => {
    const pool = await new MatchingPoolApi(admin).listPoolCandidates({ programmeId: programme.id });
    return pool.items.length === 2 ? pool : undefined;
  });
  const closing = await new ProgrammesApi(admin).getProgramme({ id: programme.id });
  await new ProgrammesApi(admin).transitionProgramme({
    id: programme.id, ifMatch: closing.etag, programmeTransition: { to: ProgrammeStatus.Closed },
  });
  console.log("both accepted and in the pool; applications closed");

  // a matching run pairs them; the admin approves the proposal and both accept it
  const run = await eventually("a matching run accepted", async () => {
    try {
      return await new MatchingRunsApi(admin).startMatchingRun({
        programmeId: programme.id, matchingRunRequest: { mode: MatchingRunMode.Publish },
      });
    } catch (e) {
      // 409 while the pool still catches up with the closing
      if (e instanceof ResponseError && e.response.status === 409) {
        return undefined;
      }
      throw e;
    }
  });
  await eventually("the run completed", async () => {
    const current = await new MatchingRunsApi(admin).getMatchingRun({ programmeId: programme.id, runId: run.id });
    return current.status === MatchingRunStatus.Completed ? current : undefined;
  });
  const proposals = await new MatchProposalsApi(admin).listProposals({ programmeId: programme.id });
  check(proposals.items.length === 1, `${proposals.items.length} proposals, not 1`);
  const proposalId = proposals.items[0].id;
  const proposal = await new MatchProposalsApi(admin).getProposal({ id: proposalId });
  await new MatchProposalsApi(admin).reviewProposal({
    id: proposalId, ifMatch: proposal.etag, proposalReview: { approve: true },
  });
  await new MatchProposalsApi(mentee).answerProposal({ id: proposalId, proposalAnswer: { accept: true } });
  const confirmed = await new MatchProposalsApi(mentor).answerProposal({ id: proposalId, proposalAnswer: { accept: true } });
  check(confirmed.status === ProposalStatus.Confirmed, `proposal is ${confirmed.status}, not CONFIRMED`);
  console.log(`run ${run.id} completed; proposal ${proposalId} approved and confirmed by both`);

  // the draft agreement appears; the mentee gives it a goal with If-Match; a stale ETag is refused with 412
  const draft = await eventually("the draft agreement", async () => {
    const page = await new AgreementsApi(mentee).listAgreements({ programmeId: programme.id });
    return page.items.length === 1 ? page.items[0] : undefined;
  });
  check(draft.status === AgreementStatus.Draft, `agreement is ${draft.status}, not DRAFT`);
  const read = await new AgreementsApi(mentee).getAgreement({ id: draft.id });
  const before = read.etag;
  const latest = read.latest;
  const edit = {
    agendaTopics: latest.agendaTopics,
    goals: [GOAL],
    startDate: latest.startDate,
    endDate: latest.endDate,
    meetingCadenceDays: latest.meetingCadenceDays,
    firstMeetingsInPerson: 1,
    preferredFormat: latest.preferredFormat ?? undefined,
    mayBeShared: [{ what: "That we meet, and the topics we covered", withWhom: "The programme team" }],
  };
  const edited = await new AgreementsApi(mentee).editAgreementDraft({ id: draft.id, ifMatch: before, agreementDraft: edit });
  check(edited.latest.goals.join() === GOAL, "the goal was not kept");
  check(edited.etag !== before && edited.etag === lastAnswerHeader("ETag"), `the edit's etag ${edited.etag} (before ${before})`);
  const stale = await problemOf(() => new AgreementsApi(mentee).editAgreementDraft({
    id: draft.id, ifMatch: before, agreementDraft: { ...edit, goals: ["Another goal"] },
  }));
  check(stale.status === 412 && stale.type.endsWith("/problems/precondition-failed"),
    `stale If-Match: expected 412 precondition-failed, got ${stale.status} ${stale.type}`);
  console.log(`draft ${draft.id} edited with If-Match; the stale ETag: ${stale.status} ${stale.type}`);

  // proposed (its Location followed to the frozen version), then signed by both: ACTIVE
  const proposed = await new AgreementsApi(mentee).proposeAgreementVersion({ id: draft.id, ifMatch: edited.etag });
  check(lastAnswer?.status === 201 && proposed.openProposal === 1, `proposing answered ${lastAnswer?.status}, open ${proposed.openProposal}`);
  const versionLocation = lastAnswerHeader("Location");
  check(versionLocation === `${gatewayUrl}/api/v1/agreements/${draft.id}/versions/1`,
    `Location ${versionLocation} does not name version 1 at the gateway`);
  const version = await new AgreementsApi(mentee).getAgreementVersion({
    id: draft.id, number: Number(new URL(versionLocation).pathname.split("/").pop()),
  });
  check(/^[0-9a-f]{64}$/.test(version.contentHash), `content hash ${version.contentHash}`);
  for (const signer of [mentee, mentor]) {
    const current = await new AgreementsApi(signer).getAgreement({ id: draft.id });
    await new AgreementsApi(signer).signAgreementVersion({
      id: draft.id, number: 1, ifMatch: current.etag, agreementSignature: { rulesOfConductAcknowledged: true },
    });
  }
  const active = await new AgreementsApi(mentor).getAgreement({ id: draft.id });
  check(active.status === AgreementStatus.Active && active.versionInForce === 1,
    `agreement is ${active.status} with version ${active.versionInForce} in force`);
  console.log(`version 1 proposed (Location followed, hash ${version.contentHash}) and signed by both: ACTIVE`);
}

journey().then(
  () => {
    if (violations.length > 0) {
      console.error(`The validating proxy reported violations of the API document:\n${violations.join("\n")}`);
      process.exit(1);
    }
    console.log("journey completed");
  },
  async (e) => {
    console.error(`journey failed: ${await describe(e)}`);
    if (violations.length > 0) {
      console.error(`The validating proxy reported violations of the API document:\n${violations.join("\n")}`);
    }
    process.exit(1);
  },
);
