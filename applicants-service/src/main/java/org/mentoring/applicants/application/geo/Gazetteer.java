package org.mentoring.applicants.application.geo;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small bundled list of cities with their coordinates ({@code geo/gazetteer.csv}), so that an application that
 * names a city but no coordinates can still be placed for the in-person distance rule. Names match regardless of
 * case, accents and punctuation ({@code München}, {@code Muenchen}, {@code munchen} and {@code Munich} are one
 * city); a given ISO country code must match too. Without a country, a name found in several countries means the
 * first one listed.
 */
@ApplicationScoped
public class Gazetteer {

    static final String RESOURCE = "geo/gazetteer.csv";

    /** A city's place: ISO 3166-1 alpha-2 country and WGS84 coordinates. */
    public record Place(String name, String country, double latitude, double longitude) {
    }

    private final Map<String, List<Place>> byKey = new HashMap<>();
    private int size;

    public Gazetteer() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The gazetteer " + RESOURCE + " is not on the class path");
            }
            load(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void load(BufferedReader reader) throws IOException {
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(";", -1);
            if (fields.length != 4) {
                throw new IllegalStateException(RESOURCE + " line " + number + ": expected country;latitude;longitude;names");
            }
            String[] names = fields[3].split("\\|");
            Place place = new Place(names[0].strip(), fields[0].strip(), Double.parseDouble(fields[1]), Double.parseDouble(fields[2]));
            for (String name : names) {
                for (String key : keys(name)) {
                    List<Place> places = byKey.computeIfAbsent(key, k -> new ArrayList<>());
                    if (!places.contains(place)) {
                        places.add(place);
                    }
                }
            }
            size++;
        }
    }

    /** How many cities it knows. */
    public int size() {
        return size;
    }

    /**
     * The place of {@code city}, in {@code country} (ISO 3166-1 alpha-2, any case) when that is given; empty when the
     * gazetteer does not know it there.
     */
    public Optional<Place> find(String city, String country) {
        if (city == null || city.isBlank()) {
            return Optional.empty();
        }
        String wantedCountry = country == null || country.isBlank() ? null : country.strip().toUpperCase(Locale.ROOT);
        for (String key : keys(city)) {
            for (Place place : byKey.getOrDefault(key, List.of())) {
                if (wantedCountry == null || wantedCountry.equals(place.country())) {
                    return Optional.of(place);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The forms a name is looked up by: accents dropped ({@code münchen} to {@code munchen}) and German umlauts
     * spelt out ({@code muenchen}); lower case, with anything but letters and digits as single spaces.
     */
    static Set<String> keys(String name) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(fold(name));
        keys.add(fold(name.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
                .replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")));
        keys.remove("");
        return keys;
    }

    private static String fold(String name) {
        String decomposed = Normalizer.normalize(name.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        StringBuilder folded = new StringBuilder(decomposed.length());
        for (char c : decomposed.toCharArray()) {
            switch (c) {
                case 'ß' -> folded.append("ss");
                case 'ł', 'Ł' -> folded.append('l');
                case 'ø', 'Ø' -> folded.append('o');
                case 'æ', 'Æ' -> folded.append("ae");
                case 'đ', 'Đ' -> folded.append('d');
                case 'ı' -> folded.append('i');
                default -> folded.append(c);
            }
        }
        return folded.toString().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
