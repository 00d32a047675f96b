package io.clstr.bootstrap.loadtest;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The {@code --output} file: an HdrHistogram interval log of the measured latencies (microseconds), one interval
 * a second, which HistogramLogProcessor, HdrHistogram's plotter and HistogramLogAnalyzer read. Without
 * {@code --output} it writes nothing.
 */
final class LatencyLog implements AutoCloseable {

    /** The log's max-value column in milliseconds, for values recorded in microseconds. */
    private static final double MICROS_PER_MILLI = 1000.0;

    private final HistogramLogWriter writer;

    private LatencyLog(HistogramLogWriter writer) {
        this.writer = writer;
    }

    /** Opens (and truncates) {@code file}, if there is one, and writes the log's header. */
    static LatencyLog open(Optional<Path> file) {
        if (file.isEmpty()) {
            return new LatencyLog(null);
        }
        try {
            HistogramLogWriter writer = new HistogramLogWriter(file.get().toFile());
            long now = System.currentTimeMillis();
            writer.outputLogFormatVersion();
            writer.outputComment("clstr loadtest: increment latencies in microseconds; intervals tagged baseline"
                    + " are the bare floor's");
            writer.outputStartTime(now);
            writer.setBaseTime(now);
            writer.outputLegend();
            return new LatencyLog(writer);
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("cannot write --output " + file.get() + ": " + e.getMessage(), e);
        }
    }

    /** Appends one interval; {@code tag} names whose it is (none for clstr's). */
    void interval(Histogram histogram, Optional<String> tag) {
        if (writer == null) {
            return;
        }
        histogram.setTag(tag.orElse(null));
        long base = writer.getBaseTime();
        writer.outputIntervalHistogram((histogram.getStartTimeStamp() - base) / 1000.0,
                (histogram.getEndTimeStamp() - base) / 1000.0, histogram, MICROS_PER_MILLI);
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
    }
}
