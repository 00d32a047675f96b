package io.clstr.ports.in.operations;

/** Liveness and readiness of this node. */
public interface HealthQuery {

    /** Ready means the node serves its shards and its stores answer. */
    Health readiness();

    /** @param problem why the node is not ready; empty when ready */
    record Health(boolean ready, String problem) {
        public static Health healthy() {
            return new Health(true, "");
        }

        public static Health notReady(String problem) {
            return new Health(false, problem);
        }
    }
}
