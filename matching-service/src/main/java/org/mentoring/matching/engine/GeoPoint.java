package org.mentoring.matching.engine;

/**
 * A point on the earth in decimal degrees (WGS 84).
 *
 * @param latitude  -90 to 90
 * @param longitude -180 to 180
 */
public record GeoPoint(double latitude, double longitude) {

    /** Mean earth radius (IUGG), in km. */
    static final double EARTH_RADIUS_KM = 6371.0088;

    public GeoPoint {
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new IllegalArgumentException("latitude must be between -90 and 90: " + latitude);
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("longitude must be between -180 and 180: " + longitude);
        }
    }

    /** Great-circle distance in km on a sphere of the mean earth radius. */
    public double distanceKm(GeoPoint other) {
        double[] a = unitVector(latitude, longitude);
        double[] b = unitVector(other.latitude, other.longitude);
        return distanceKm(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    }

    /** The point as a unit vector (x, y, z). */
    static double[] unitVector(double latitudeDegrees, double longitudeDegrees) {
        double lat = Math.toRadians(latitudeDegrees);
        double lon = Math.toRadians(longitudeDegrees);
        double c = Math.cos(lat);
        return new double[] {c * Math.cos(lon), c * Math.sin(lon), Math.sin(lat)};
    }

    /**
     * Great-circle distance from the difference of two unit vectors: the chord length c gives the central angle
     * 2 asin(c / 2). The single definition the engine uses everywhere, so rules and explanations always agree.
     */
    static double distanceKm(double dx, double dy, double dz) {
        double chord = Math.sqrt(dx * dx + dy * dy + dz * dz);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, chord / 2));
    }

    /** The squared chord of a great-circle distance: pairs whose squared chord is larger are farther apart. */
    static double chordSquared(double km) {
        double half = Math.sin(Math.min(Math.PI / 2, km / (2 * EARTH_RADIUS_KM)));
        return 4 * half * half;
    }
}
