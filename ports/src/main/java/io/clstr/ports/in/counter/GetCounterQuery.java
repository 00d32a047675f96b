package io.clstr.ports.in.counter;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Reads a counter from its owner; empty if it was never incremented. */
public interface GetCounterQuery {

    CompletionStage<Optional<CounterView>> getCounter(String counterId);
}
