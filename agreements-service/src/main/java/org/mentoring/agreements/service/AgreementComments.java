package org.mentoring.agreements.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.agreements.model.AgreementComment;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AgreementComments implements PanacheRepositoryBase<AgreementComment, UUID> {

    public Uni<List<AgreementComment>> of(UUID agreementId) {
        return list("agreementId = ?1 order by createdAt, id", agreementId);
    }

    public Uni<Long> removeBy(String applicantId) {
        return delete("authorApplicantId", applicantId);
    }
}
