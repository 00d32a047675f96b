package io.clstr.ports.out.transport;

import java.util.Map;
import java.util.Objects;

/** What the transport carries: string headers and an opaque body. */
public record Message(Map<String, String> headers, byte[] body) {

    public Message {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    public static Message of(byte[] body) {
        return new Message(Map.of(), body);
    }

    public String header(String name) {
        return headers.get(name);
    }
}
