package org.mentoring.agreements.agreement.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/**
 * What the pair agrees on: the content of a draft and of every frozen version. Its canonical JSON is what a
 * version's SHA-256 hash covers (together with the agreement id, the version number and the parties).
 */
public record AgreementContent(
        List<String> agendaTopics,
        List<String> goals,
        LocalDate startDate,
        LocalDate endDate,
        int meetingCadenceDays,
        int firstMeetingsInPerson,
        @Schema(implementation = MeetingFormat.class, nullable = true,
                description = "How the pair prefers to meet; null when neither said") String preferredFormat,
        Confidentiality confidentiality,
        List<String> rulesOfConduct) {

    /** Rules of good conduct (after the Leibniz reverse-mentoring FAQ); both acknowledge them by signing. */
    public static final List<String> RULES_OF_CONDUCT = List.of(
            "Everything we discuss is confidential unless it is listed below as something that may be shared, and with whom.",
            "We keep our appointments, or cancel them in good time.",
            "We come prepared to our meetings where necessary.",
            "We listen to one another and approach one another with genuine interest and respect.",
            "Reverse mentoring is not the place for advice on personal or workplace conflicts; we take such matters elsewhere.",
            "Either of us may end the mentoring at any time; we then hold a closing conversation with feedback and thanks.");

    /** Everything is confidential by default; {@code mayBeShared} lists the explicit exceptions. */
    public record Confidentiality(boolean confidentialByDefault, List<SharingPermission> mayBeShared) {
    }

    /** One thing that may be shared ({@code what}) and with whom. */
    public record SharingPermission(@NotBlank @Size(max = 500) String what, @NotBlank @Size(max = 200) String withWhom) {
    }
}
