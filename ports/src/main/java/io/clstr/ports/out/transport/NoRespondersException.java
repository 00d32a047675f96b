package io.clstr.ports.out.transport;

/** Nobody subscribes to the subject: the request was certainly not processed. */
public class NoRespondersException extends TransportException {

    private static final long serialVersionUID = 1L;

    public NoRespondersException(String subject) {
        super("no responders on " + subject);
    }
}
