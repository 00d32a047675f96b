package io.clstr.bootstrap.loadtest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * What a load test run measured and proved, as a human summary and as one JSON line (the last line
 * of the output, for scripts).
 *
 * @param latencyMicros latencies of the measured window, in microseconds
 * @param perSecond each second of the run, warm-up included
 * @param recoverySeconds seconds from the kill until a second reached 80% of the throughput before it
 * @param baseline the bare floor measured under the same load just before, if asked for
 */
record LoadTestReport(
        LoadTestOptions options,
        long ops,
        double seconds,
        Histogram latencyMicros,
        Map<String, Long> errors,
        long retries,
        Verification.Result verification,
        long heapMegabytes,
        List<Second> perSecond,
        Optional<Double> recoverySeconds,
        Optional<Baseline> baseline) {

    /** One second of a run: increments acknowledged in it, and their p99 (0 if none). */
    record Second(long ops, double p99Millis, boolean warmup) {
    }

    /**
     * The floor's run.
     *
     * @param floor what one increment costs there
     */
    record Baseline(String floor, long ops, double seconds, Histogram latencyMicros, List<Second> perSecond) {

        double opsPerSecond() {
            return seconds > 0 ? ops / seconds : 0;
        }
    }

    LoadTestReport withBaseline(Optional<Baseline> measured) {
        return new LoadTestReport(options, ops, seconds, latencyMicros, errors, retries, verification, heapMegabytes,
                perSecond, recoverySeconds, measured);
    }

    /** Running nodes were driven over HTTP: their backend is theirs, and this driver does not know it. */
    Optional<String> backend() {
        return options.targets().isEmpty() ? Optional.of(options.backend()) : Optional.empty();
    }

    /** clstr's throughput as a fraction of the floor's. */
    Optional<Double> ratio() {
        return baseline.filter(floor -> floor.opsPerSecond() > 0).map(floor -> opsPerSecond() / floor.opsPerSecond());
    }

    double opsPerSecond() {
        return seconds > 0 ? ops / seconds : 0;
    }

    String summary() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n== clstr load test: %s, %d node(s), via %s, %s over %d counter(s)%n",
                backend().map(name -> name + " backend").orElse("running nodes (backend unknown)"),
                options.targets().isEmpty() ? options.nodes() : options.targets().size(),
                options.via().name().toLowerCase(Locale.ROOT), options.rate().map(rate -> String.format(Locale.ROOT,
                        "%,d increments/s open loop (at most %d in flight)", rate, options.concurrency()))
                        .orElse(options.concurrency() + " in flight"), options.keys()));
        out.append(String.format(Locale.ROOT, "throughput   %,.0f acknowledged increments/s (%,d in %.1f s)%n",
                opsPerSecond(), ops, seconds));
        out.append(String.format(Locale.ROOT, "latency      p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  p99.9 %.2f ms"
                        + "  max %.2f ms%n", ms(50), ms(90), ms(99), ms(99.9), latencyMicros.getMaxValue() / 1000.0));
        baseline.ifPresent(floor -> out.append(String.format(Locale.ROOT, "baseline     %,.0f increments/s, p50 %.2f ms,"
                        + " p99 %.2f ms: %s%nratio        clstr reached %.2f of the baseline%n", floor.opsPerSecond(),
                millis(floor.latencyMicros(), 50), millis(floor.latencyMicros(), 99), floor.floor(),
                ratio().orElse(0.0))));
        out.append(String.format(Locale.ROOT, "errors       %s (every one retried with its command id; %,d retries)%n",
                errors.isEmpty() ? "none" : errors, retries));
        if (verification.appends() >= 0) {
            out.append(String.format(Locale.ROOT, "appends      %,d commits for %,d stored increments (%.2f per"
                    + " commit)%n", verification.appends(), verification.stored(),
                    verification.appends() == 0 ? 0.0 : (double) verification.stored() / verification.appends()));
        }
        out.append(String.format(Locale.ROOT, "heap         %d MB live after GC%n", heapMegabytes));
        recoverySeconds.ifPresent(recovery -> out.append(String.format(Locale.ROOT,
                "kill         node stopped at %s; throughput back to 80%% after %.1f s%n",
                options.killNodeAt().orElseThrow(), recovery)));
        out.append(String.format(Locale.ROOT, "verification %s: %,d acknowledged, %,d stored%n",
                verification.verified() ? "PASSED" : "FAILED", verification.acknowledged(), verification.stored()));
        verification.problems().stream().limit(20).forEach(problem -> out.append("  - ").append(problem)
                .append(System.lineSeparator()));
        return out.toString();
    }

    String json() {
        StringBuilder errorsJson = new StringBuilder("{");
        errors.forEach((kind, count) -> errorsJson.append(errorsJson.length() > 1 ? "," : "")
                .append('"').append(kind.replace("\"", "")).append("\":").append(count));
        errorsJson.append('}');
        long errorTotal = errors.values().stream().mapToLong(Long::longValue).sum();
        return String.format(Locale.ROOT, "{\"backend\":%s,\"nodes\":%d,\"concurrency\":%d,\"keys\":%d,"
                        + "\"via\":\"%s\",\"duration_s\":%.1f,\"ops\":%d,\"ops_per_s\":%.0f,\"p50_ms\":%.3f,"
                        + "\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f,\"errors\":%d,"
                        + "\"errors_by_type\":%s,\"retries\":%d,\"appends\":%d,\"stored\":%d,\"acknowledged\":%d,"
                        + "\"verified\":%s,\"heap_mb\":%d,\"kill_node_at_s\":%s,\"recovery_s\":%s,\"rate\":%s,"
                        + "\"per_second\":%s,\"baseline\":%s,\"ratio\":%s}",
                backend().map(name -> '"' + name + '"').orElse("null"), options.targets().isEmpty() ? options.nodes() : options.targets().size(),
                options.concurrency(), options.keys(), options.via().name().toLowerCase(Locale.ROOT), seconds, ops,
                opsPerSecond(), ms(50), ms(90), ms(99), ms(99.9), latencyMicros.getMaxValue() / 1000.0, errorTotal,
                errorsJson, retries, verification.appends(), verification.stored(), verification.acknowledged(),
                verification.verified(), heapMegabytes,
                options.killNodeAt().map(at -> String.format(Locale.ROOT, "%.1f", at.toMillis() / 1000.0)).orElse("null"),
                recoverySeconds.map(r -> String.format(Locale.ROOT, "%.1f", r)).orElse("null"),
                options.rate().map(String::valueOf).orElse("null"), seriesJson(perSecond),
                baseline.map(LoadTestReport::baselineJson).orElse("null"),
                ratio().map(r -> String.format(Locale.ROOT, "%.3f", r)).orElse("null"));
    }

    private static String baselineJson(Baseline floor) {
        return String.format(Locale.ROOT, "{\"floor\":\"%s\",\"duration_s\":%.1f,\"ops\":%d,\"ops_per_s\":%.0f,"
                        + "\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f,"
                        + "\"per_second\":%s}", floor.floor().replace("\"", ""), floor.seconds(), floor.ops(),
                floor.opsPerSecond(), millis(floor.latencyMicros(), 50), millis(floor.latencyMicros(), 90),
                millis(floor.latencyMicros(), 99), millis(floor.latencyMicros(), 99.9),
                floor.latencyMicros().getMaxValue() / 1000.0, seriesJson(floor.perSecond()));
    }

    private static String seriesJson(List<Second> series) {
        StringBuilder json = new StringBuilder("[");
        for (Second second : series) {
            json.append(json.length() > 1 ? "," : "").append(String.format(Locale.ROOT,
                    "{\"ops\":%d,\"p99_ms\":%.3f,\"warmup\":%s}", second.ops(), second.p99Millis(), second.warmup()));
        }
        return json.append(']').toString();
    }

    private double ms(double percentile) {
        return millis(latencyMicros, percentile);
    }

    private static double millis(Histogram latencyMicros, double percentile) {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    /**
     * Seconds after {@code killSecond} until a one-second bucket reaches 80% of the mean of the five
     * seconds before the kill; empty if it never did.
     */
    static Optional<Double> recovery(List<Long> perSecond, int killSecond) {
        int from = Math.max(0, killSecond - 5);
        if (killSecond <= from || killSecond >= perSecond.size()) {
            return Optional.empty();
        }
        double before = perSecond.subList(from, killSecond).stream().mapToLong(Long::longValue).average().orElse(0);
        for (int second = killSecond; second < perSecond.size(); second++) {
            if (perSecond.get(second) >= 0.8 * before) {
                return Optional.of((double) (second - killSecond + 1));
            }
        }
        return Optional.empty();
    }
}
