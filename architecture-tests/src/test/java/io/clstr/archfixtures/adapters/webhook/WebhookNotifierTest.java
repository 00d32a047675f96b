package io.clstr.archfixtures.adapters.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.clstr.archfixtures.ports.out.notification.Notification;
import io.clstr.archfixtures.ports.out.notification.Notifier;
import io.clstr.archfixtures.ports.out.notification.NotifierContract;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;

// tag::webhook-test[]
/** The notifier contract against a real HTTP receiver: the JDK's own server, on a free port. */
class WebhookNotifierTest extends NotifierContract {

    private final List<Notification> received = new CopyOnWriteArrayList<>();
    private final HttpServer receiver;

    /** Starts the receiver first: the contract creates the notifier before any of this class's set-up runs. */
    WebhookNotifierTest() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new Notification(exchange.getRequestHeaders().getFirst(WebhookNotifier.ID_HEADER),
                    exchange.getRequestHeaders().getFirst(WebhookNotifier.TOPIC_HEADER),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            answer(exchange, 204);
        });
        receiver.createContext("/refuse", exchange -> answer(exchange, 503));
        receiver.start();
    }

    @AfterEach
    void stopTheReceiver() {
        receiver.stop(0);
    }

    @Override
    protected Notifier createNotifier() {
        return new WebhookNotifier(url("/hook"), Duration.ofSeconds(5));
    }

    @Override
    protected List<Notification> received() {
        return received;
    }

    @Override
    protected Notifier createRefusingNotifier() {
        return new WebhookNotifier(url("/refuse"), Duration.ofSeconds(5));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + path);
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
// end::webhook-test[]
