package io.clstr.adapters.nats.internal;

/** Stored bytes that are not a frame this adapter wrote (corruption, or a foreign writer on our subjects). */
public final class MalformedFrameException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MalformedFrameException(String message) {
        super(message);
    }
}
