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

    /** Great-circle distance in km (haversine formula). */
    public double distanceKm(GeoPoint other) {
        return haversineKm(Math.toRadians(latitude), Math.toRadians(longitude),
                Math.toRadians(other.latitude), Math.toRadians(other.longitude));
    }

    static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        double sinLat = Math.sin((lat2 - lat1) / 2);
        double sinLon = Math.sin((lon2 - lon1) / 2);
        double h = sinLat * sinLat + Math.cos(lat1) * Math.cos(lat2) * sinLon * sinLon;
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
