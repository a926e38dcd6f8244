package org.mentoring.platform.paging;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A keyset-paged list query in {@code (time, id)} order: the filters a caller set, each with its named parameter, and the
 * rows after a {@link Cursor}. A filter whose value is null is left out, so the optional query parameters of a list
 * endpoint map onto it one to one:
 * <pre>{@code
 * PageQuery.orderedBy("createdAt", "id")
 *         .and("programmeId = :programme", "programme", programmeId)
 *         .and("status = :status", "status", status)
 *         .after(cursor)
 *         .list(repository, limit + 1);
 * }</pre>
 * The conditions are joined with {@code and} in the order they were added, the cursor's last; the parameters {@code at}
 * and {@code id} are the cursor's ({@link Cursor#afterCondition}), so no filter may use them.
 */
public final class PageQuery {

    private static final List<String> CURSOR_PARAMETERS = List.of("at", "id");

    private final String timeField;
    private final String idField;
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();
    private Cursor after;

    private PageQuery(String timeField, String idField) {
        this.timeField = Objects.requireNonNull(timeField, "timeField");
        this.idField = Objects.requireNonNull(idField, "idField");
    }

    /** A query over rows ordered by {@code timeField}, then {@code idField} (the fields a {@link Cursor} holds). */
    public static PageQuery orderedBy(String timeField, String idField) {
        return new PageQuery(timeField, idField);
    }

    /** Adds {@code condition} with {@code value} as its parameter {@code :name}; left out when {@code value} is null (filter not set). */
    public PageQuery and(String condition, String name, Object value) {
        return andWhen(value != null, condition, name, value);
    }

    /** Adds {@code condition} with {@code value} as its parameter {@code :name} when {@code applies}. */
    public PageQuery andWhen(boolean applies, String condition, String name, Object value) {
        if (CURSOR_PARAMETERS.contains(name)) {
            throw new IllegalArgumentException("Parameter :" + name + " is the cursor's; name the filter's parameter otherwise");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("Parameter :" + name + " is already the parameter of another filter");
        }
        if (!Pattern.compile(":" + Pattern.quote(name) + "\\b").matcher(condition).find()) {
            throw new IllegalArgumentException("Condition \"" + condition + "\" does not use its parameter :" + name);
        }
        if (!applies) {
            return this;
        }
        parameters.put(name, Objects.requireNonNull(value, () -> "value of :" + name));
        conditions.add(condition);
        return this;
    }

    /** Starts after {@code cursor}: the rows that come after it in the order; {@code null} is the first page. */
    public PageQuery after(Cursor cursor) {
        this.after = cursor;
        return this;
    }

    /** The HQL of the query (Panache's short form: the conditions, then {@code order by}). */
    public String hql() {
        List<String> all = new ArrayList<>(conditions);
        if (after != null) {
            all.add(Cursor.afterCondition(timeField, idField));
        }
        String order = "order by " + timeField + ", " + idField;
        return all.isEmpty() ? order : String.join(" and ", all) + " " + order;
    }

    /** The named parameters of {@link #hql()}: those of the filters set, and the cursor's. */
    public Parameters parameters() {
        Parameters params = new Parameters();
        parameters.forEach(params::and);
        return after == null ? params : after.bind(params);
    }

    /** Reads up to {@code rows} rows of the query from {@code repository} (a page's size, plus one to tell whether more exist). */
    public <E> Uni<List<E>> list(PanacheRepositoryBase<E, ?> repository, int rows) {
        return repository.find(hql(), parameters()).range(0, rows - 1).list();
    }
}
