package org.mentoring.agreements.agreement.service;

import org.junit.jupiter.api.Test;
import org.mentoring.agreements.agreement.model.Agreement;
import org.mentoring.agreements.agreement.model.AgreementContent;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentHashTest {

    private static Agreement agreement() {
        Agreement a = new Agreement();
        a.id = UUID.fromString("00000000-0000-0000-0000-000000000001");
        a.programmeId = UUID.fromString("00000000-0000-0000-0000-000000000002");
        a.menteeApplicationId = UUID.fromString("00000000-0000-0000-0000-000000000003");
        a.mentorApplicationId = UUID.fromString("00000000-0000-0000-0000-000000000004");
        return a;
    }

    private static AgreementContent content(int cadence) {
        return new AgreementContent(List.of("ai-tools"), List.of(), LocalDate.of(2026, 12, 7), LocalDate.of(2027, 6, 7), cadence, 1,
                "IN_PERSON", new AgreementContent.Confidentiality(true, List.of(new AgreementContent.SharingPermission("topics", "HR"))),
                AgreementContent.RULES_OF_CONDUCT);
    }

    @Test
    void canonicalJsonSortsKeysAtEveryLevelAndWritesIsoDates() {
        String json = ContentHash.canonicalJson(agreement(), 1, content(14));
        assertThat(json).startsWith("{\"agreementId\":\"00000000-0000-0000-0000-000000000001\",\"content\":{\"agendaTopics\":");
        assertThat(json).contains("\"confidentiality\":{\"confidentialByDefault\":true,\"mayBeShared\":[{\"what\":\"topics\",\"withWhom\":\"HR\"}]}");
        assertThat(json).contains("\"endDate\":\"2027-06-07\"").doesNotContain(" :").doesNotContain("\n");
        assertThat(json.indexOf("\"mentorApplicationId\"")).isLessThan(json.indexOf("\"programmeId\""));
    }

    @Test
    void theHashIsStableAndCoversContentAndVersion() {
        String h = ContentHash.sha256(agreement(), 1, content(14));
        assertThat(h).matches("[0-9a-f]{64}").isEqualTo(ContentHash.sha256(agreement(), 1, content(14)));
        assertThat(ContentHash.sha256(agreement(), 2, content(14))).isNotEqualTo(h);
        assertThat(ContentHash.sha256(agreement(), 1, content(21))).isNotEqualTo(h);
    }

    @Test
    void draftsStartOnTheNextMondayAndTimeFramesAreChecked() {
        assertThat(AgreementDrafting.nextMonday(LocalDate.of(2026, 11, 23))).isEqualTo(LocalDate.of(2026, 11, 30)); // a Monday
        assertThat(AgreementDrafting.nextMonday(LocalDate.of(2026, 11, 29))).isEqualTo(LocalDate.of(2026, 11, 30)); // a Sunday
        LocalDate start = LocalDate.of(2026, 12, 7);
        AgreementRules.checkTimeFrame(start, start.plusMonths(24));
        assertThatThrownBy(() -> AgreementRules.checkTimeFrame(start, start.plusMonths(24).plusDays(1))).hasMessageContaining("24 months");
        assertThatThrownBy(() -> AgreementRules.checkTimeFrame(start, start)).hasMessageContaining("after startDate");
    }
}
