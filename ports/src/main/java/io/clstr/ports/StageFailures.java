package io.clstr.ports;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How to read the failure of a port's {@link java.util.concurrent.CompletionStage}. Ports promise typed
 * failures (a conflict, a timeout, an unreachable store), but the JDK hands them over wrapped: dependent stages
 * see a {@link CompletionException}, {@code get()} throws an {@link ExecutionException}. Application and
 * adapters both read failures this way, and the ports are the one layer both may use.
 *
 * <p>An interface only because the ports hold no classes (ADR-0002); nothing implements it.
 */
public interface StageFailures {

    /** The failure inside any {@link CompletionException} and {@link ExecutionException} wrappers; null stays null. */
    static Throwable causeOf(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
