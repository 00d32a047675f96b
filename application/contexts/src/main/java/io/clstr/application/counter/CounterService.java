package io.clstr.application.counter;

import io.clstr.application.eventsourcing.CommandDispatch;
import io.clstr.application.eventsourcing.CommandGateway;
import io.clstr.application.eventsourcing.CommandOutcomes;
import io.clstr.application.eventsourcing.RequestFingerprint;
import io.clstr.domain.counter.Counter;
import io.clstr.domain.counter.CounterCommand;
import io.clstr.ports.in.counter.CounterView;
import io.clstr.ports.in.counter.GetCounterQuery;
import io.clstr.ports.in.counter.IncrementCounterUseCase;
import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.RequestContext;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The counter use cases over the counter entities. */
public final class CounterService implements IncrementCounterUseCase, GetCounterQuery {

    private final CommandGateway<CounterCommand, Counter> counters;
    private final CommandDispatch<CounterCommand, Counter, CounterView> dispatch;
    private final Duration readTimeout;

    public CounterService(CommandGateway<CounterCommand, Counter> counters, Duration readTimeout) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.dispatch = new CommandDispatch<>(counters,
                (counter, version) -> new CounterView(counter.id(), counter.value(), version));
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    }

    @Override
    public CompletionStage<CommandOutcome<CounterView>> increment(String counterId, long amount, RequestContext context) {
        return dispatch.send(counterId, () -> new CounterCommand.Increment(amount),
                RequestFingerprint.of("increment-counter", amount), context);
    }

    @Override
    public CompletionStage<Optional<CounterView>> getCounter(String counterId) {
        return CommandOutcomes.translated(counters.state(counterId, readTimeout).thenApply(current -> current.exists()
                ? Optional.of(new CounterView(counterId, current.state().value(), current.version()))
                : Optional.empty()));
    }
}
