package org.mentoring.applicants.application.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.applicants.application.geo.Gazetteer;
import org.mentoring.applicants.application.model.ApplicantRole;
import org.mentoring.applicants.application.model.Application;
import org.mentoring.applicants.application.model.ApplicationStatus;
import org.mentoring.applicants.application.model.MeetingFormat;
import org.mentoring.applicants.directory.service.DirectoryProfile;
import org.mentoring.applicants.directory.service.DirectoryService;
import org.mentoring.applicants.programme.model.Programme;
import org.mentoring.applicants.programme.model.ProgrammeStatus;
import org.mentoring.applicants.programme.service.ProgrammeRepository;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.contracts.problem.Problem;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.http.ETags;
import org.mentoring.platform.outbox.Outbox;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.ProgrammeTeams;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.stream.Collectors;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The applicant's side of an application: submit, edit until accepted, withdraw, withdraw consent.
 * Every change is stored with its {@code mentoring.application.*} event in one transaction.
 */
@ApplicationScoped
public class ApplicationService {

    private final ApplicationRepository applications;
    private final ProgrammeRepository programmes;
    private final DirectoryService directory;
    private final ApplicationEvents events;
    private final ProgrammeTeams teams;
    private final Gazetteer gazetteer;

    public ApplicationService(ApplicationRepository applications, ProgrammeRepository programmes, DirectoryService directory,
                              ApplicationEvents events, ProgrammeTeams teams, Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        this.applications = applications;
        this.programmes = programmes;
        this.directory = directory;
        this.events = events;
        this.teams = teams;
    }

    /** Who applies: the token's subject owns the application; the login name finds them in the directory. */
    public record Applicant(String subject, String username, String displayName) {
    }

    /**
     * Stores an application and stages {@code application.submitted}. Checks, in order: the programme is
     * visible and takes applications now, the topics come from its catalogue, the person has no other
     * live application to it; then fills what the directory knows.
     */
    @WithTransaction
    public Uni<Application> submit(UUID programmeId, ApplicationForm form, Applicant applicant) {
        return programmes.findById(programmeId)
                .map(programme -> {
                    checkTakesApplications(programme, programmeId, Instant.now());
                    checkTopics(programme, form.topics());
                    checkCapacityAndAvailability(programme, form);
                    return programme;
                })
                .chain(programme -> applications.hasLiveApplication(programmeId, applicant.subject()))
                .chain(exists -> {
                    if (exists) {
                        throw new ProblemException(ProblemType.ALREADY_EXISTS, "You already have a live application to programme " + programmeId
                                + "; edit or withdraw that one instead.");
                    }
                    return directory.activeProfileOf(applicant.username());
                })
                .chain(profile -> {
                    Instant now = Instant.now();
                    Application a = new Application();
                    a.id = UUID.randomUUID();
                    a.programmeId = programmeId;
                    a.applicantId = applicant.subject();
                    a.status = ApplicationStatus.SUBMITTED;
                    a.submittedAt = now;
                    fill(a, form, profile, applicant.displayName());
                    return applications.persist(a).call(saved -> events.publish(EventTypes.APPLICATION_SUBMITTED, saved));
                });
    }

    /** The owner replaces the form while the application is under review and the programme takes applications. */
    @WithTransaction
    public Uni<Application> update(UUID id, ApplicationForm form, Applicant applicant, String ifMatch) {
        return ownApplication(id, applicant.subject())
                .invoke(a -> {
                    ETags.requireMatch(ifMatch, a.version);
                    if (!a.isEditable()) {
                        throw new ProblemException(ProblemType.INVALID_STATE, "An application that is " + a.status + " can no longer be edited.");
                    }
                })
                .call(a -> programmes.findById(a.programmeId).invoke(programme -> {
                    checkTakesApplications(programme, a.programmeId, Instant.now());
                    checkTopics(programme, form.topics());
                    checkCapacityAndAvailability(programme, form);
                }))
                .call(a -> directory.activeProfileOf(applicant.username())
                        .invoke(profile -> fill(a, form, profile, applicant.displayName())))
                .call(a -> events.publish(EventTypes.APPLICATION_UPDATED, a));
    }

