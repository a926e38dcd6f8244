package org.mentoring.applicants.application.service;

import org.mentoring.applicants.application.model.ApplicantRole;
import org.mentoring.applicants.application.model.MeetingFormat;

import java.util.List;
import java.util.Map;

/**
 * What a person fills in to apply or to replace their application, as {@link ApplicationService} takes it. The fields'
 * formats and bounds are checked where the form comes in; the service checks what needs the programme or the
 * directory (topics in the catalogue, mentor capacity, weekly availability, location) and names those fields in its
 * problems. Only the privacy policy version consented to is carried: a form without consent does not get this far.
 */
public record ApplicationForm(
        ApplicantRole role,
        String institute,
        String department,
        FormLocation location,
        List<String> languages,
        List<String> topics,
        List<MeetingFormat> meetingFormats,
        Integer availabilityHoursPerMonth,
        Integer yearsOfExperience,
        String motivation,
        FormDiversity diversity,
        String privacyPolicyVersion,
        Integer mentorCapacity,
        FormAvailability availability) {

    /** Where the person is, as far as the form says; any part may be missing. */
    public record FormLocation(String city, String region, String country, Double latitude, Double longitude) {
    }

    /** Background attributes, kept for matching only when {@code consentToUse} is true. */
    public record FormDiversity(Boolean consentToUse, Map<String, String> attributes) {
    }

    /** The weekly hours the person can meet, unchecked: weekdays, {@code HH:mm} times and an IANA zone as given. */
    public record FormAvailability(List<String> weekdays, String from, String to, String timeZone) {
    }
}
