package io.clstr.ports.in.operations;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What this node knows of the cluster, for operators. */
public interface ClusterViewQuery {

    ClusterView clusterView();

    /**
     * @param nodeId this node
     * @param members the live members this node sees
     * @param shardOwners shard number to the node currently holding its lease (missing: unowned)
     * @param ownedShards shards this node serves
     * @param activeEntities entities active on this node, per aggregate type
     */
    record ClusterView(String nodeId, String cluster, int shardCount, List<Member> members,
            Map<Integer, String> shardOwners, List<Integer> ownedShards, Map<String, Long> activeEntities) {
        public ClusterView {
            members = List.copyOf(members);
            shardOwners = Map.copyOf(shardOwners);
            ownedShards = List.copyOf(ownedShards);
            activeEntities = Map.copyOf(activeEntities);
        }
    }

    /** A live member and when it last reported. */
    record Member(String nodeId, Instant lastHeartbeat) {
    }
}