    /** The owner withdraws; a live application that is not yet matched ends. */
    @WithTransaction
    public Uni<Application> withdraw(UUID id, String subject, String reason, boolean consentWithdrawn) {
        return ownApplication(id, subject).invoke(a -> {
            if (a.status == ApplicationStatus.MATCHED) {
                throw new ProblemException(ProblemType.INVALID_STATE, "This application is matched: end the mentoring agreement instead.");
            }
            if (!a.isLive()) {
                throw new ProblemException(ProblemType.INVALID_STATE, "This application is already " + a.status + ".");
            }
            a.status = ApplicationStatus.WITHDRAWN;
            a.decisionReason = consentWithdrawn ? "Consent to the privacy policy withdrawn" : reason;
            a.decidedBy = subject;
            a.decidedAt = Instant.now();
            a.updatedAt = a.decidedAt;
            if (consentWithdrawn) {
                a.privacyPolicyVersion = null;
                a.consentedAt = null;
                a.diversity = null;
            }
        }).call(a -> events.publish(EventTypes.APPLICATION_WITHDRAWN, a));
    }

    /**
     * The owner's own application, or one of a programme the caller administers (then {@code asAdmin}); 404 for
     * everyone else so ids do not leak.
     */
    @WithSession
    public Uni<Seen> get(UUID id, String callerId) {
        return applications.findById(id).chain(a -> {
            if (a == null) {
                throw ProblemException.notFound("Application", id);
            }
            return teams.administers(a.programmeId).map(admin -> {
                if (!admin && !a.applicantId.equals(callerId)) {
                    throw ProblemException.notFound("Application", id);
                }
                return new Seen(a, admin);
            });
        });
    }

    /** An application and whether its reader sees it as the programme's admin. */
    public record Seen(Application application, boolean asAdmin) {
    }

    @WithSession
    public Uni<List<Application>> mine(String subject) {
        return applications.ofApplicant(subject);
    }

    private Uni<Application> ownApplication(UUID id, String subject) {
        return applications.findById(id).map(a -> {
            if (a == null || !a.applicantId.equals(subject)) {
                throw ProblemException.notFound("Application", id);
            }
            return a;
        });
    }

