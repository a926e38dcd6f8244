package org.mentoring.agreements.agreement.rest;

import org.mentoring.agreements.agreement.model.Agreement;
import org.mentoring.agreements.agreement.model.AgreementContent;
import org.mentoring.agreements.agreement.model.AgreementVersion;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Renders the version in force as a Markdown document: parties, scope, time frame, cadence, confidentiality, rules, signatures.
 * Everything people typed or named goes through {@link MarkdownText#literal}, so it shows as the text it is.
 */
final class AgreementDocument {

    private AgreementDocument() {
    }

    static String markdown(Agreement a, AgreementVersion v) {
        AgreementContent c = v.content;
        StringBuilder md = new StringBuilder();
        md.append("# Reverse mentoring agreement\n\n");
        md.append("- Agreement: `").append(a.id).append("`\n");
        md.append("- Version: ").append(v.number).append(" (in force since ").append(instant(v.inForceAt)).append(")\n");
        md.append("- Status: ").append(a.status).append("\n");
        md.append("- Programme: `").append(a.programmeId).append("`\n\n");

        md.append("## Parties\n\n");
        md.append("- Mentee: ").append(person(a.menteeDisplayName, a.menteeApplicantId)).append("\n");
        md.append("- Mentor: ").append(person(a.mentorDisplayName, a.mentorApplicantId)).append("\n\n");

        md.append("## Scope\n\n### Agenda topics (set by the mentee)\n\n");
        list(md, c.agendaTopics(), "No topics recorded.");
        md.append("\n### Goals\n\n");
        list(md, c.goals(), "No goals recorded.");

        md.append("\n## Time frame\n\n");
        md.append("From ").append(c.startDate()).append(" to ").append(c.endDate()).append(".\n\n");

        md.append("## Meetings\n\n");
        md.append("- Cadence: every ").append(c.meetingCadenceDays()).append(" days\n");
        md.append("- First meetings in person: ").append(c.firstMeetingsInPerson()).append("\n");
        md.append("- Preferred format: ").append(c.preferredFormat() == null ? "not set" : c.preferredFormat()).append("\n\n");

        md.append("## Confidentiality\n\n");
        md.append("Everything discussed in this mentoring is confidential by default.");
        List<AgreementContent.SharingPermission> shared = c.confidentiality() == null ? List.of() : c.confidentiality().mayBeShared();
        if (shared.isEmpty()) {
            md.append(" Nothing may be shared.\n\n");
        } else {
            md.append(" Only the following may be shared:\n\n| What | With whom |\n|---|---|\n");
            shared.forEach(s -> md.append("| ").append(MarkdownText.literal(s.what())).append(" | ")
                    .append(MarkdownText.literal(s.withWhom())).append(" |\n"));
            md.append("\n");
        }

        md.append("## Rules of conduct\n\n");
        for (int i = 0; i < c.rulesOfConduct().size(); i++) {
            md.append(i + 1).append(". ").append(c.rulesOfConduct().get(i)).append("\n");
        }
        md.append("\nBoth parties acknowledged these rules by signing.\n\n");

        md.append("## Signatures\n\n");
        md.append("| Party | Signed by | Signed at (UTC) |\n|---|---|---|\n");
        md.append("| Mentee | ").append(MarkdownText.literal(v.menteeSigner)).append(" | ").append(instant(v.menteeSignedAt)).append(" |\n");
        md.append("| Mentor | ").append(MarkdownText.literal(v.mentorSigner)).append(" | ").append(instant(v.mentorSignedAt)).append(" |\n\n");
        md.append("Content hash (SHA-256 of the canonical JSON of version ").append(v.number).append("): `")
                .append(v.contentHash).append("`\n");
        return md.toString();
    }

    private static void list(StringBuilder md, List<String> items, String none) {
        if (items == null || items.isEmpty()) {
            md.append("_").append(none).append("_\n");
        } else {
            items.forEach(item -> md.append("- ").append(MarkdownText.literal(item)).append("\n"));
        }
    }

    private static String person(String name, String id) {
        return name != null ? MarkdownText.literal(name) + " (" + code(id) + ")" : code(id);
    }

    /** An identifier as inline code; one that could close the code span is shown as literal text instead. */
    private static String code(String id) {
        return id != null && id.matches("[A-Za-z0-9@._:-]+") ? "`" + id + "`" : MarkdownText.literal(id);
    }

    private static String instant(java.time.Instant at) {
        return at == null ? "" : DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }
}
