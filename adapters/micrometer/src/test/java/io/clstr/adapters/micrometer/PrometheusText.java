package io.clstr.adapters.micrometer;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A parsed Prometheus text-format scrape, so tests assert on series and values rather than substrings. */
final class PrometheusText {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final Map<String, String> typesByFamily;
    private final List<Sample> samples;

    private PrometheusText(Map<String, String> typesByFamily, List<Sample> samples) {
        this.typesByFamily = typesByFamily;
        this.samples = samples;
    }

    static PrometheusText parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(parseSample(line));
            }
        }
        return new PrometheusText(types, samples);
    }

    /** Family names, from the {@code # TYPE} lines. */
    Set<String> families() {
        return typesByFamily.keySet();
    }

    String type(String family) {
        return typesByFamily.get(family);
    }

    List<Sample> samples(String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).collect(Collectors.toList());
    }

    /** The value of the one series with exactly these labels ({@code "key", "value", ...}). */
    double value(String name, String... labels) {
        Map<String, String> wanted = labels(labels);
        return samples(name).stream()
                .filter(sample -> sample.labels().equals(wanted))
                .mapToDouble(Sample::value)
                .findFirst()
                .orElseGet(() -> fail("no series %s%s; the scrape has %s", name, wanted, samples(name)));
    }

    boolean has(String name, String... labels) {
        Map<String, String> wanted = labels(labels);
        return samples(name).stream().anyMatch(sample -> sample.labels().equals(wanted));
    }

    /** A histogram's cumulative bucket counts by upper bound, for the series with these labels. */
    Map<Double, Double> buckets(String histogram, String... labels) {
        Map<String, String> wanted = labels(labels);
        Map<Double, Double> buckets = new TreeMap<>();
        for (Sample sample : samples(histogram + "_bucket")) {
            Map<String, String> rest = new TreeMap<>(sample.labels());
            String le = rest.remove("le");
            if (rest.equals(wanted)) {
                buckets.put(parseValue(le), sample.value());
            }
        }
        return buckets;
    }

    private static Map<String, String> labels(String... keysAndValues) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            labels.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return labels;
    }

    private static Sample parseSample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (brace < 0 || brace > space) {
            String[] parts = line.split(" ");
            return new Sample(parts[0], Map.of(), parseValue(parts[1]));
        }
        Map<String, String> labels = new TreeMap<>();
        int i = brace + 1;
        while (line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            String key = line.substring(i, equals);
            StringBuilder value = new StringBuilder();
            int j = equals + 2; // skip ="
            while (line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\') {
                    char escaped = line.charAt(++j);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        String[] rest = line.substring(i + 1).trim().split(" ");
        return new Sample(line.substring(0, brace), labels, parseValue(rest[0]));
    }

    private static double parseValue(String text) {
        switch (text) {
            case "+Inf": return Double.POSITIVE_INFINITY;
            case "-Inf": return Double.NEGATIVE_INFINITY;
            default: return Double.parseDouble(text);
        }
    }
}
