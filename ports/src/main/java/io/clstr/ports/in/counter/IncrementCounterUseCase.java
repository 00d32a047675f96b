package io.clstr.ports.in.counter;

import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.RequestContext;
import java.util.concurrent.CompletionStage;

/** Adds a positive amount to a counter (counters start at zero). */
public interface IncrementCounterUseCase {

    CompletionStage<CommandOutcome<CounterView>> increment(String counterId, long amount, RequestContext context);
}
