package org.mentoring.agreements.export.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.agreements.agreement.rest.AgreementView;
import org.mentoring.agreements.export.service.AgreementsExportService;

import java.time.Instant;
import java.util.List;

/** What agreements-service holds about one person, for their export. */
@Schema(name = "AgreementsExport", description = "What agreements-service holds about the caller: every agreement they are a "
        + "party to, as the pair reads it (with its comments), and all its versions with their signatures")
public record AgreementsExport(
        @Schema(required = true, description = "The token's subject") String subject,
        @Schema(required = true) Instant exportedAt,
        @Schema(required = true) List<Entry> agreements) {

    @Schema(name = "AgreementsExportEntry")
    public record Entry(
            @Schema(required = true) AgreementView agreement,
            @Schema(required = true, description = "Every proposed version, oldest first, with its hash, signatures and fate")
            List<AgreementView.VersionView> versions) {
    }

    public static AgreementsExport of(String subject, List<AgreementsExportService.Held> held) {
        return new AgreementsExport(subject, Instant.now(), held.stream()
                .map(h -> new Entry(AgreementView.of(h.agreement(), subject, h.comments()),
                        h.versions().stream().map(AgreementView.VersionView::of).toList()))
                .toList());
    }
}
