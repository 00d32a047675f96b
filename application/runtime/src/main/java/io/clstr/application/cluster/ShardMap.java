package io.clstr.application.cluster;

import java.util.Collection;
import java.util.Optional;

/**
 * Where keys live: key → shard by a stable hash modulo a fixed shard count, and shard → node by
 * rendezvous (highest random weight) hashing over the live members. With rendezvous hashing a node
 * joining takes only the shards it now wins, and a node leaving gives up only its own shards; every
 * other shard stays where it is.
 *
 * <p>The shard count is fixed for the life of the data's routing: changing it re-homes most keys,
 * so every node and client of a cluster must use the same count.
 */
public final class ShardMap {

    public static final int DEFAULT_SHARDS = 256;

    private final int shardCount;
    private final long[] shardSeeds;

    public ShardMap(int shardCount) {
        if (shardCount < 1 || shardCount > 65_536) {
            throw new IllegalArgumentException("shard count must be between 1 and 65536, got " + shardCount);
        }
        this.shardCount = shardCount;
        this.shardSeeds = new long[shardCount];
        for (int shard = 0; shard < shardCount; shard++) {
            shardSeeds[shard] = ShardHash.hash("shard-" + shard);
        }
    }

    public int shardCount() {
        return shardCount;
    }

    /** The shard of an entity: hashes its type and id together, so equal ids of different types spread. */
    public int shardOf(String entityType, String entityId) {
        long h = ShardHash.combine(ShardHash.hash(entityType), ShardHash.hash(entityId));
        return (int) Long.remainderUnsigned(h, shardCount);
    }

    /** The member that should own a shard; empty when there are no members. */
    public Optional<String> ownerOf(int shard, Collection<String> members) {
        checkShard(shard);
        String best = null;
        long bestScore = 0;
        for (String member : members) {
            long score = score(shard, member);
            if (best == null || Long.compareUnsigned(score, bestScore) > 0
                    || (score == bestScore && member.compareTo(best) < 0)) {
                best = member;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The shard → owner table for a set of members (index = shard); all nulls without members. */
    public String[] assignments(Collection<String> members) {
        String[] owners = new String[shardCount];
        if (members.isEmpty()) {
            return owners;
        }
        long[] memberHashes = new long[members.size()];
        String[] names = members.toArray(new String[0]);
        for (int i = 0; i < names.length; i++) {
            memberHashes[i] = ShardHash.hash(names[i]);
        }
        for (int shard = 0; shard < shardCount; shard++) {
            int best = 0;
            long bestScore = ShardHash.combine(shardSeeds[shard], memberHashes[0]);
            for (int i = 1; i < names.length; i++) {
                long score = ShardHash.combine(shardSeeds[shard], memberHashes[i]);
                int order = Long.compareUnsigned(score, bestScore);
                if (order > 0 || (order == 0 && names[i].compareTo(names[best]) < 0)) {
                    best = i;
                    bestScore = score;
                }
            }
            owners[shard] = names[best];
        }
        return owners;
    }

    private long score(int shard, String member) {
        return ShardHash.combine(shardSeeds[shard], ShardHash.hash(member));
    }

    private void checkShard(int shard) {
        if (shard < 0 || shard >= shardCount) {
            throw new IllegalArgumentException("shard " + shard + " is outside 0.." + (shardCount - 1));
        }
    }
}
