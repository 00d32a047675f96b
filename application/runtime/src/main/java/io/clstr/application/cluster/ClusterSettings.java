package io.clstr.application.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a node takes part in a cluster.
 *
 * @param cluster the cluster's name: nodes and clients of one cluster share it (and its subjects)
 * @param nodeId this node's id, unique in the cluster ({@code [A-Za-z0-9_-]}, up to 64 characters)
 * @param shardCount the fixed number of shards; every node and client must use the same
 * @param subjectPrefix the first token of the cluster's subjects
 * @param heartbeatInterval how often a node renews its membership and re-checks its shards
 * @param memberTtl a member not heard from for this long is considered gone (the membership bucket's max age)
 * @param attemptTimeout how long a client waits for one attempt of a request before retrying it
 * @param handoffTimeout how long a node waits for a shard's in-flight work before releasing it anyway
 */
public record ClusterSettings(
        String cluster,
        String nodeId,
        int shardCount,
        String subjectPrefix,
        Duration heartbeatInterval,
        Duration memberTtl,
        Duration attemptTimeout,
        Duration handoffTimeout) {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public ClusterSettings {
        token(cluster, "cluster");
        token(nodeId, "nodeId");
        token(subjectPrefix, "subjectPrefix");
        if (shardCount < 1 || shardCount > 65_536) {
            throw new IllegalArgumentException("shardCount must be between 1 and 65536, got " + shardCount);
        }
        positive(heartbeatInterval, "heartbeatInterval");
        positive(memberTtl, "memberTtl");
        positive(attemptTimeout, "attemptTimeout");
        positive(handoffTimeout, "handoffTimeout");
        if (memberTtl.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("memberTtl must be at least two heartbeat intervals");
        }
    }

    /** Cluster {@code clstr}, 256 shards, heartbeat 1 s, member TTL 5 s, attempts of 2 s, handoff within 5 s. */
    public static ClusterSettings defaults(String nodeId) {
        return new ClusterSettings("clstr", nodeId, ShardMap.DEFAULT_SHARDS, "clstr", Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    public ClusterSettings withCluster(String value) {
        return new ClusterSettings(value, nodeId, shardCount, subjectPrefix, heartbeatInterval, memberTtl,
                attemptTimeout, handoffTimeout);
    }

    public ClusterSettings withShardCount(int value) {
        return new ClusterSettings(cluster, nodeId, value, subjectPrefix, heartbeatInterval, memberTtl, attemptTimeout,
                handoffTimeout);
    }

    public ClusterSettings withTimings(Duration heartbeat, Duration ttl) {
        return new ClusterSettings(cluster, nodeId, shardCount, subjectPrefix, heartbeat, ttl, attemptTimeout,
                handoffTimeout);
    }

    public ClusterSettings withAttemptTimeout(Duration value) {
        return new ClusterSettings(cluster, nodeId, shardCount, subjectPrefix, heartbeatInterval, memberTtl, value,
                handoffTimeout);
    }

    public ClusterSettings withHandoffTimeout(Duration value) {
        return new ClusterSettings(cluster, nodeId, shardCount, subjectPrefix, heartbeatInterval, memberTtl,
                attemptTimeout, value);
    }

    /**
     * How long a membership bucket should keep an entry nobody rewrites: garbage collection of members that
     * vanished, far beyond any election or outage the nodes ride out. Expiry judges no one: nodes judge
     * freshness themselves, and an entry that expired in the middle of an outage would look like a member that
     * left.
     */
    public static Duration memberEntryMaxAge(Duration memberTtl) {
        Duration tenTtls = memberTtl.multipliedBy(10);
        Duration floor = Duration.ofMinutes(10);
        return tenTtls.compareTo(floor) > 0 ? tenTtls : floor;
    }

    /** The subject of a shard: {@code <prefix>.<cluster>.shard.<n>}. */
    public String shardSubject(int shard) {
        return subjectPrefix + "." + cluster + ".shard." + shard;
    }

    /** The subject a node answers on while it runs: {@code <prefix>.<cluster>.node.<nodeId>}. */
    public String nodeSubject(String node) {
        return subjectPrefix + "." + cluster + ".node." + node;
    }

    /** The queue group shard subscribers share, so an overlap of two owners never delivers a message twice. */
    public String queueGroup() {
        return cluster;
    }

    private static void token(String value, String name) {
        Objects.requireNonNull(value, name);
        if (!TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must match [A-Za-z0-9_-]{1,64}, got '" + value + "'");
        }
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
