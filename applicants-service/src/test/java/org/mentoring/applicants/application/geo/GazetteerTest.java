package org.mentoring.applicants.application.geo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GazetteerTest {

    private static final Gazetteer GAZETTEER = new Gazetteer();

    @ParameterizedTest(name = "{0} ({1}) is {3}, {4} in {2}")
    @CsvSource(nullValues = "-", value = {
            "München,      -,  DE, 48.14,  11.58",
            "Muenchen,     DE, DE, 48.14,  11.58",
            "munchen,      de, DE, 48.14,  11.58",
            "MUNICH,       -,  DE, 48.14,  11.58",
            "Köln,         DE, DE, 50.94,   6.96",
            "Koeln,        -,  DE, 50.94,   6.96",
            "Cologne,      -,  DE, 50.94,   6.96",
            "Düsseldorf,   -,  DE, 51.23,   6.77",
            "Dusseldorf,   -,  DE, 51.23,   6.77",
            "'  frankfurt am main ', DE, DE, 50.11, 8.68",
            "Wien,         AT, AT, 48.21,  16.37",
            "Vienna,       -,  AT, 48.21,  16.37",
            "Zurich,       CH, CH, 47.38,   8.54",
            "Genf,         -,  CH, 46.20,   6.14",
            "Łódź,         PL, PL, 51.76,  19.46",
            "Lodz,         -,  PL, 51.76,  19.46",
            "St Gallen,    -,  CH, 47.42,   9.38",
            "st.-gallen,   -,  CH, 47.42,   9.38",
            "Cambridge,    -,  GB, 52.21,   0.12",
            "Cambridge,    US, US, 42.37, -71.11",
            "Bengaluru,    IN, IN, 12.97,  77.60",
            "Bangalore,    -,  IN, 12.97,  77.60",
            "São Paulo,    BR, BR, -23.55, -46.63",
            "New York,     US, US, 40.71, -74.01",
    })
    void findsCitiesWhateverTheSpelling(String city, String country, String expectedCountry, double latitude, double longitude) {
        Gazetteer.Place place = GAZETTEER.find(city, country).orElseThrow(() -> new AssertionError(city + " not found"));
        assertThat(place.country()).isEqualTo(expectedCountry);
        assertThat(place.latitude()).isCloseTo(latitude, within(0.05));
        assertThat(place.longitude()).isCloseTo(longitude, within(0.05));
    }

    @ParameterizedTest(name = "{0} ({1}) is not known")
    @CsvSource(nullValues = "-", value = {
            "Atlantis,      -",
            "Springfield,   US",
            "Berlin,        FR",
            "München,       AT",
            "'   ',         DE",
            "-,             DE",
    })
    void doesNotGuessWhatItDoesNotKnow(String city, String country) {
        assertThat(GAZETTEER.find(city, country)).isEmpty();
    }

    @Test
    void knowsTheLargeCitiesOfEuropeAndBeyond() {
        assertThat(GAZETTEER.size()).isGreaterThanOrEqualTo(150);
    }
}
