package io.clstr.adapters.nats.internal;

import io.clstr.ports.out.eventstore.EventStoreException;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the event stream, or checks that an existing one keeps every event: the events are the record, so
 * a stream with age, size or count limits, or with interest or work-queue retention, is refused rather than
 * used (it would silently discard events, after which aggregates can no longer be rebuilt).
 */
public final class EventStreamSetup {

    private static final Logger LOG = LoggerFactory.getLogger(EventStreamSetup.class);
    private static final int STREAM_NOT_FOUND = 10059;
    private static final int STREAM_NAME_IN_USE = 10058;

    private EventStreamSetup() {
    }

    /** The stream's configuration once it exists and is fit to hold events; fails otherwise. */
    public static StreamConfiguration ensure(Connection connection, JetStreamManagement management, String name,
            String subjects, int replicas, Duration duplicateWindow) {
        try {
            StreamInfo existing = StreamCreation.ensure(connection, name, () -> find(management, name),
                    () -> create(management, name, subjects, replicas, duplicateWindow));
            StreamConfiguration config = existing.getConfiguration();
            List<String> problems = problems(config, subjects);
            if (!problems.isEmpty()) {
                throw new EventStoreException("refusing JetStream stream " + name + " as the event store: "
                        + String.join("; ", problems)
                        + ". Fix the stream (nats stream edit) or delete it so that clstr creates it.");
            }
            if (config.getReplicas() != replicas) {
                LOG.info("event stream {} has {} replicas; the settings ask for {} (the stream is left as it is)",
                        name, config.getReplicas(), replicas);
            }
            return config;
        } catch (IOException | JetStreamApiException e) {
            throw new EventStoreException("cannot set up JetStream stream " + name + ": " + e.getMessage(), e);
        }
    }

    /** What makes an existing stream unfit to keep events, in words an operator can act on. */
    static List<String> problems(StreamConfiguration config, String subjects) {
        List<String> problems = new ArrayList<>();
        if (config.getRetentionPolicy() != RetentionPolicy.Limits) {
            problems.add("retention " + config.getRetentionPolicy() + " drops events once consumed (use limits)");
        }
        if (config.getMaxAge() != null && !config.getMaxAge().isZero()) {
            problems.add("max age " + config.getMaxAge() + " discards old events");
        }
        if (config.getMaxBytes() > 0) {
            problems.add("max bytes " + config.getMaxBytes() + " discards events");
        }
        if (config.getMaxMsgs() > 0) {
            problems.add("max messages " + config.getMaxMsgs() + " discards events");
        }
        if (config.getMaxMsgsPerSubject() > 0) {
            problems.add("max messages per subject " + config.getMaxMsgsPerSubject() + " discards events");
        }
        if (config.getStorageType() != StorageType.File) {
            problems.add("storage " + config.getStorageType() + " loses events when the server restarts");
        }
        if (config.getSealed()) {
            problems.add("the stream is sealed (no appends)");
        }
        if (config.getMirror() != null) {
            problems.add("the stream is a mirror (no appends)");
        }
        if (!config.getAllowDirect()) {
            problems.add("allow_direct is off (reads use direct gets)");
        }
        if (!config.getSubjects().contains(subjects)) {
            problems.add("its subjects " + config.getSubjects() + " do not include " + subjects);
        }
        return problems;
    }

    /** Deletes the stream; returns whether it existed. */
    public static boolean delete(JetStreamManagement management, String name) {
        try {
            return management.deleteStream(name);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                return false;
            }
            throw new EventStoreException("cannot delete stream " + name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new EventStoreException("cannot delete stream " + name + ": " + e.getMessage(), e);
        }
    }

    private static StreamInfo find(JetStreamManagement management, String name)
            throws IOException, JetStreamApiException {
        try {
            return management.getStreamInfo(name);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private static StreamInfo create(JetStreamManagement management, String name, String subjects, int replicas,
            Duration duplicateWindow) throws IOException, JetStreamApiException {
        StreamConfiguration config = StreamConfiguration.builder()
                .name(name)
                .subjects(subjects)
                .storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits)
                .discardPolicy(DiscardPolicy.Old)
                .maxAge(Duration.ZERO)
                .maxBytes(-1)
                .maxMessages(-1)
                .maxMessagesPerSubject(-1)
                .replicas(replicas)
                .duplicateWindow(duplicateWindow)
                .allowDirect(true)
                .denyDelete(true)
                .denyPurge(true)
                .build();
        try {
            StreamInfo created = management.addStream(config);
            LOG.info("created event stream {} ({} replicas, subjects {})", name, replicas, subjects);
            return created;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NAME_IN_USE) {
                // Another process created it first: check theirs like any existing stream.
                return management.getStreamInfo(name);
            }
            throw e;
        }
    }
}
