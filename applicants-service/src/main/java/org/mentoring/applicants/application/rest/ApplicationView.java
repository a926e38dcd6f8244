package org.mentoring.applicants.application.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.applicants.application.model.MeetingFormat;
import org.mentoring.applicants.application.model.ApplicantRole;
import org.mentoring.applicants.application.model.Application;
import org.mentoring.applicants.application.model.ApplicationStatus;
import org.mentoring.applicants.application.model.Interview;
import org.mentoring.platform.http.ETags;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An application as its owner or an admin sees it; interview notes only for admins. */
@Schema(name = "Application")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplicationView(
        @Schema(required = true) UUID id,
        @Schema(required = true, description = ETags.FIELD_DESCRIPTION, example = ETags.FIELD_EXAMPLE) String etag,
        @Schema(required = true) UUID programmeId,
        @Schema(required = true) String applicantId,
        @Schema(required = true) ApplicantRole role,
        @Schema(required = true) ApplicationStatus status,
        String displayName,
        String institute,
        String department,
        boolean fromDirectory,
        LocationView location,
        List<String> languages,
        List<String> topics,
        @Schema(type = SchemaType.ARRAY, implementation = MeetingFormat.class) List<String> meetingFormats,
        Integer availabilityHoursPerMonth,
        Integer yearsOfExperience,
        String motivation,
        Map<String, String> diversity,
        String privacyPolicyVersion,
        @Schema(description = "Mentors only: their own limit on mentees; absent: the programme's limit", examples = "2")
        Integer mentorCapacity,
        @Schema(description = "When the person can meet in a week; absent: any time")
        ApplicationRequest.Availability availability,
        String decisionReason,
        InterviewView interview,
        @Schema(required = true) Instant submittedAt,
        @Schema(required = true) Instant updatedAt,
        @Schema(required = true, description = "The years of experience matching uses (the role-inversion rule) and where they come from: "
                + "the HRIS's hire date or birth year when the directory knows them, else the declared yearsOfExperience")
        Seniority seniority,
        @Schema(description = "Only for the programme's admins: things to look at before accepting, never a refusal")
        List<Flag> flags) {

    /** The years of experience matching uses and where they come from. */
    @Schema(name = "Seniority")
    public record Seniority(@Schema(description = "Null when neither the directory nor the form gives them", nullable = true) Integer years,
                            Application.SenioritySource source) {
    }

    /** Something the programme's admins may want to look at; {@code SENIOR_AS_MENTOR}: a senior person applies as mentor. */
    @Schema(name = "ApplicationFlag")
    public record Flag(String code, String detail) {
    }

    /** The HRIS-derived years from which a mentor is flagged ({@code APPLICANTS_SENIOR_MENTOR_YEARS}, 15 by default). */
    static int seniorMentorYears() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("applicants.senior-mentor-years", Integer.class).orElse(15);
    }

    static List<Flag> flags(Application a) {
        List<Flag> flags = new java.util.ArrayList<>();
        int senior = seniorMentorYears();
        if (a.role == ApplicantRole.MENTOR && a.hrisYearsOfExperience != null && a.hrisYearsOfExperience >= senior) {
            flags.add(new Flag("SENIOR_AS_MENTOR", "The HRIS gives " + a.hrisYearsOfExperience + " years of experience ("
                    + (a.senioritySource == Application.SenioritySource.HRIS_HIRE_DATE ? "since the hire date" : "estimated from the birth year")
                    + "), at least " + senior + ", for someone applying as mentor; in reverse mentoring the mentor is the junior."));
        }
        return flags;
    }

    @Schema(name = "Interview")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InterviewView(@Schema(required = true) Instant scheduledAt, int durationMinutes, String videoLink, String adminNotes) {
    }

    /** Where the person is; {@code geocoded}: the coordinates were looked up from the city, not given. */
    @Schema(name = "ApplicationLocation")
    public record LocationView(@Schema(nullable = true) String city, @Schema(nullable = true) String region,
                               @Schema(nullable = true) String country, @Schema(nullable = true) Double latitude,
                               @Schema(nullable = true) Double longitude,
                               @Schema(description = "true when latitude and longitude were looked up from the city for "
                                       + "in-person meetings, not given by the person or the directory")
                               boolean geocoded) {
    }

    public static ApplicationView of(Application a, Interview interview, boolean forAdmin) {
        LocationView location = a.city == null && a.latitude == null ? null
                : new LocationView(a.city, a.region, a.country, a.latitude, a.longitude, a.geocoded);
        InterviewView interviewView = interview == null ? null
                : new InterviewView(interview.scheduledAt, interview.durationMinutes, interview.videoLink,
                forAdmin ? interview.adminNotes : null);
        return new ApplicationView(a.id, ETags.of(a.version), a.programmeId, a.applicantId, a.role, a.status, a.displayName, a.institute,
                a.department, a.directoryPersonId != null, location, a.languages, a.topics, a.meetingFormats,
                a.availabilityHoursPerMonth, a.yearsOfExperience, a.motivation,
                a.diversity == null ? null : a.diversity.attributes(), a.privacyPolicyVersion, a.mentorCapacity,
                a.availability == null ? null : new ApplicationRequest.Availability(a.availability.weekdays(), a.availability.from(),
                        a.availability.to(), a.availability.timeZone()),
                a.decisionReason,
                interviewView, a.submittedAt, a.updatedAt,
                new Seniority(a.effectiveYearsOfExperience(), a.senioritySource), forAdmin ? flags(a) : null);
    }

    public static ApplicationView of(Application a) {
        return of(a, null, false);
    }
}
