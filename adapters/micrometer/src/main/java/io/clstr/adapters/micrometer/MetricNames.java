package io.clstr.adapters.micrometer;

import java.util.List;

/**
 * The Prometheus metric families the Micrometer adapter emits, as they appear in a scrape. Names in the
 * {@code clstr_es_*}, {@code clstr_actor_*} and {@code clstr_cluster_*} families match the clstr-go set, so
 * its dashboards and alerts keep working. Every timer and distribution summary also emits a
 * {@code <name>_max} gauge (Micrometer's decaying maximum), which {@link #ALL} leaves out.
 */
public final class MetricNames {

    // Event sourcing.
    public static final String ES_STORE_LOAD_DURATION = "clstr_es_store_load_duration_seconds";
    public static final String ES_STORE_APPEND_DURATION = "clstr_es_store_append_duration_seconds";
    public static final String ES_EVENTS_APPENDED = "clstr_es_events_appended_total";
    public static final String ES_REPO_LOAD_DURATION = "clstr_es_repo_load_duration_seconds";
    public static final String ES_REPO_SAVE_DURATION = "clstr_es_repo_save_duration_seconds";
    public static final String ES_CONCURRENCY_CONFLICTS = "clstr_es_concurrency_conflicts_total";
    public static final String ES_CACHE_HITS = "clstr_es_cache_hits_total";
    public static final String ES_CACHE_MISSES = "clstr_es_cache_misses_total";
    public static final String ES_PASSIVATIONS = "clstr_es_passivations_total";
    public static final String ES_COMMIT_BATCH_SIZE = "clstr_es_commit_batch_size";
    public static final String ES_ENTITIES_ACTIVE = "clstr_es_entities_active";
    public static final String ES_SNAPSHOT_LOAD_DURATION = "clstr_es_snapshot_load_duration_seconds";
    public static final String ES_SNAPSHOT_SAVE_DURATION = "clstr_es_snapshot_save_duration_seconds";
    public static final String ES_SNAPSHOTS_SKIPPED = "clstr_es_snapshots_skipped_total";
    public static final String ES_CONSUMER_EVENT_DURATION = "clstr_es_consumer_event_duration_seconds";
    public static final String ES_CONSUMER_EVENTS = "clstr_es_consumer_events_total";
    public static final String ES_CONSUMER_LAG = "clstr_es_consumer_lag";
    public static final String ES_CONSUMER_RECONNECTS = "clstr_es_consumer_reconnects_total";
    public static final String ES_CONSUMER_PARKED = "clstr_es_consumer_parked_total";

    // Actors.
    public static final String ACTOR_MESSAGE_DURATION = "clstr_actor_message_duration_seconds";
    public static final String ACTOR_MESSAGES = "clstr_actor_messages_total";
    public static final String ACTOR_PANICS = "clstr_actor_panics_total";
    public static final String ACTOR_MAILBOX_REJECTIONS = "clstr_actor_mailbox_rejections_total";
    public static final String ACTOR_MAILBOX_DEPTH = "clstr_actor_mailbox_depth";
    public static final String ACTOR_SCHEDULER_INFLIGHT = "clstr_actor_scheduler_inflight";
    public static final String ACTOR_SCHEDULER_TASK_DURATION = "clstr_actor_scheduler_task_duration_seconds";
    public static final String ACTOR_SCHEDULER_TASKS = "clstr_actor_scheduler_tasks_total";

    // Cluster.
    public static final String CLUSTER_REQUEST_DURATION = "clstr_cluster_request_duration_seconds";
    public static final String CLUSTER_REQUESTS = "clstr_cluster_requests_total";
    public static final String CLUSTER_TRANSPORT_ERRORS = "clstr_cluster_transport_errors_total";
    public static final String CLUSTER_RETRIES = "clstr_cluster_retries_total";
    public static final String CLUSTER_HANDLER_DURATION = "clstr_cluster_handler_duration_seconds";
    public static final String CLUSTER_HANDLERS = "clstr_cluster_handlers_total";
    public static final String CLUSTER_HANDLERS_ACTIVE = "clstr_cluster_handlers_active";
    public static final String CLUSTER_SHARDS_OWNED = "clstr_cluster_shards_owned";
    public static final String CLUSTER_MEMBERS = "clstr_cluster_members";
    public static final String CLUSTER_SHARD_MOVES = "clstr_cluster_shard_moves_total";

    // HTTP, following Micrometer's http.server.requests convention.
    public static final String HTTP_SERVER_REQUESTS = "http_server_requests_seconds";

    /** Every family above, in this order. */
    public static final List<String> ALL = List.of(
            ES_STORE_LOAD_DURATION, ES_STORE_APPEND_DURATION, ES_EVENTS_APPENDED, ES_REPO_LOAD_DURATION,
            ES_REPO_SAVE_DURATION, ES_CONCURRENCY_CONFLICTS, ES_CACHE_HITS, ES_CACHE_MISSES, ES_PASSIVATIONS,
            ES_COMMIT_BATCH_SIZE, ES_ENTITIES_ACTIVE, ES_SNAPSHOT_LOAD_DURATION, ES_SNAPSHOT_SAVE_DURATION,
            ES_SNAPSHOTS_SKIPPED, ES_CONSUMER_EVENT_DURATION, ES_CONSUMER_EVENTS, ES_CONSUMER_LAG, ES_CONSUMER_RECONNECTS,
            ES_CONSUMER_PARKED,
            ACTOR_MESSAGE_DURATION, ACTOR_MESSAGES, ACTOR_PANICS, ACTOR_MAILBOX_REJECTIONS, ACTOR_MAILBOX_DEPTH,
            ACTOR_SCHEDULER_INFLIGHT, ACTOR_SCHEDULER_TASK_DURATION, ACTOR_SCHEDULER_TASKS,
            CLUSTER_REQUEST_DURATION, CLUSTER_REQUESTS, CLUSTER_TRANSPORT_ERRORS,
            CLUSTER_RETRIES, CLUSTER_HANDLER_DURATION, CLUSTER_HANDLERS, CLUSTER_HANDLERS_ACTIVE,
            CLUSTER_SHARDS_OWNED, CLUSTER_MEMBERS, CLUSTER_SHARD_MOVES,
            HTTP_SERVER_REQUESTS);

    private MetricNames() {
    }
}
