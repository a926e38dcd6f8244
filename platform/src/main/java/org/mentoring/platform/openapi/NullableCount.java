package org.mentoring.platform.openapi;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Documentation only: the value of a map of counts that withholds small groups, a whole number or {@code null} when
 * suppressed. Use it as {@code @Schema(additionalProperties = NullableCount.class)} on a {@code Map<String, Long>}.
 */
@Schema(name = "NullableCount", type = SchemaType.INTEGER, format = "int64", nullable = true,
        description = "A count; null when it is suppressed (see suppressed)")
public final class NullableCount {

    private NullableCount() {
    }
}
