package io.clstr.application.eventsourcing;

import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.RequestContext;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * How a service sends commands to one aggregate's entities: builds the request from the caller's
 * {@link RequestContext} (command id, expected version, deadline), shows an accepted state as the port's view, and
 * turns every failure into what the driving ports promise ({@link CommandOutcomes}), invalid input found while
 * building the command included.
 *
 * @param <C> the aggregate's commands
 * @param <S> its state
 * @param <V> the view the ports answer with
 */
public final class CommandDispatch<C, S, V> {

    private final CommandGateway<C, S> entities;
    private final BiFunction<S, Long, V> view;

    /** @param view the view of a state at a version (the version becomes the HTTP ETag) */
    public CommandDispatch(CommandGateway<C, S> entities, BiFunction<S, Long, V> view) {
        this.entities = Objects.requireNonNull(entities, "entities");
        this.view = Objects.requireNonNull(view, "view");
    }

    /**
     * Builds the command and sends it to the entity; a command that cannot be built (invalid input) fails the
     * returned stage instead of throwing.
     *
     * @param fingerprint what the client asked ({@link RequestFingerprint#of}), without what the service adds (times,
     *     derived ids): the same command id sent with another request is refused rather than answered with this one
     */
    public CompletionStage<CommandOutcome<V>> send(String entityId, Supplier<C> command, long fingerprint,
            RequestContext context) {
        try {
            CommandRequest<C> request = new CommandRequest<>(entityId, command.get(), context.commandId(),
                    context.expectedVersion(), fingerprint);
            return CommandOutcomes.outcome(entities.execute(request, context.timeout()), view);
        } catch (RuntimeException e) {
            return CommandOutcomes.failed(e);
        }
    }

    /**
     * A stable id from a command id, for an entity the command creates: a retried request (same command id) addresses
     * the same entity, so its command window recognises the retry instead of creating a second one.
     */
    public static String derivedId(String kind, String commandId) {
        return UUID.nameUUIDFromBytes((kind + ":" + commandId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
