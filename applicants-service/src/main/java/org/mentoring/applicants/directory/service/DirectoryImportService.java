package org.mentoring.applicants.directory.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.applicants.directory.model.DirectoryPerson;
import org.mentoring.applicants.directory.model.Email;
import org.mentoring.contracts.problem.Problem;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.problem.ProblemException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Bulk upsert of directory persons by userName, in one transaction: every row is validated first
 * (values, uniqueness, managers resolved within the import or the directory, no reporting cycle) and
 * any invalid row refuses the whole import naming {@code rows[i].column}; nothing is stored then.
 */
@ApplicationScoped
public class DirectoryImportService {

    public enum Outcome { CREATED, UPDATED, UNCHANGED, DEACTIVATED }

    /** What happened to one row. */
    public record RowResult(int row, String userName, UUID id, Outcome outcome) {
    }

    /** The answer of an import: counts per outcome and each row's person id. */
    public record ImportResult(int created, int updated, int unchanged, int deactivated, List<RowResult> people) {
    }

    private static final int MAX_ERRORS = 200;

    private final DirectoryPersonRepository persons;
    private final DirectoryEvents events;

    public DirectoryImportService(DirectoryPersonRepository persons, DirectoryEvents events) {
        this.persons = persons;
        this.events = events;
    }

    /**
     * Validates and applies {@code rows}; {@code parseErrors} (cells that could not be read) are reported
     * together with every other problem. Runs in the caller's transaction when there is one (the
     * Idempotency-Key record joins it).
     */
    @WithTransaction
    public Uni<ImportResult> importRows(List<ImportRows.Row> rows, List<Problem.FieldError> parseErrors) {
        List<Problem.FieldError> errors = new ArrayList<>(parseErrors);
        if (rows.isEmpty()) {
            errors.add(new Problem.FieldError("rows", "are missing: the import has no person"));
        }
        if (rows.size() > ImportRows.MAX_ROWS) {
            errors.add(new Problem.FieldError("rows", "are " + rows.size() + ", more than the " + ImportRows.MAX_ROWS
                    + " one import takes; split the file"));
            refuseIf(errors);
        }
        Map<String, Integer> rowOfUser = new HashMap<>();
        Map<String, Integer> rowOfExternalId = new HashMap<>();
        for (ImportRows.Row row : rows) {
            String userName = row.text("userName");
            if (userName == null || userName.isBlank()) {
                errors.add(new Problem.FieldError(field(row, "userName"), "is required"));
                continue;
            }
            Integer first = rowOfUser.putIfAbsent(key(userName), row.index());
            if (first != null) {
                errors.add(new Problem.FieldError(field(row, "userName"), "repeats " + userName.strip() + " of rows[" + first + "]"));
            }
            String externalId = row.text("externalId");
            if (externalId != null && !externalId.isBlank()) {
                Integer firstExt = rowOfExternalId.putIfAbsent(externalId.strip(), row.index());
                if (firstExt != null) {
                    errors.add(new Problem.FieldError(field(row, "externalId"), "repeats " + externalId.strip() + " of rows[" + firstExt + "]"));
                }
            }
        }
        // rows without a userName cannot be resolved; the others are checked on, so that one answer lists every problem
        List<ImportRows.Row> named = rows.stream().filter(r -> r.text("userName") != null && !r.text("userName").isBlank()).toList();
        Set<String> names = new HashSet<>(rowOfUser.keySet());
        named.forEach(r -> {
            if (r.text("managerUserName") != null) {
                names.add(key(r.text("managerUserName")));
            }
        });
        Plan plan = new Plan(named);
        return persons.findByUserNames(names)
                .invoke(found -> found.forEach(p -> plan.known.put(key(p.userName), p)))
                .chain(() -> persons.findByExternalIds(rowOfExternalId.keySet()))
                .invoke(found -> found.forEach(p -> plan.byExternalId.put(p.externalId, p)))
                .invoke(() -> plan.decide(errors))
                .chain(() -> persons.managersAbove(plan.managersOutside()))
                .invoke(managers -> plan.directoryManagers.putAll(managers))
                .invoke(managers -> plan.checkCycles(managers, errors))
                .invoke(() -> refuseIf(errors))
                .chain(() -> apply(plan));
    }

