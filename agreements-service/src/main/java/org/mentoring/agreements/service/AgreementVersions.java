package org.mentoring.agreements.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.agreements.model.AgreementVersion;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AgreementVersions implements PanacheRepositoryBase<AgreementVersion, UUID> {

    public Uni<AgreementVersion> of(UUID agreementId, int number) {
        return find("agreementId = ?1 and number = ?2", agreementId, number).firstResult();
    }

    public Uni<List<AgreementVersion>> history(UUID agreementId) {
        return list("agreementId = ?1 order by number", agreementId);
    }

    public Uni<Integer> pseudonymiseSigners(String applicantId, String pseudonym) {
        return update("menteeSigner = ?1 where menteeSigner = ?2", pseudonym, applicantId)
                .chain(a -> update("mentorSigner = ?1 where mentorSigner = ?2", pseudonym, applicantId).map(b -> a + b));
    }
}
