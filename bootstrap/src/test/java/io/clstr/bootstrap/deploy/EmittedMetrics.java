package io.clstr.bootstrap.deploy;

import io.clstr.adapters.micrometer.MetricNames;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clstr metrics a PromQL query names, checked against {@link MetricNames#ALL}: the families the metrics
 * system test proves against a live scrape.
 */
final class EmittedMetrics {

    /** Series Prometheus derives from a histogram family, and Micrometer's decaying maximum. */
    private static final List<String> HISTOGRAM_SERIES = List.of("_bucket", "_count", "_sum", "_max");
    private static final Pattern OUR_METRIC = Pattern.compile("\\b(clstr_[a-z0-9_]+|http_server_requests_[a-z0-9_]+)\\b");

    private EmittedMetrics() {
    }

    /** The clstr and HTTP series in a query. */
    static List<String> in(String query) {
        List<String> series = new ArrayList<>();
        Matcher metric = OUR_METRIC.matcher(query);
        while (metric.find()) {
            series.add(metric.group(1));
        }
        return series;
    }

    /** The family a series belongs to, or null if the node emits no such family. */
    static String family(String series) {
        if (MetricNames.ALL.contains(series)) {
            return series;
        }
        for (String suffix : HISTOGRAM_SERIES) {
            if (series.endsWith(suffix)) {
                String base = series.substring(0, series.length() - suffix.length());
                if (MetricNames.ALL.contains(base)) {
                    return base;
                }
            }
        }
        return null;
    }
}