    /**
     * The form, with what the directory knows taking precedence (it is the HRIS's record). When the directory names a
     * city without coordinates, coordinates the form gives are used for it.
     */
    private void fill(Application a, ApplicationForm form, Optional<DirectoryProfile> directoryProfile, String displayName) {
        DirectoryProfile profile = directoryProfile.orElse(null);
        ApplicationForm.FormLocation location = form.location();
        a.role = form.role();
        if (profile != null) {
            a.directoryPersonId = profile.personId();
            a.displayName = profile.displayName() != null ? profile.displayName() : displayName;
            a.institute = profile.organization() != null ? profile.organization() : stripped(form.institute());
            a.department = profile.department() != null ? profile.department() : stripped(form.department());
            a.managerChain = profile.managerChain() == null ? List.of() : List.copyOf(profile.managerChain());
            boolean directoryKnowsPlace = profile.city() != null || profile.latitude() != null;
            a.city = directoryKnowsPlace ? profile.city() : location == null ? null : location.city();
            a.region = directoryKnowsPlace ? profile.region() : location == null ? null : location.region();
            a.country = directoryKnowsPlace ? profile.country() : location == null ? null : location.country();
            a.latitude = directoryKnowsPlace ? profile.latitude() : location == null ? null : location.latitude();
            a.longitude = directoryKnowsPlace ? profile.longitude() : location == null ? null : location.longitude();
            if (directoryKnowsPlace && a.latitude == null && location != null && location.latitude() != null) {
                a.latitude = location.latitude();
                a.longitude = location.longitude();
            }
        } else {
            a.directoryPersonId = null;
            a.displayName = displayName;
            a.institute = stripped(form.institute());
            a.department = stripped(form.department());
            a.managerChain = List.of();
            a.city = location == null ? null : location.city();
            a.region = location == null ? null : location.region();
            a.country = location == null ? null : location.country();
            a.latitude = location == null ? null : location.latitude();
            a.longitude = location == null ? null : location.longitude();
        }
        if (a.institute == null || a.institute.isBlank()) {
            throw ProblemException.invalidField("institute", "is required: the directory does not know you yet");
        }
        if ((a.latitude == null) != (a.longitude == null)) {
            throw ProblemException.invalidField("location", "needs both latitude and longitude, or neither");
        }
        if (form.meetingFormats().contains(MeetingFormat.IN_PERSON) && a.city == null && a.latitude == null) {
            throw ProblemException.invalidField("location", "is required to meet in person (a city or coordinates)");
        }
        a.geocoded = false;
        if (form.meetingFormats().contains(MeetingFormat.IN_PERSON) && a.latitude == null) {
            Gazetteer.Place place = gazetteer.find(a.city, a.country).orElseThrow(() -> unprocessable("location",
                    "names the city " + a.city + (a.country == null ? "" : " (" + a.country + ")")
                            + ", which we cannot place for in-person meetings: give latitude and longitude, or a city we know; "
                            + "ONLINE-only applications need no coordinates"));
            a.latitude = place.latitude();
            a.longitude = place.longitude();
            a.geocoded = true;
        }
        a.languages = form.languages().stream().distinct().toList();
        a.topics = List.copyOf(form.topics());
        a.meetingFormats = form.meetingFormats().stream().distinct().map(MeetingFormat::name).toList();
        a.availabilityHoursPerMonth = form.availabilityHoursPerMonth();
        a.yearsOfExperience = form.yearsOfExperience();
        seniority(a, profile, java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        a.motivation = form.motivation();
        ApplicationForm.FormDiversity diversity = form.diversity();
        a.diversity = diversity != null && Boolean.TRUE.equals(diversity.consentToUse()) && diversity.attributes() != null
                ? new Application.Diversity(java.util.Map.copyOf(diversity.attributes())) : null;
        a.mentorCapacity = form.mentorCapacity();
        ApplicationForm.FormAvailability availability = form.availability();
        a.availability = availability == null ? null : new Application.Availability(List.copyOf(availability.weekdays()),
                availability.from(), availability.to(), availability.timeZone());
        a.privacyPolicyVersion = form.privacyPolicyVersion();
        a.consentedAt = Instant.now();
        a.updatedAt = Instant.now();
    }

    /**
     * Years of experience from the HRIS: whole years since the hire date; else, with only a birth year, age minus 22
     * (at least 0); else none, and the declared value applies.
     */
    static void seniority(Application a, DirectoryProfile profile, java.time.LocalDate today) {
        if (profile != null && profile.hireDate() != null) {
            a.hrisYearsOfExperience = Math.max(0, java.time.Period.between(profile.hireDate(), today).getYears());
            a.senioritySource = Application.SenioritySource.HRIS_HIRE_DATE;
        } else if (profile != null && profile.birthYear() != null) {
            a.hrisYearsOfExperience = Math.max(0, today.getYear() - profile.birthYear() - 22);
            a.senioritySource = Application.SenioritySource.HRIS_BIRTH_YEAR;
        } else {
            a.hrisYearsOfExperience = null;
            a.senioritySource = Application.SenioritySource.DECLARED;
        }
    }

    private static String stripped(String value) {
        return value == null ? null : value.strip();
    }

    static void checkTakesApplications(Programme programme, UUID programmeId, Instant now) {
        if (programme == null || programme.status == ProgrammeStatus.DRAFT) {
            throw ProblemException.notFound("Programme", programmeId);
        }
        if (programme.status != ProgrammeStatus.OPEN) {
            throw new ProblemException(ProblemType.APPLICATIONS_CLOSED, "Programme " + programmeId + " does not take applications: it is " + programme.status + ".");
        }
        if (!programme.acceptsApplicationsAt(now)) {
            throw new ProblemException(ProblemType.APPLICATIONS_CLOSED, "Programme " + programmeId + " takes applications from "
                    + (programme.applicationOpensAt == null ? "now" : programme.applicationOpensAt) + " until "
                    + (programme.applicationClosesAt == null ? "further notice" : programme.applicationClosesAt) + ".");
        }
    }

    private static final Set<String> WEEKDAYS = Arrays.stream(DayOfWeek.values()).map(DayOfWeek::name)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    private static final java.util.regex.Pattern TIME = java.util.regex.Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    /**
     * A mentor's own capacity lies within the programme's limit (and a mentee has none); the weekly availability names
     * at least one weekday, none twice, hours as HH:mm with from before to, and a known IANA zone. Each is refused with 422.
     */
    static void checkCapacityAndAvailability(Programme programme, ApplicationForm form) {
        Integer capacity = form.mentorCapacity();
        if (capacity != null) {
            int max = programme.matching.mentorCapacity();
            if (form.role() != ApplicantRole.MENTOR) {
                throw unprocessable("mentorCapacity", "is for mentors only: leave it out when applying as " + form.role());
            }
            if (capacity < 1 || capacity > max) {
                throw unprocessable("mentorCapacity", "is " + capacity + ", but must be between 1 and " + max
                        + " (this programme's limit of mentees per mentor)");
            }
        }
        ApplicationForm.FormAvailability availability = form.availability();
        if (availability == null) {
            return;
        }
        List<String> weekdays = availability.weekdays();
        if (weekdays == null || weekdays.isEmpty()) {
            throw unprocessable("availability.weekdays", "must name at least one weekday of " + WEEKDAYS);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < weekdays.size(); i++) {
            String day = weekdays.get(i);
            if (day == null || !WEEKDAYS.contains(day)) {
                throw unprocessable("availability.weekdays[" + i + "]", "is " + day + ", which is not one of " + WEEKDAYS);
            }
            if (!seen.add(day)) {
                throw unprocessable("availability.weekdays[" + i + "]", "repeats " + day);
            }
        }
        for (String field : List.of("from", "to")) {
            String time = field.equals("from") ? availability.from() : availability.to();
            if (time == null || !TIME.matcher(time).matches()) {
                throw unprocessable("availability." + field, "is " + time + ", but must be a time of day as HH:mm, 00:00 to 23:59");
            }
        }
        if (availability.from().compareTo(availability.to()) >= 0) {
            throw unprocessable("availability.to", "is " + availability.to() + ", but must be after from (" + availability.from() + ")");
        }
        String zone = availability.timeZone();
        if (zone == null || !ZoneId.getAvailableZoneIds().contains(zone)) {
            throw unprocessable("availability.timeZone", "is " + zone + ", which is not a known IANA time zone such as Europe/Berlin");
        }
    }

    private static ProblemException unprocessable(String field, String message) {
        return new ProblemException(ProblemType.UNPROCESSABLE, "The application cannot be accepted: " + field + " " + message + ".",
                List.of(new Problem.FieldError(field, message)));
    }

    private static void checkTopics(Programme programme, List<String> topics) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < topics.size(); i++) {
            String code = topics.get(i);
            if (!programme.offersTopic(code)) {
                throw ProblemException.invalidField("topics[" + i + "]", "is " + code + ", which is not in the programme's topic catalogue");
            }
            if (!seen.add(code)) {
                throw ProblemException.invalidField("topics[" + i + "]", "repeats " + code);
            }
        }
    }
}
