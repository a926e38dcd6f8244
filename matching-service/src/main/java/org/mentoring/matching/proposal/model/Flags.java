package org.mentoring.matching.proposal.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The hard rules an open proposal broke after it was made, because one of its people changed in the directory (a new
 * manager chain, another institute). Stored as a JSON object.
 */
public record Flags(List<Flag> items) {

    /** One broken rule: its id (such as {@code outside-reporting-line}) and what changed, for the admin. */
    @Schema(name = "ProposalFlag", description = "A hard rule the pair breaks since a directory change")
    public record Flag(@Schema(required = true, description = "The rule's id, such as outside-reporting-line") String rule,
                       @Schema(required = true, description = "What changed and what the rule asks") String detail) {
    }
}
