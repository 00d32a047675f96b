package io.clstr.application.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardMapTest {

    private static final int PINNED_ORDER_O42 = 159;
    private static final int PINNED_COUNTER_BENCH = 17;

    private final ShardMap shards = new ShardMap(256);

    @Test
    void shard_numbers_are_pinned() {
        // Part of the wire contract between clients and nodes: must never change.
        assertThat(new ShardMap(256).shardOf("order", "o-42")).isEqualTo(PINNED_ORDER_O42);
        assertThat(new ShardMap(64).shardOf("counter", "bench")).isEqualTo(PINNED_COUNTER_BENCH);
    }

    @Test
    void a_key_always_maps_to_the_same_shard_in_range() {
        ShardMap another = new ShardMap(256);
        for (int i = 0; i < 10_000; i++) {
            String id = "key-" + Integer.toHexString(i * 7919);
            assertThat(shards.shardOf("order", id)).isBetween(0, 255).isEqualTo(another.shardOf("order", id));
        }
    }

    @Test
    void keys_spread_evenly_over_shards() {
        int[] counts = new int[256];
        int keys = 256_000;
        for (int i = 0; i < keys; i++) {
            counts[shards.shardOf("counter", "user-" + i)]++;
        }
        // Mean 1000 per shard; binomial standard deviation ~31. Allow 6 sigma.
        assertThat(IntStream.of(counts).min().orElseThrow()).isGreaterThan(810);
        assertThat(IntStream.of(counts).max().orElseThrow()).isLessThan(1190);
    }

    @Test
    void equal_ids_of_different_types_usually_land_on_different_shards() {
        long same = IntStream.range(0, 1000)
                .filter(i -> shards.shardOf("order", "x" + i) == shards.shardOf("counter", "x" + i))
                .count();
        assertThat(same).isLessThan(20);
    }

    @Test
    void every_shard_has_exactly_one_owner_among_the_members() {
        for (List<String> members : memberSets()) {
            String[] owners = shards.assignments(members);
            for (int shard = 0; shard < owners.length; shard++) {
                assertThat(owners[shard]).isIn(members);
                assertThat(shards.ownerOf(shard, members)).contains(owners[shard]);
            }
        }
    }

    @Test
    void placement_does_not_depend_on_member_order() {
        for (List<String> members : memberSets()) {
            List<String> reversed = new ArrayList<>(members);
            java.util.Collections.reverse(reversed);
            assertThat(shards.assignments(reversed)).containsExactly(shards.assignments(members));
        }
    }

    @Test
    void a_joining_node_takes_only_the_shards_it_wins() {
        for (List<String> members : memberSets()) {
            String joiner = "joiner-" + members.size();
            String[] before = shards.assignments(members);
            List<String> grown = new ArrayList<>(members);
            grown.add(joiner);
            String[] after = shards.assignments(grown);
            for (int shard = 0; shard < before.length; shard++) {
                if (!after[shard].equals(before[shard])) {
                    assertThat(after[shard]).as("shard %d moved to a node other than the joiner", shard)
                            .isEqualTo(joiner);
                }
            }
        }
    }

    @Test
    void a_leaving_node_gives_up_only_its_own_shards() {
        for (List<String> members : memberSets()) {
            if (members.size() < 2) {
                continue;
            }
            String leaver = members.get(members.size() / 2);
            String[] before = shards.assignments(members);
            List<String> shrunk = members.stream().filter(m -> !m.equals(leaver)).collect(Collectors.toList());
            String[] after = shards.assignments(shrunk);
            for (int shard = 0; shard < before.length; shard++) {
                if (!before[shard].equals(leaver)) {
                    assertThat(after[shard]).as("shard %d moved although its owner stayed", shard)
                            .isEqualTo(before[shard]);
                }
            }
        }
    }

    @Test
    void shards_are_shared_fairly_between_three_nodes() {
        String[] owners = new ShardMap(256).assignments(List.of("node-1", "node-2", "node-3"));
        for (String node : List.of("node-1", "node-2", "node-3")) {
            long owned = java.util.Arrays.stream(owners).filter(node::equals).count();
            // 256 / 3 = 85.3 on average; rendezvous hashing is random-like, so allow a wide band.
            assertThat(owned).as("shards of %s", node).isBetween(55L, 115L);
        }
    }

    @Test
    void no_members_means_no_owner() {
        assertThat(shards.ownerOf(3, List.of())).isEmpty();
        assertThat(shards.assignments(Set.of())).containsOnlyNulls();
    }

    @Test
    void rejects_invalid_shard_counts_and_numbers() {
        assertThatThrownBy(() -> new ShardMap(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> shards.ownerOf(256, List.of("a"))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Random member sets (1 to 10 distinct node names), from a fixed seed so failures reproduce. */
    private static List<List<String>> memberSets() {
        Random random = new Random(7);
        List<List<String>> sets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Set<String> names = new java.util.LinkedHashSet<>();
            int size = 1 + random.nextInt(10);
            while (names.size() < size) {
                names.add("node-" + Integer.toString(random.nextInt(100_000), 36));
            }
            sets.add(List.copyOf(names));
        }
        return sets;
    }
}
