package io.clstr.archfixtures.domain.violation;

/** Deliberate violation: a decider doing concurrency. */
public final class ThreadStartingDecider {
    public void decide() {
        new Thread(() -> { }).start();
    }
}
