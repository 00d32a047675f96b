package io.clstr.adapters.javalin.internal;

import io.clstr.ports.in.operations.ClusterViewQuery.ClusterView;
import io.clstr.ports.in.operations.ClusterViewQuery.Member;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operations routes' response documents. Each context keeps its own beside its routes, apart from the port
 * types, so that a change to a port never changes the API document unnoticed. Instants are written as ISO-8601
 * strings; absent values are left out.
 */
public final class Documents {

    private Documents() {
    }

    /** {@code GET /health/live} and {@code GET /health/ready} when healthy. */
    public record Status(String status) {

        public static final Status UP = new Status("UP");
    }

    /** {@code GET /cluster}; maps are sorted so operators read shards in order. */
    public record Cluster(String nodeId, String cluster, int shardCount, List<ClusterMember> members,
            Map<Integer, String> shardOwners, List<Integer> ownedShards, Map<String, Long> activeEntities) {

        public static Cluster of(ClusterView view) {
            List<ClusterMember> members = new ArrayList<>(view.members().size());
            for (Member member : view.members()) {
                members.add(new ClusterMember(member.nodeId(), member.lastHeartbeat()));
            }
            List<Integer> owned = new ArrayList<>(view.ownedShards());
            owned.sort(null);
            return new Cluster(view.nodeId(), view.cluster(), view.shardCount(), members,
                    new TreeMap<>(view.shardOwners()), owned, new TreeMap<>(view.activeEntities()));
        }
    }

    public record ClusterMember(String nodeId, Instant lastHeartbeat) {
    }
}
