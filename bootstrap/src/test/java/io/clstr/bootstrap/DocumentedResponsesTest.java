package io.clstr.bootstrap;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.adapters.javalin.ApiDocument;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/** The check TestNode applies to every response: documented fields only, documented media types only. */
class DocumentedResponsesTest {

    private static final String UP = "{\"status\":\"UP\"}";
    private static final String NOT_READY = "{\"type\":\"/problems/not-ready\",\"title\":\"Not ready\","
            + "\"status\":503,\"detail\":\"Starting.\",\"instance\":\"/health/ready\",\"code\":\"NOT_READY\"}";

    /** The base document: the operations routes it checks here need no context. */
    private final DocumentedResponses documented = DocumentedResponses.of(ApiDocument.of(List.of()));

    @Test
    void a_documented_body_passes() {
        assertThatCode(() -> documented.check("GET", "/health/live", response(200, "application/json", UP)))
                .doesNotThrowAnyException();
        assertThatCode(() -> documented.check("GET", "/health/ready",
                response(503, "application/problem+json", NOT_READY))).doesNotThrowAnyException();
    }

    @Test
    void a_field_the_document_does_not_list_fails() {
        String withExtraField = "{\"status\":\"UP\",\"uptime\":12}";

        assertThatThrownBy(() -> documented.check("GET", "/health/live",
                response(200, "application/json", withExtraField)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("uptime");
    }

    @Test
    void a_missing_required_field_fails() {
        assertThatThrownBy(() -> documented.check("GET", "/health/live", response(200, "application/json", "{}")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("status");
    }

    @Test
    void an_undocumented_media_type_fails() {
        assertThatThrownBy(() -> documented.check("GET", "/health/live", response(200, "text/plain", "UP")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("text/plain");
    }

    private static HttpResponse<String> response(int status, String contentType, String body) {
        return new CannedResponse(status, HttpHeaders.of(Map.of("Content-Type", List.of(contentType)),
                (name, value) -> true), body);
    }

    private record CannedResponse(int statusCode, HttpHeaders headers, String body) implements HttpResponse<String> {

        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(uri()).build();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return URI.create("http://localhost/");
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
