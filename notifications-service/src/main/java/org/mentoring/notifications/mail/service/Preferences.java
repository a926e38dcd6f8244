package org.mentoring.notifications.mail.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.contracts.problem.Problem;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.notifications.mail.model.MailKind;
import org.mentoring.platform.problem.ProblemException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A person's e-mail preferences: the kinds they switched off and the language they prefer. */
@ApplicationScoped
public class Preferences {

    /** What a person chose; {@code language} null: from the directory or their application. */
    public record Chosen(Set<String> off, String language) {
    }

    @WithSession
    public Uni<Chosen> of(String applicantId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select cast(disabled_kinds as text), language from mail_preference where applicant_id = :a", Object[].class)
                .setParameter("a", applicantId).getResultList())
                .map(rows -> rows.isEmpty() ? new Chosen(Set.of(), null) : new Chosen(parse((String) rows.get(0)[0]), (String) rows.get(0)[1]));
    }

    /**
     * Replaces the person's choice: each kind mentioned is on or off, a kind not mentioned is on. A required kind cannot
     * be switched off, an unknown kind or language is refused (422, naming it and what is valid).
     */
    @WithTransaction
    public Uni<Chosen> replace(String applicantId, Map<String, Boolean> kinds, String language) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> off = new TreeSet<>();
        if (kinds != null) {
            kinds.forEach((code, on) -> {
                MailKind kind = MailKind.of(code);
                if (kind == null) {
                    errors.add(new Problem.FieldError("kinds." + code, "is not an e-mail kind; valid kinds: " + String.join(", ", MailKind.codes())));
                } else if (on == null) {
                    errors.add(new Problem.FieldError("kinds." + code, "must be true or false"));
                } else if (!on && kind.required()) {
                    errors.add(new Problem.FieldError("kinds." + code, "is required and cannot be switched off"));
                } else if (!on) {
                    off.add(code);
                }
            });
        }
        if (language != null && !MailRenderer.LANGUAGES.contains(language)) {
            errors.add(new Problem.FieldError("language", "must be one of " + MailRenderer.LANGUAGES + " or null"));
        }
        if (!errors.isEmpty()) {
            boolean required = errors.stream().anyMatch(e -> e.message().contains("required"));
            throw new ProblemException(required ? ProblemType.REQUIRED_NOTIFICATION : ProblemType.UNPROCESSABLE,
                    errors.stream().map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""), errors);
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into mail_preference (applicant_id, disabled_kinds, language, updated_at) values (:a, cast(:off as text[]), :l, now())"
                                + " on conflict (applicant_id) do update set disabled_kinds = excluded.disabled_kinds,"
                                + " language = excluded.language, updated_at = now()")
                .setParameter("a", applicantId).setParameter("off", off.toArray(String[]::new)).setParameter("l", language)
                .executeUpdate()).replaceWith(new Chosen(off, language));
    }

    private static Set<String> parse(String pg) {
        if (pg == null || pg.length() < 2 || pg.equals("{}")) {
            return Set.of();
        }
        return new TreeSet<>(Arrays.stream(pg.substring(1, pg.length() - 1).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
}
