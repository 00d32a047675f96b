package io.clstr.archfixtures.adapters.memory;

import io.clstr.archfixtures.ports.out.notification.Notification;
import io.clstr.archfixtures.ports.out.notification.NotificationException;
import io.clstr.archfixtures.ports.out.notification.Notifier;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

// tag::in-memory[]
/** Keeps notifications in memory instead of sending them: for tests, demos and the embedded default. */
public final class InMemoryNotifier implements Notifier {

    private final List<Notification> sent = new CopyOnWriteArrayList<>();
    private final boolean refusing;

    public InMemoryNotifier() {
        this(false);
    }

    private InMemoryNotifier(boolean refusing) {
        this.refusing = refusing;
    }

    /** A notifier that refuses everything, to test how callers cope. */
    public static InMemoryNotifier refusing() {
        return new InMemoryNotifier(true);
    }

    @Override
    public CompletionStage<Void> send(Notification notification) {
        if (refusing) {
            return CompletableFuture.failedFuture(new NotificationException("refused: " + notification.id()));
        }
        sent.add(notification);
        return CompletableFuture.completedFuture(null);
    }

    /** Every notification accepted so far, in order. */
    public List<Notification> sent() {
        return List.copyOf(sent);
    }
}
// end::in-memory[]
