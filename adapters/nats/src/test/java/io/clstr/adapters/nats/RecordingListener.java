package io.clstr.adapters.nats;

import io.clstr.ports.out.eventstore.CommitListener;
import io.clstr.ports.out.eventstore.RecordedCommit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a subscription delivers and the errors it ends with, for fault tests to compare with what was acknowledged. */
final class RecordingListener implements CommitListener {

    final List<RecordedCommit> delivered = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @Override
    public void onCommit(RecordedCommit commit) {
        delivered.add(commit);
    }

    @Override
    public void onError(Throwable error) {
        errors.add(error);
    }
}
