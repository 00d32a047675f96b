package io.clstr.archfixtures.bootstrap;

import io.clstr.archfixtures.adapters.memory.InMemoryNotifier;
import io.clstr.archfixtures.adapters.webhook.WebhookNotifier;
import io.clstr.archfixtures.ports.out.notification.Notifier;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** How {@code docs/guides/add-a-port-and-adapter.md} has bootstrap choose the notification adapter. */
final class NotifierWiring {

    private NotifierWiring() {
    }

    // tag::choose[]
    /** The webhook when a URL is configured; otherwise notifications stay in memory. */
    static Notifier notifier(Optional<URI> webhook, Duration timeout) {
        return webhook.<Notifier>map(url -> new WebhookNotifier(url, timeout)).orElseGet(InMemoryNotifier::new);
    }
    // end::choose[]
}