    private Uni<ImportResult> apply(Plan plan) {
        Instant now = now();
        List<RowResult> results = new ArrayList<>();
        List<DirectoryPerson> created = new ArrayList<>();
        List<DirectoryPerson> changed = new ArrayList<>();
        List<DirectoryPerson> deactivated = new ArrayList<>();
        Set<UUID> moved = new LinkedHashSet<>();
        for (ImportRows.Row row : plan.rows) {
            PersonData desired = plan.desired.get(row.index());
            DirectoryPerson current = plan.known.get(key(desired.userName()));
            UUID id = plan.idOf.get(key(desired.userName()));
            Outcome outcome;
            if (current == null) {
                DirectoryPerson p = new DirectoryPerson();
                p.id = id;
                desired.applyTo(p);
                p.createdAt = now;
                p.updatedAt = now;
                created.add(p);
                outcome = Outcome.CREATED;
            } else if (PersonData.of(current).equals(desired)) {
                outcome = Outcome.UNCHANGED;
            } else {
                boolean wasActive = current.active;
                if (!Objects.equals(current.managerId, desired.managerId())) {
                    moved.add(current.id);
                }
                desired.applyTo(current);
                current.updatedAt = now;
                outcome = wasActive && !desired.active() ? Outcome.DEACTIVATED : Outcome.UPDATED;
                (outcome == Outcome.DEACTIVATED ? deactivated : changed).add(current);
            }
            results.add(new RowResult(row.index(), desired.userName(), id, outcome));
        }
        Set<UUID> published = new HashSet<>();
        created.forEach(p -> published.add(p.id));
        changed.forEach(p -> published.add(p.id));
        deactivated.forEach(p -> published.add(p.id));
        ImportResult result = new ImportResult(created.size(), changed.size(),
                (int) results.stream().filter(r -> r.outcome() == Outcome.UNCHANGED).count(), deactivated.size(), results);
        return Multi.createFrom().iterable(created).onItem().transformToUniAndConcatenate(persons::persist).collect().last()
                .chain(Panache::flush)
                .chain(() -> Multi.createFrom().iterable(created).onItem()
                        .transformToUniAndConcatenate(p -> events.upserted(p, plan.chainOf(p))).collect().last())
                .chain(() -> Multi.createFrom().iterable(changed).onItem()
                        .transformToUniAndConcatenate(p -> events.upserted(p, plan.chainOf(p))).collect().last())
                .chain(() -> Multi.createFrom().iterable(deactivated).onItem()
                        .transformToUniAndConcatenate(p -> events.deactivated(p, plan.chainOf(p))).collect().last())
                .chain(() -> events.applicationsFollow(Stream.concat(changed.stream(), deactivated.stream()).toList(), plan::chainOf))
                .chain(() -> events.reportingLineMoved(moved, published))
                .replaceWith(result);
    }

    /** The desired state of every row, resolved against the directory. */
    private static final class Plan {
        final List<ImportRows.Row> rows;
        final Map<String, DirectoryPerson> known = new HashMap<>();
        final Map<String, DirectoryPerson> byExternalId = new HashMap<>();
        final Map<String, UUID> idOf = new HashMap<>();
        final Map<Integer, PersonData> desired = new HashMap<>();
        final Map<UUID, Integer> rowOfId = new HashMap<>();
        /** Managers of the people above this import's managers, from the directory. */
        final Map<UUID, UUID> directoryManagers = new HashMap<>();

        Plan(List<ImportRows.Row> rows) {
            this.rows = rows;
        }

        void decide(List<Problem.FieldError> errors) {
            for (ImportRows.Row row : rows) {
                String k = key(row.text("userName"));
                DirectoryPerson current = known.get(k);
                UUID id = current != null ? current.id : UUID.randomUUID();
                idOf.put(k, id);
                rowOfId.put(id, row.index());
            }
            for (ImportRows.Row row : rows) {
                String userName = row.text("userName").strip();
                DirectoryPerson current = known.get(key(userName));
                UUID id = idOf.get(key(userName));
                PersonData base = current != null ? PersonData.of(current)
                        : new PersonData(userName, null, null, null, null, null, null, List.of(), null, null, null, null,
                        null, null, null, null, null, List.of(), null, null, null, true);
                UUID managerId = base.managerId();
                if (row.has("managerUserName")) {
                    String manager = row.text("managerUserName");
                    if (manager == null) {
                        managerId = null;
                    } else if (idOf.containsKey(key(manager))) {
                        managerId = idOf.get(key(manager));
                    } else if (known.containsKey(key(manager))) {
                        managerId = known.get(key(manager)).id;
                    } else {
                        errors.add(new Problem.FieldError(field(row, "managerUserName"), "is " + manager
                                + ", who is neither in this import nor in the directory"));
                    }
                    if (id.equals(managerId)) {
                        errors.add(new Problem.FieldError(field(row, "managerUserName"), "cannot be the person themself"));
                    }
                }
                PersonData d = PersonRules.normalize(merge(base, row, userName, managerId));
                for (Problem.FieldError e : PersonRules.violations(d)) {
                    errors.add(new Problem.FieldError(field(row, column(e.field())), e.message()));
                }
                desired.put(row.index(), d);
            }
            for (ImportRows.Row row : rows) {
                PersonData d = desired.get(row.index());
                if (d.externalId() == null) {
                    continue;
                }
                DirectoryPerson owner = byExternalId.get(d.externalId());
                if (owner != null && !owner.id.equals(idOf.get(key(d.userName()))) && !releases(owner, d.externalId())) {
                    errors.add(new Problem.FieldError(field(row, "externalId"), "is " + d.externalId()
                            + ", which already belongs to " + owner.userName));
                }
            }
        }

        /** Whether {@code owner} is in this import and gives {@code externalId} up. */
        private boolean releases(DirectoryPerson owner, String externalId) {
            Integer row = rowOfId.get(owner.id);
            return row != null && !externalId.equals(desired.get(row).externalId());
        }

