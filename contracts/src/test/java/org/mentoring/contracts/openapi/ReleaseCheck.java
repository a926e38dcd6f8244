package org.mentoring.contracts.openapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the committed API document must satisfy against the last released one before it can be built on:
 * <ol>
 *   <li>{@code info.version} is a semantic version (MAJOR.MINOR.PATCH);</li>
 *   <li>a change that breaks clients of the released document ({@link BreakingChanges}) comes with a higher major
 *       version;</li>
 *   <li>any change at all comes with a higher version;</li>
 *   <li>the changelog has a section for the current version.</li>
 * </ol>
 * Each problem is one message saying what to do.
 */
final class ReleaseCheck {

    static final String VERSION_PLACE = "OpenApiMerger.API_VERSION in the gateway";
    private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)");

    private ReleaseCheck() {
    }

    record Version(int major, int minor, int patch) implements Comparable<Version> {

        static Version parse(String text) {
            Matcher matcher = SEMVER.matcher(text);
            if (!matcher.matches()) {
                return null;
            }
            return new Version(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3)));
        }

        @Override
        public int compareTo(Version other) {
            return major != other.major ? Integer.compare(major, other.major)
                    : minor != other.minor ? Integer.compare(minor, other.minor) : Integer.compare(patch, other.patch);
        }

        @Override
        public String toString() {
            return major + "." + minor + "." + patch;
        }
    }

    static List<String> problems(JsonNode released, JsonNode current, String changelog) {
        List<String> problems = new ArrayList<>();
        String releasedText = released.at("/info/version").asText();
        String currentText = current.at("/info/version").asText();
        Version was = Version.parse(releasedText);
        Version is = Version.parse(currentText);
        if (was == null) {
            problems.add("The released document's info.version \"" + releasedText + "\" is not MAJOR.MINOR.PATCH.");
        }
        if (is == null) {
            problems.add("info.version \"" + currentText + "\" is not MAJOR.MINOR.PATCH: set a semantic version in "
                    + VERSION_PLACE + ".");
        }
        if (was == null || is == null) {
            return problems;
        }

        List<String> breaking = BreakingChanges.between(released, current);
        if (!breaking.isEmpty() && is.major() <= was.major()) {
            Version next = new Version(was.major() + 1, 0, 0);
            problems.add("These changes break clients of the released API " + was + ":\n  - "
                    + String.join("\n  - ", breaking) + "\n"
                    + "Either keep the API compatible (add instead of change or remove; a new field optional in requests)"
                    + ", or release a new major version: set " + next + " in " + VERSION_PLACE
                    + " and say in CHANGELOG.md what clients must change.");
        }
        if (!released.equals(current) && is.compareTo(was) <= 0) {
            problems.add("The API document changed since the released " + was + " but info.version is " + is
                    + ": raise it in " + VERSION_PLACE + " (patch for documentation only, minor for additions, major"
                    + " for a change that breaks clients), rewrite contracts/openapi/mentoring-api.json"
                    + " (ApiDocumentIT with -Dapi.document.update=true) and add the version to CHANGELOG.md.");
        }
        if (!hasSection(changelog, is)) {
            problems.add("CHANGELOG.md has no section for " + is + ": add \"## [" + is + "] - <date>\" saying what"
                    + " changed for a client (Added / Changed / Deprecated / Removed / Fixed).");
        }
        return problems;
    }

    static boolean hasSection(String changelog, Version version) {
        return Pattern.compile("^##\\s+\\[?" + Pattern.quote(version.toString()) + "\\]?(\\s|$)", Pattern.MULTILINE)
                .matcher(changelog).find();
    }
}
