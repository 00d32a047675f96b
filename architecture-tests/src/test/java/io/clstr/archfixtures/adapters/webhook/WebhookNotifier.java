package io.clstr.archfixtures.adapters.webhook;

import io.clstr.archfixtures.ports.out.notification.Notification;
import io.clstr.archfixtures.ports.out.notification.NotificationException;
import io.clstr.archfixtures.ports.out.notification.Notifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

// tag::webhook[]
/**
 * Posts each notification to a URL: the text as a plain-text body, the id and topic in headers. Any {@code 2xx}
 * answer means the receiver accepted it.
 */
public final class WebhookNotifier implements Notifier {

    public static final String ID_HEADER = "Notification-Id";
    public static final String TOPIC_HEADER = "Notification-Topic";

    private final URI url;
    private final Duration timeout;
    private final HttpClient client;

    public WebhookNotifier(URI url, Duration timeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public CompletionStage<Void> send(Notification notification) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header(ID_HEADER, notification.id())
                .header(TOPIC_HEADER, notification.topic())
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(notification.text(), StandardCharsets.UTF_8))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            if (failure != null) {
                throw new NotificationException("webhook " + url + " could not be reached: " + failure, failure);
            }
            if (response.statusCode() / 100 != 2) {
                throw new NotificationException("webhook " + url + " answered " + response.statusCode());
            }
            return null;
        });
    }
}
// end::webhook[]
