package io.clstr.adapters.javalin;

import io.clstr.ports.in.counter.CounterView;
import io.clstr.ports.in.counter.GetCounterQuery;
import io.clstr.ports.in.counter.IncrementCounterUseCase;
import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Counters in a map; remembers the amounts and contexts it was called with. */
final class FakeCounters implements IncrementCounterUseCase, GetCounterQuery {

    final List<Long> amounts = new CopyOnWriteArrayList<>();
    final List<RequestContext> contexts = new CopyOnWriteArrayList<>();

    private final Map<String, CounterView> counters = new ConcurrentHashMap<>();
    private final Map<String, CounterView> answersByCommandId = new ConcurrentHashMap<>();
    private final AtomicReference<Supplier<CompletionStage<CommandOutcome<CounterView>>>> nextIncrement =
            new AtomicReference<>();

    void nextIncrement(Supplier<CompletionStage<CommandOutcome<CounterView>>> answer) {
        nextIncrement.set(answer);
    }

    @Override
    public CompletionStage<CommandOutcome<CounterView>> increment(String counterId, long amount,
            RequestContext context) {
        amounts.add(amount);
        contexts.add(context);
        Supplier<CompletionStage<CommandOutcome<CounterView>>> replacement = nextIncrement.getAndSet(null);
        if (replacement != null) {
            return replacement.get();
        }
        CounterView earlier = answersByCommandId.get(context.commandId());
        if (earlier != null) {
            return CompletableFuture.completedFuture(new CommandOutcome.Accepted<>(earlier, true));
        }
        CounterView counter = counters.merge(counterId, new CounterView(counterId, amount, 1),
                (old, added) -> new CounterView(counterId, old.value() + amount, old.version() + 1));
        answersByCommandId.put(context.commandId(), counter);
        return CompletableFuture.completedFuture(new CommandOutcome.Accepted<>(counter, false));
    }

    @Override
    public CompletionStage<Optional<CounterView>> getCounter(String counterId) {
        return CompletableFuture.completedFuture(Optional.ofNullable(counters.get(counterId)));
    }
}
