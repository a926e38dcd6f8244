package org.mentoring.agreements.agreement.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.agreements.agreement.model.AgreementComment;
import org.mentoring.platform.paging.Cursor;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AgreementCommentRepository implements PanacheRepositoryBase<AgreementComment, UUID> {

    public Uni<List<AgreementComment>> of(UUID agreementId) {
        return list("agreementId = ?1 order by createdAt, id", agreementId);
    }

    /** Up to {@code limit} comments of an agreement after the cursor, oldest first. */
    public Uni<List<AgreementComment>> page(UUID agreementId, Cursor after, int limit) {
        StringBuilder query = new StringBuilder("agreementId = :agreement");
        Parameters params = Parameters.with("agreement", agreementId);
        if (after != null) {
            query.append(" and ").append(Cursor.afterCondition("createdAt", "id"));
            after.bind(params);
        }
        return find(query + " order by createdAt, id", params).range(0, limit - 1).list();
    }

    public Uni<Long> removeBy(String applicantId) {
        return delete("authorApplicantId", applicantId);
    }
}
