package io.clstr.archfixtures.adapters.memory;

import io.clstr.archfixtures.ports.out.notification.Notification;
import io.clstr.archfixtures.ports.out.notification.Notifier;
import io.clstr.archfixtures.ports.out.notification.NotifierContract;
import java.util.List;

// tag::in-memory-test[]
class InMemoryNotifierTest extends NotifierContract {

    private final InMemoryNotifier notifier = new InMemoryNotifier();

    @Override
    protected Notifier createNotifier() {
        return notifier;
    }

    @Override
    protected List<Notification> received() {
        return notifier.sent();
    }

    @Override
    protected Notifier createRefusingNotifier() {
        return InMemoryNotifier.refusing();
    }
}
// end::in-memory-test[]
