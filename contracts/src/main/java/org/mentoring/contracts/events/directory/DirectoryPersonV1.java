package org.mentoring.contracts.events.directory;

import org.mentoring.contracts.events.applicants.LocationV1;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Data of {@code mentoring.directory.person-upserted.v1} and {@code mentoring.directory.person-deactivated.v1}:
 * a person of the HRIS directory as it stands after the change, with what matching needs for its hard
 * rules (institute, reporting line, location, languages). Contact details (emails) are not in it: they go
 * only to the contacts topic ({@link ContactV1}), which only the service that sends e-mail reads.
 *
 * @param personId     the directory (SCIM) id of the person
 * @param managerId    the direct manager's person id, if any
 * @param managerChain person ids from the direct manager upwards, at most 10 levels
 * @param location     where the person works; null when unknown
 * @param languages    ISO 639-1 codes
 * @param active       false once the HRIS deactivated the person
 * @param changedAt    when the directory recorded the change
 */
public record DirectoryPersonV1(
        UUID personId,
        String userName,
        String externalId,
        String displayName,
        String employeeNumber,
        String organization,
        String department,
        UUID managerId,
        List<UUID> managerChain,
        LocationV1 location,
        List<String> languages,
        boolean active,
        Instant changedAt) {

    /** How far up the reporting line {@link #managerChain()} reaches. */
    public static final int MAX_CHAIN = 10;
}
