package io.clstr.bootstrap;

import io.clstr.ports.in.operations.ClusterViewQuery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The cluster view of a node that runs alone: it is the only member and owns every shard. Active entity
 * counts are read live from the entity runtimes.
 */
final class SingleNodeClusterView implements ClusterViewQuery {

    private final String nodeId;
    private final String cluster;
    private final int shardCount;
    private final Clock clock;
    private final Map<String, IntSupplier> activeEntities;
    // Built once: the view's copies of immutable collections are the collections themselves.
    private final Map<Integer, String> shardOwners;
    private final List<Integer> shards;

    /** @param activeEntities per aggregate type, how many of its entities are active now */
    SingleNodeClusterView(String nodeId, String cluster, int shardCount, Clock clock,
            Map<String, IntSupplier> activeEntities) {
        this.nodeId = nodeId;
        this.cluster = cluster;
        this.shardCount = shardCount;
        this.clock = clock;
        this.activeEntities = new LinkedHashMap<>(activeEntities);
        Map<Integer, String> owners = new HashMap<>();
        List<Integer> all = new ArrayList<>(shardCount);
        for (int shard = 0; shard < shardCount; shard++) {
            owners.put(shard, nodeId);
            all.add(shard);
        }
        this.shardOwners = Map.copyOf(owners);
        this.shards = List.copyOf(all);
    }

    @Override
    public ClusterView clusterView() {
        Map<String, Long> active = new LinkedHashMap<>();
        activeEntities.forEach((type, count) -> active.put(type, (long) count.getAsInt()));
        // Alone, the node is its own heartbeat: it is alive whenever it answers.
        return new ClusterView(nodeId, cluster, shardCount, List.of(new Member(nodeId, clock.instant())), shardOwners,
                shards, active);
    }
}
