package io.clstr.ports.out.transport;

/** Sends the one reply to a request. May be called from any thread, at most once. */
public interface Replier {

    void reply(Message response);
}
