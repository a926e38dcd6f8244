package org.mentoring.matching.engine;

/**
 * Where a person works.
 *
 * @param name        a place name such as "Berlin" (may be empty); two people whose coordinates are unknown count as
 *                    being at the same place when their names are equal ignoring case
 * @param coordinates the point, or null when unknown; a person who requires in-person meetings needs it
 */
public record Location(String name, GeoPoint coordinates) {

    /** A location nobody knows. */
    public static final Location UNKNOWN = new Location("", null);

    public Location {
        name = name == null ? "" : name.trim();
    }

    public static Location of(String name, double latitude, double longitude) {
        return new Location(name, new GeoPoint(latitude, longitude));
    }

    public static Location named(String name) {
        return new Location(name, null);
    }
}
