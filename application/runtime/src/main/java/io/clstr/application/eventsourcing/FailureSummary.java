package io.clstr.application.eventsourcing;

/** How a projection runner reports a failure: the exception class and message, shortened, never event data. */
final class FailureSummary {

    static final int MAX_LENGTH = 300;

    private FailureSummary() {
    }

    static String of(Throwable failure) {
        String message = failure.getMessage();
        String summary = message == null ? failure.getClass().getName() : failure.getClass().getName() + ": " + message;
        return summary.length() <= MAX_LENGTH ? summary : summary.substring(0, MAX_LENGTH - 3) + "...";
    }
}
