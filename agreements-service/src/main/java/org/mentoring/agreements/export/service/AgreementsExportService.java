package org.mentoring.agreements.export.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.agreements.agreement.model.Agreement;
import org.mentoring.agreements.agreement.model.AgreementComment;
import org.mentoring.agreements.agreement.model.AgreementVersion;
import org.mentoring.agreements.agreement.service.AgreementCommentRepository;
import org.mentoring.agreements.agreement.service.AgreementRepository;
import org.mentoring.agreements.agreement.service.AgreementVersionRepository;

import java.util.List;

/** A person's export from agreements-service: every agreement they are a party to, with its comments and all its versions. */
@ApplicationScoped
public class AgreementsExportService {

    /** One of the person's agreements with everything kept about it. */
    public record Held(Agreement agreement, List<AgreementComment> comments, List<AgreementVersion> versions) {
    }

    private final AgreementRepository agreements;
    private final AgreementCommentRepository comments;
    private final AgreementVersionRepository versions;

    public AgreementsExportService(AgreementRepository agreements, AgreementCommentRepository comments, AgreementVersionRepository versions) {
        this.agreements = agreements;
        this.comments = comments;
        this.versions = versions;
    }

    @WithSession
    public Uni<List<Held>> export(String subject) {
        return agreements.list("menteeApplicantId = ?1 or mentorApplicantId = ?1 order by createdAt, id", subject)
                // one after the other: a reactive session runs one query at a time
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(a -> comments.of(a.id)
                        .chain(c -> versions.history(a.id).map(v -> new Held(a, c, v))))
                .collect().asList();
    }
}
