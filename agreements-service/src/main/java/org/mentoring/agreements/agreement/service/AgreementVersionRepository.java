package org.mentoring.agreements.agreement.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.agreements.agreement.model.AgreementVersion;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AgreementVersionRepository implements PanacheRepositoryBase<AgreementVersion, UUID> {

    public Uni<AgreementVersion> of(UUID agreementId, int number) {
        return find("agreementId = ?1 and number = ?2", agreementId, number).firstResult();
    }

    public Uni<List<AgreementVersion>> history(UUID agreementId) {
        return list("agreementId = ?1 order by number", agreementId);
    }

    /** Replaces an erased person's subject by their pseudonym wherever a version names them: signer, proposer. */
    public Uni<Integer> pseudonymiseSigners(String applicantId, String pseudonym) {
        return update("menteeSigner = ?1 where menteeSigner = ?2", pseudonym, applicantId)
                .chain(a -> update("mentorSigner = ?1 where mentorSigner = ?2", pseudonym, applicantId).map(b -> a + b))
                .chain(n -> update("proposedBy = ?1 where proposedBy = ?2", pseudonym, applicantId).map(c -> n + c));
    }

    /**
     * Removes the goals (the mentee's own words) from every agreement whose mentee, now erased, goes by {@code pseudonym}:
     * in the draft, the content in force and every frozen version. A version keeps its content hash, which attests what
     * was signed then.
     */
    public Uni<Integer> eraseGoalsOfMentee(String pseudonym) {
        return Panache.getSession().chain(session -> session.flush()
                .chain(() -> session.createNativeQuery("update agreement_version set content = jsonb_set(content, '{goals}', '[]'::jsonb)"
                                + " where agreement_id in (select id from agreement where mentee_applicant_id = :pseudonym)")
                        .setParameter("pseudonym", pseudonym).executeUpdate())
                .chain(versions -> session.createNativeQuery("update agreement set content = jsonb_set(content, '{goals}', '[]'::jsonb),"
                                + " in_force_content = case when in_force_content is null then null"
                                + " else jsonb_set(in_force_content, '{goals}', '[]'::jsonb) end"
                                + " where mentee_applicant_id = :pseudonym")
                        .setParameter("pseudonym", pseudonym).executeUpdate().map(agreements -> versions + agreements)));
    }
}
