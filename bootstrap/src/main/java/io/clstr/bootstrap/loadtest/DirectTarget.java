package io.clstr.bootstrap.loadtest;

import io.clstr.application.cluster.ClusterClient;
import io.clstr.application.eventsourcing.CommandGateway;
import io.clstr.application.eventsourcing.CommandRequest;
import io.clstr.application.eventsourcing.CommandResult;
import io.clstr.domain.counter.Counter;
import io.clstr.domain.counter.CounterAggregate;
import io.clstr.domain.counter.CounterCommand;
import io.clstr.ports.StageFailures;
import io.clstr.ports.in.request.ServiceUnavailableException;
import io.clstr.ports.out.eventstore.ConcurrencyConflictException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Sends increments straight through a routing client, as another service in the cluster would. */
final class DirectTarget implements LoadTarget {

    private static final CounterCommand.Increment ONE = new CounterCommand.Increment(1);

    private final CommandGateway<CounterCommand, Counter> counters;
    private final Duration timeout;
    private final AutoCloseable resources;

    DirectTarget(ClusterClient client, Duration timeout, AutoCloseable resources) {
        this.counters = client.gateway(CounterAggregate.TYPE, Counter.class);
        this.timeout = timeout;
        this.resources = resources;
    }

    @Override
    public CompletionStage<Void> increment(String counterId, String commandId) {
        return counters.execute(CommandRequest.of(counterId, ONE, commandId), timeout).handle((result, error) -> {
            if (error != null) {
                throw translate(error);
            }
            if (!(result instanceof CommandResult.Accepted)) {
                throw new IllegalStateException("increment refused: " + result);
            }
            return null;
        });
    }

    @Override
    public CompletionStage<Long> value(String counterId) {
        return counters.state(counterId, timeout).thenApply(state -> state.state().value());
    }

    private static RuntimeException translate(Throwable error) {
        Throwable cause = StageFailures.causeOf(error);
        if (cause instanceof ServiceUnavailableException) {
            return new RetryableException("unavailable", cause.getMessage());
        }
        if (cause instanceof ConcurrencyConflictException) {
            return new RetryableException("conflict", cause.getMessage());
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
