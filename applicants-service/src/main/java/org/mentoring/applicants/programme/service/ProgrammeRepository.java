package org.mentoring.applicants.programme.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.applicants.programme.model.Programme;
import org.mentoring.applicants.programme.model.ProgrammeStatus;
import org.mentoring.platform.paging.Cursor;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ProgrammeRepository implements PanacheRepositoryBase<Programme, UUID> {

    /**
     * Keyset page in creation order. Drafts are listed only when their id is in {@code draftsOf}, or all of them when
     * {@code draftsOf} is null.
     */
    public Uni<List<Programme>> page(Cursor after, int limit, java.util.Collection<UUID> draftsOf) {
        StringBuilder query = new StringBuilder("from Programme p where 1 = 1");
        io.quarkus.panache.common.Parameters params = new io.quarkus.panache.common.Parameters();
        if (draftsOf != null && draftsOf.isEmpty()) {
            query.append(" and p.status <> :draft");
            params.and("draft", ProgrammeStatus.DRAFT);
        } else if (draftsOf != null) {
            query.append(" and (p.status <> :draft or p.id in :drafts)");
            params.and("draft", ProgrammeStatus.DRAFT).and("drafts", draftsOf);
        }
        if (after != null) {
            query.append(" and ").append(Cursor.afterCondition("p.createdAt", "p.id"));
            after.bind(params);
        }
        query.append(" order by p.createdAt, p.id");
        return find(query.toString(), params).range(0, limit - 1).list();
    }
}
