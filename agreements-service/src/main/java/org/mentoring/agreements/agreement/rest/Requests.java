package org.mentoring.agreements.agreement.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.agreements.agreement.model.AgreementContent.SharingPermission;
import org.mentoring.agreements.agreement.model.MeetingFormat;
import org.mentoring.agreements.agreement.model.ReasonCategory;

import java.time.LocalDate;
import java.util.List;

/** Request bodies of the agreements API. */
public final class Requests {

    private Requests() {
    }

    @Schema(name = "AgreementDraft", description = "The editable content of a draft. The mentee owns agendaTopics and goals; "
            + "both edit the logistics. Rules of conduct are fixed and not part of the request.")
    public record DraftRequest(
            @NotNull @Size(max = 20) List<@NotBlank @Size(max = 200) String> agendaTopics,
            @NotNull @Size(max = 20) List<@NotBlank @Size(max = 1000) String> goals,
            @NotNull @Schema(description = "Within 24 months of today", example = "2026-12-07") LocalDate startDate,
            @NotNull @Schema(description = "After startDate, at most 24 months after it", example = "2027-06-07") LocalDate endDate,
            @NotNull @Min(1) @Max(92) Integer meetingCadenceDays,
            @NotNull @Min(0) @Max(2) @Schema(description = "How many of the first meetings take place in person (0-2)")
            Integer firstMeetingsInPerson,
            MeetingFormat preferredFormat,
            @NotNull @Size(max = 50) @Schema(description = "What may be shared, and with whom; everything else stays confidential")
            List<@NotNull @Valid SharingPermission> mayBeShared) {
    }

    @Schema(name = "AgreementComment")
    public record CommentRequest(
            @NotBlank @Size(max = 4000) String text,
            @Size(max = 50) @Schema(description = "The draft field the suggestion is about, e.g. agendaTopics") String field) {
    }

    @Schema(name = "AgreementSignature")
    public record SignatureRequest(
            @NotNull @AssertTrue(message = "must be true: signing acknowledges the rules of conduct")
            @Schema(description = "Must be true: the signer acknowledges the rules of conduct") Boolean rulesOfConductAcknowledged) {
    }

    @Schema(name = "AgreementAmendment", description = "Changes to the version in force; at least one field. Signed again by both.")
    public record AmendmentRequest(
            LocalDate endDate,
            @Min(1) @Max(92) Integer meetingCadenceDays,
            @Size(max = 20) List<@NotBlank @Size(max = 200) String> agendaTopics) {
    }

    @Schema(name = "ClosingConversation", description = "{held: true, on: date} or {held: false}")
    public record ClosingConversation(@NotNull Boolean held, LocalDate on) {
    }

    @Schema(name = "AgreementTermination")
    public record TerminationRequest(
            @NotNull @Schema(description = "One of the categories a person or admin may choose: not PROGRAMME_CANCELLED, "
                    + "PROGRAMME_COMPLETED or LEFT_ORGANISATION (422)") ReasonCategory reasonCategory,
            @Size(max = 4000) @Schema(description = "Private: shown to its author only. Required for an admin (the reason).") String comment,
            @Valid @Schema(description = "Required for a party") ClosingConversation closingConversation) {
    }
}