        /** Managers that are not in this import: their reporting lines come from the directory. */
        Set<UUID> managersOutside() {
            return desired.values().stream().map(PersonData::managerId).filter(Objects::nonNull)
                    .filter(m -> !rowOfId.containsKey(m)).collect(Collectors.toSet());
        }

        /** No row may end up above itself, following the import's managers first, then the directory's. */
        void checkCycles(Map<UUID, UUID> directoryManagers, List<Problem.FieldError> errors) {
            for (ImportRows.Row row : rows) {
                UUID self = idOf.get(key(row.text("userName")));
                List<String> path = new ArrayList<>();
                path.add(desired.get(row.index()).userName());
                Set<UUID> seen = new HashSet<>();
                UUID current = managerOf(self, directoryManagers);
                for (int steps = 0; current != null && steps < DirectoryPersonRepository.MAX_DEPTH && seen.add(current); steps++) {
                    path.add(nameOf(current));
                    if (current.equals(self)) {
                        errors.add(new Problem.FieldError(field(row, "managerUserName"),
                                "creates a reporting cycle: " + String.join(" -> ", path)));
                        break;
                    }
                    current = managerOf(current, directoryManagers);
                }
            }
        }

        /** The manager chain of a person of this import once it is applied: no query needed. */
        List<UUID> chainOf(DirectoryPerson p) {
            return DirectoryEvents.chain(p.managerId, id -> managerOf(id, directoryManagers));
        }

        private UUID managerOf(UUID id, Map<UUID, UUID> directoryManagers) {
            Integer row = rowOfId.get(id);
            return row != null ? desired.get(row).managerId() : directoryManagers.get(id);
        }

        private String nameOf(UUID id) {
            Integer row = rowOfId.get(id);
            if (row != null) {
                return desired.get(row).userName();
            }
            return known.values().stream().filter(p -> p.id.equals(id)).map(p -> p.userName).findFirst().orElse(id.toString());
        }
    }

    /** The row's columns over {@code base}: an absent column keeps the value, an empty one clears it. */
    private static PersonData merge(PersonData base, ImportRows.Row row, String userName, UUID managerId) {
        List<Email> emails = base.emails();
        if (row.has("email")) {
            String email = row.text("email");
            List<Email> others = base.emails().stream()
                    .filter(e -> !e.primary() && (email == null || !e.value().equalsIgnoreCase(email.strip())))
                    .toList();
            emails = new ArrayList<>();
            if (email != null) {
                emails.add(new Email(email, "work", true));
            }
            emails.addAll(others);
        }
        @SuppressWarnings("unchecked")
        List<String> languages = row.has("languages")
                ? (row.get("languages") == null ? List.of() : (List<String>) row.get("languages")) : base.languages();
        return new PersonData(userName,
                pick(row, "externalId", base.externalId()),
                pick(row, "givenName", base.givenName()),
                pick(row, "familyName", base.familyName()),
                base.formattedName(),
                pick(row, "displayName", base.displayName()),
                pick(row, "title", base.title()),
                emails,
                pick(row, "employeeNumber", base.employeeNumber()),
                pick(row, "organization", base.organization()),
                pick(row, "department", base.department()),
                managerId,
                pick(row, "city", base.city()),
                pick(row, "region", base.region()),
                pick(row, "country", base.country()),
                row.has("latitude") ? (Double) row.get("latitude") : base.latitude(),
                row.has("longitude") ? (Double) row.get("longitude") : base.longitude(),
                languages,
                pick(row, "hireDate", base.hireDate()),
                row.has("birthYear") ? (Integer) row.get("birthYear") : base.birthYear(),
                pick(row, "grade", base.grade()),
                row.has("active") ? (Boolean) row.get("active") : base.active());
    }

    private static String pick(ImportRows.Row row, String column, String current) {
        return row.has(column) ? row.text(column) : current;
    }

    /** The import column that carries a logical directory field. */
    private static String column(String field) {
        if (field.startsWith("emails")) {
            return "email";
        }
        if (field.startsWith("languages")) {
            return "languages";
        }
        if (field.startsWith("location.")) {
            return field.substring("location.".length());
        }
        return switch (field) {
            case "name.givenName" -> "givenName";
            case "name.familyName" -> "familyName";
            case "name.formatted" -> "displayName";
            case "manager" -> "managerUserName";
            default -> field;
        };
    }

    private static String field(ImportRows.Row row, String column) {
        return "rows[" + row.index() + "]." + column;
    }

    private static String key(String userName) {
        return userName.strip().toLowerCase(Locale.ROOT);
    }

    private static void refuseIf(List<Problem.FieldError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        List<Problem.FieldError> shown = errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors;
        throw new ProblemException(ProblemType.VALIDATION, "The import was not applied: " + errors.size() + " problem(s), e.g. " + shown.get(0).field() + " "
                        + shown.get(0).message() + ". Nothing was stored; fix the rows and send the import again.",
                List.copyOf(shown));
    }

    /** Now, at the precision PostgreSQL stores, so that what a write answers equals what a later read shows. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
