package io.clstr.ports.in.counter;

/** A counter's value and version (its number of increments). */
public record CounterView(String counterId, long value, long version) {
}
