package org.mentoring.agreements.agreement.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.agreements.agreement.model.Agreement;
import org.mentoring.agreements.agreement.model.AgreementComment;
import org.mentoring.agreements.agreement.model.AgreementContent;
import org.mentoring.agreements.agreement.model.AgreementVersion;
import org.mentoring.agreements.agreement.model.ReasonCategory;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.paging.Page;
import org.mentoring.platform.http.ETags;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Schema(name = "Agreement")
public record AgreementView(
        UUID id,
        @Schema(required = true, description = ETags.FIELD_DESCRIPTION, example = ETags.FIELD_EXAMPLE) String etag,
        UUID matchId,
        UUID programmeId,
        @Schema(implementation = Agreement.Status.class) String status,
        @Schema(description = "Number of the latest version (the draft while it is not proposed)") int latestVersion,
        @Schema(description = "The version signed by both, if any", nullable = true) Integer versionInForce,
        @Schema(description = "The version awaiting signatures, if any", nullable = true) Integer openProposal,
        PartyView mentee,
        PartyView mentor,
        @Schema(description = "Content of the latest version: the editable draft while status is DRAFT") AgreementContent latest,
        @Schema(description = "Content of the version in force; null before both have signed one", nullable = true) AgreementContent inForce,
        @Schema(description = "How it ended; null while it has not", nullable = true) EndingView ending,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "On a read of one agreement: its first " + AgreementView.EMBEDDED_COMMENTS + " comments, oldest first; "
                + "all of them at GET /api/v1/agreements/{id}/comments") List<CommentView> comments,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Present when the agreement has more comments than listed here: pass it as cursor to "
                + "GET /api/v1/agreements/{id}/comments for the next ones") String commentsNextCursor,
        Instant createdAt,
        Instant updatedAt) {

    /** How many comments a read of one agreement lists. */
    public static final int EMBEDDED_COMMENTS = Cursor.DEFAULT_LIMIT;

    public record PartyView(UUID applicationId, String applicantId,
                            @Schema(description = "As the directory knew it; null when unknown or erased", nullable = true) String displayName,
                            @Schema(description = "When this person confirmed the mentoring complete, if they have", nullable = true) Instant completionConfirmedAt) {
    }

    public record ClosingConversationView(boolean held, @Schema(description = "When it was held, if it was", nullable = true) LocalDate on) {
    }

    public record EndingView(
            @Schema(implementation = EndedBy.class, description = "Who ended it: a party, "
                    + "both (completion confirmed by both), an admin, the schedule (end date passed) or the system (another "
                    + "service's decision: the programme was cancelled or completed, or one of the pair left)") String endedBy,
            @Schema(implementation = ReasonCategory.class, description = "Why; none for a completion by both or by the "
                    + "schedule", nullable = true) String reasonCategory,
                             @Schema(description = "Shown to its author only; null for anyone else", nullable = true) String privateComment,
                             @Schema(description = "An admin's reason for ending it", nullable = true) String adminReason,
                             @Schema(description = "Whether the pair held a closing conversation; null when not said", nullable = true)
                             ClosingConversationView closingConversation, Instant endedAt) {
    }

    public record CommentView(UUID id, String author, @Schema(implementation = Agreement.Party.class) String authorParty,
                              @Schema(description = "The draft field the suggestion is about, if any", nullable = true) String field,
                              String text, Instant createdAt) {
        public static CommentView of(AgreementComment c) {
            return new CommentView(c.id, c.authorApplicantId, c.authorParty.name(), c.field, c.text, c.createdAt);
        }
    }

    /** The agreement with all of the given comments, or none ({@code null}). */
    public static AgreementView of(Agreement a, String viewer, List<AgreementComment> comments) {
        return of(a, viewer, comments == null ? null : comments.stream().map(CommentView::of).toList(), null);
    }

    /** The agreement with a first page of its comments. */
    public static AgreementView withComments(Agreement a, String viewer, Page<CommentView> comments) {
        return of(a, viewer, comments.items(), comments.nextCursor());
    }

    private static AgreementView of(Agreement a, String viewer, List<CommentView> comments, String commentsNextCursor) {
        EndingView ending = null;
        if (a.ending != null) {
            var e = a.ending;
            ending = new EndingView(e.endedBy(), e.reasonCategory(),
                    viewer != null && viewer.equals(e.endedBySubject()) ? e.privateComment() : null, e.adminReason(),
                    e.closingConversationHeld() == null ? null : new ClosingConversationView(e.closingConversationHeld(), e.closingConversationOn()),
                    e.endedAt());
        }
        return new AgreementView(a.id, ETags.of(a.version), a.matchId, a.programmeId, a.status.name(), a.latestVersion, a.versionInForce, a.openProposal,
                new PartyView(a.menteeApplicationId, a.menteeApplicantId, a.menteeDisplayName, a.menteeCompletionAt),
                new PartyView(a.mentorApplicationId, a.mentorApplicantId, a.mentorDisplayName, a.mentorCompletionAt),
                a.content, a.inForceContent, ending,
                comments, commentsNextCursor, a.createdAt, a.updatedAt);
    }

    /** Who ended an agreement. */
    @Schema(name = "AgreementEndedBy")
    public enum EndedBy { MENTEE, MENTOR, BOTH, ADMIN, SCHEDULE, SYSTEM }

    @Schema(name = "AgreementVersion")
    public record VersionView(int number, @Schema(implementation = AgreementVersion.Status.class) String status, String contentHash,
                              AgreementContent content, String proposedBy, Instant proposedAt, List<SignatureView> signatures,
                              @Schema(description = "When both had signed it, if they have", nullable = true) Instant inForceAt,
                              @Schema(description = "When it was superseded or voided, if it was", nullable = true) Instant closedAt) {
        public static VersionView of(AgreementVersion v) {
            List<SignatureView> signatures = new ArrayList<>();
            if (v.menteeSignedAt != null) {
                signatures.add(new SignatureView("MENTEE", v.menteeSigner, v.menteeSignedAt, v.contentHash));
            }
            if (v.mentorSignedAt != null) {
                signatures.add(new SignatureView("MENTOR", v.mentorSigner, v.mentorSignedAt, v.contentHash));
            }
            return new VersionView(v.number, v.status.name(), v.contentHash, v.content, v.proposedBy, v.proposedAt, signatures,
                    v.inForceAt, v.closedAt);
        }
    }

    @Schema(name = "AgreementSignatureRecord", description = "Who signed, when, and the hash of the content they signed")
    public record SignatureView(@Schema(implementation = Agreement.Party.class) String party, String signer, Instant signedAt, String contentHash) {
    }
}
