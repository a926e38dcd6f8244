package org.mentoring.contracts.events.directory;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code mentoring.directory.contact-changed.v1}: where the platform may write to a person of the HRIS
 * directory. Published on its own topic ({@code mentoring.contacts.v1}, compacted, keyed by person id) so that only
 * the service that sends e-mail reads contact details; the directory events on the applicants topic never carry them.
 *
 * @param personId  the directory (SCIM) id of the person; also the event subject and the record key
 * @param email     the primary address (SCIM primary, else the work address, else the first); null when the person
 *                  has none, was deactivated or erased: a consumer then forgets the address it held
 * @param changedAt when the directory recorded the change
 */
public record ContactV1(UUID personId, String email, Instant changedAt) {
}
