package io.clstr.application.actor.internal;

import io.clstr.application.actor.ActorContext;
import io.clstr.application.actor.Completions;
import io.clstr.application.actor.ActorOptions;
import io.clstr.application.actor.ActorRef;
import io.clstr.application.actor.ActorStoppedException;
import io.clstr.application.actor.ActorSystem;
import io.clstr.application.actor.Cancellable;
import io.clstr.application.actor.MailboxFullException;
import io.clstr.application.actor.SupervisionStrategy;
import io.clstr.application.actor.Timers;
import io.clstr.application.actor.UnhandledMessageException;
import io.clstr.ports.out.metrics.ActorMetrics;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/**
 * An actor: its bounded mailbox, its run loop on the shared executor and its lifecycle.
 *
 * <p>One {@code long} holds the number of queued messages (low 32 bits) and the lifecycle flags.
 * A sender reserves a slot with a CAS on it (so the bound is exact), links its message into an MPSC
 * queue, then schedules the cell unless it is already {@link #SCHEDULED}. Whoever sets
 * {@code SCHEDULED} owns the consumer side until it clears the flag, so exactly one thread runs the
 * actor at a time. The runner clears the flag and only then checks the queue again; a sender links
 * and only then checks the flag. Both checks go through volatile accesses, so a message is never
 * stranded without a scheduled run.
 *
 * <p>Fields marked "runner only" are touched only by the thread holding {@code SCHEDULED}; the
 * flag's CAS hands them from one executor thread to the next.
 */
public final class ActorCell<M> extends RecurringTask implements ActorRef<M> {

    private static final System.Logger LOG = System.getLogger(ActorCell.class.getName());

    private static final long COUNT = 0xFFFF_FFFFL;
    private static final long SCHEDULED = 1L << 32;
    private static final long PAUSED = 1L << 33;
    private static final long RESTARTING = 1L << 34;
    private static final long NEEDS_INIT = 1L << 35;
    private static final long STOPPING = 1L << 36;
    private static final long TERMINATED = 1L << 37;
    private static final long SUSPENDED = PAUSED | RESTARTING;
    private static final long ENDING = STOPPING | TERMINATED;

    private static final VarHandle STATE;
    private static final VarHandle TERMINATION;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(ActorCell.class, "state", long.class);
            TERMINATION = lookup.findVarHandle(ActorCell.class, "termination", CompletableFuture.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final ActorRuntime runtime;
    private final ActorDefinition definition;
    private final String group;
    private final int capacity;
    private final int throughput;
    private final SupervisionStrategy supervision;
    private final MpscQueue<Object> mailbox = new MpscQueue<>();

    private volatile long state = NEEDS_INIT;
    private volatile CompletableFuture<Void> termination;
    private volatile boolean released;

    // Runner only.
    private Object actorState;
    private boolean alive;
    private Context context;
    private TimerTable<M> timers;
    private int restarts;
    private long startedAt;
    private Cancellable restartTimer;

    ActorCell(String name, ActorRuntime runtime, ActorDefinition definition, ActorOptions options) {
        this.name = name;
        this.runtime = runtime;
        this.definition = definition;
        this.group = options.group();
        this.capacity = options.mailboxCapacity();
        this.throughput = options.throughput();
        this.supervision = options.supervision();
    }

    /** Schedules the first run, which creates the state. */
    void start() {
        trySchedule();
    }

    // ---------------------------------------------------------------- senders (any thread)

    @Override
    public String name() {
        return name;
    }

    @Override
    public void tell(M message) {
        Objects.requireNonNull(message, "message");
        long refused = reserve();
        if (refused != 0) {
            throw refusal(refused);
        }
        mailbox.offer(message);
        trySchedule();
    }

    @Override
    public <R> CompletionStage<R> ask(M message, Duration timeout) {
        Objects.requireNonNull(message, "message");
        long timeoutNanos = positiveNanos(timeout);
        AskPromise<R> promise = new AskPromise<>(this, message, timeout);
        promise.armTimer(timeoutNanos); // first: if the scheduler refuses, no slot is taken
        long refused = reserve();
        if (refused != 0) {
            promise.fail(refusal(refused));
            return promise;
        }
        mailbox.offer(promise);
        trySchedule();
        return promise;
    }

    private static long positiveNanos(Duration timeout) {
        Objects.requireNonNull(timeout, "an ask needs a timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ask timeout must be positive, got " + timeout);
        }
        return timeout.toNanos();
    }

    /** Takes a mailbox slot: 0 on success, otherwise the flag that refused it (or COUNT when full). */
    private long reserve() {
        for (;;) {
            long s = state;
            if ((s & ENDING) != 0) {
                return STOPPING;
            }
            if ((s & COUNT) >= capacity) {
                runtime.metrics().mailboxRejected(group);
                return COUNT;
            }
            if (STATE.compareAndSet(this, s, s + 1)) {
                return 0;
            }
        }
    }

    private RuntimeException refusal(long refused) {
        return refused == COUNT ? new MailboxFullException(name, capacity) : new ActorStoppedException(name);
    }

    /** A message left the mailbox: frees its slot. */
    private void takeSlot() {
        long unused = (long) STATE.getAndAdd(this, -1L); // typed exactly, so the VarHandle call inlines
    }

    /** Timer ticks bypass the capacity: each timer holds at most one slot. False once stopping. */
    boolean enqueueTimer(TimerTable.Timer timer) {
        return enqueueBeyondCapacity(timer);
    }

    /** Completions of the actor's own work bypass the capacity (see {@link Completions}). False once stopping. */
    private boolean enqueueCompletion(M message) {
        return enqueueBeyondCapacity(Objects.requireNonNull(message, "message"));
    }

    private boolean enqueueBeyondCapacity(Object item) {
        for (;;) {
            long s = state;
            if ((s & ENDING) != 0) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s + 1)) {
                break;
            }
        }
        mailbox.offer(item);
        trySchedule();
        return true;
    }

    @Override
    public void stop() {
        for (;;) {
            long s = state;
            if ((s & ENDING) != 0) {
                return;
            }
            if (STATE.compareAndSet(this, s, s | STOPPING)) {
                break;
            }
        }
        trySchedule();
    }

    @Override
    public void pause() {
        for (;;) {
            long s = state;
            if ((s & (ENDING | PAUSED)) != 0 || STATE.compareAndSet(this, s, s | PAUSED)) {
                return;
            }
        }
    }

    @Override
    public void resume() {
        clearFlag(PAUSED);
        trySchedule();
    }

    @Override
    public boolean isTerminated() {
        return released;
    }

    @Override
    public CompletionStage<Void> terminated() {
        CompletableFuture<Void> future = termination;
        if (future == null) {
            CompletableFuture<Void> created = new CompletableFuture<>();
            future = TERMINATION.compareAndSet(this, null, created) ? created : termination;
        }
        if (released) {
            future.complete(null);
        }
        return future;
    }

    /** Messages waiting, including timer ticks (for the mailbox depth gauge). */
    int queued() {
        return (int) (state & COUNT);
    }

    String group() {
        return group;
    }

    ActorRuntime runtime() {
        return runtime;
    }

    /** Sets SCHEDULED and submits a run, unless one is pending or the actor is suspended. */
    private void trySchedule() {
        for (;;) {
            long s = state;
            if ((s & SCHEDULED) != 0 || ((s & SUSPENDED) != 0 && (s & ENDING) == 0)) {
                return;
            }
            if (STATE.compareAndSet(this, s, s | SCHEDULED)) {
                dispatch();
                return;
            }
        }
    }

    /** Submits a run; the caller holds SCHEDULED. */
    private void dispatch() {
        try {
            submitTo(runtime.executor());
        } catch (RejectedExecutionException e) {
            // The executor is gone, so nothing else will ever run this actor. We hold SCHEDULED,
            // so we may act as its runner: stop it here and fail what it still holds.
            LOG.log(Level.WARNING, "executor refused actor {0}; stopping it", name);
            setFlag(STOPPING);
            run();
        }
    }

    private void setFlag(long flag) {
        for (;;) {
            long s = state;
            if ((s & flag) == flag || STATE.compareAndSet(this, s, s | flag)) {
                return;
            }
        }
    }

    private void clearFlag(long flag) {
        for (;;) {
            long s = state;
            if ((s & flag) == 0 || STATE.compareAndSet(this, s, s & ~flag)) {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- runner (holds SCHEDULED)

    @Override
    public void run() {
        int budget = throughput;
        for (;;) {
            long s = state;
            if ((s & TERMINATED) != 0) {
                failQueued();
                break;
            }
            if ((s & STOPPING) != 0) {
                terminate();
                continue;
            }
            if ((s & SUSPENDED) != 0) {
                break;
            }
            if ((s & NEEDS_INIT) != 0) {
                initialize();
                continue;
            }
            if (budget == 0) {
                if (mailbox.isEmpty()) {
                    break;
                }
                dispatch(); // yield the thread but keep SCHEDULED: the next run continues here
                return;
            }
            Object item = mailbox.poll();
            if (item == null) {
                break;
            }
            takeSlot();
            budget--;
            handle(item);
        }
        release();
    }

    /** Gives up SCHEDULED, then takes it back if work arrived meanwhile. */
    private void release() {
        clearFlag(SCHEDULED);
        long s = state;
        if (!mailbox.isEmpty() || ((s & STOPPING) != 0 && (s & TERMINATED) == 0)) {
            trySchedule();
        }
    }

    private void handle(Object item) {
        AskPromise<?> ask = null;
        Object message;
        if (item instanceof AskPromise) {
            ask = (AskPromise<?>) item;
            message = ask.message();
        } else if (item instanceof TimerTable.Timer) {
            message = timers == null ? null : timers.onDelivery((TimerTable.Timer) item);
            if (message == null) {
                return; // cancelled or replaced after it fired
            }
        } else {
            message = item;
        }
        HandlerTable.Entry entry = definition.handlers().lookup(message.getClass());
        ActorMetrics metrics = runtime.metrics();
        if (entry.invoker == null) {
            metrics.messageHandled(entry.typeName, false, 0);
            if (ask != null) {
                ask.fail(new UnhandledMessageException(name, entry.typeName));
            } else {
                LOG.log(Level.DEBUG, "actor {0} has no handler for {1}; message dropped", name, entry.typeName);
            }
            return;
        }
        boolean timed = runtime.timed();
        long startNanos = timed ? System.nanoTime() : 0;
        Object reply;
        try {
            reply = entry.invoker.invoke(actorState, context, message);
        } catch (Throwable failure) {
            metrics.messageHandled(entry.typeName, false, timed ? System.nanoTime() - startNanos : 0);
            metrics.handlerFailed(entry.typeName);
            if (ask != null) {
                ask.fail(failure);
            }
            supervise(entry.typeName, failure);
            return;
        }
        if (timed) {
            metrics.messageHandled(entry.typeName, true, System.nanoTime() - startNanos);
        }
        if (ask != null) {
            ask.settle(reply);
        }
    }

    private void initialize() {
        if (context == null) {
            context = new Context();
        }
        try {
            actorState = definition.stateFactory().create(context);
        } catch (Throwable failure) {
            LOG.log(Level.WARNING, () -> "actor " + name + " failed to start", failure);
            discardState(null);
            if (supervision instanceof SupervisionStrategy.Restart) {
                scheduleRestart((SupervisionStrategy.Restart) supervision);
            } else {
                clearFlag(NEEDS_INIT);
                setFlag(STOPPING); // nothing to resume without a state
            }
            return;
        }
        alive = true;
        startedAt = runtime.scheduler().nanoTime();
        clearFlag(NEEDS_INIT);
    }

    private void supervise(String messageType, Throwable failure) {
        if (failure instanceof VirtualMachineError) {
            LOG.log(Level.ERROR, () -> "actor " + name + " hit a fatal error in " + messageType + "; stopping", failure);
            setFlag(STOPPING);
        } else if (supervision instanceof SupervisionStrategy.Restart) {
            LOG.log(Level.WARNING, () -> "actor " + name + " failed on " + messageType + "; restarting", failure);
            discardState(definition.preRestart());
            scheduleRestart((SupervisionStrategy.Restart) supervision);
        } else if (supervision instanceof SupervisionStrategy.Stop) {
            LOG.log(Level.WARNING, () -> "actor " + name + " failed on " + messageType + "; stopping", failure);
            setFlag(STOPPING);
        } else {
            LOG.log(Level.DEBUG, () -> "actor " + name + " failed on " + messageType + "; resuming", failure);
        }
    }

    private void scheduleRestart(SupervisionStrategy.Restart restart) {
        long now = runtime.scheduler().nanoTime();
        if (restarts > 0 && now - startedAt >= restart.resetAfter().toNanos()) {
            restarts = 0;
        }
        long delay = restart.backoffNanos(restarts);
        restarts++;
        setFlag(RESTARTING | NEEDS_INIT);
        restartTimer = runtime.scheduler().schedule(delay, this::restartDue);
    }

    /** Runs on the scheduler thread when the backoff has passed. */
    private void restartDue() {
        clearFlag(RESTARTING);
        trySchedule();
    }

    /** Ends the current state: runs the hook, cancels its timers and forgets it. */
    private void discardState(ActorDefinition.Hook hook) {
        if (alive && hook != null) {
            try {
                hook.run(actorState, context);
            } catch (Throwable failure) {
                LOG.log(Level.WARNING, () -> "lifecycle hook of actor " + name + " failed", failure);
            }
        }
        alive = false;
        if (timers != null) { // also those a failing state factory started
            timers.cancelAll();
        }
        actorState = null;
    }

    private void terminate() {
        discardState(definition.postStop());
        if (restartTimer != null) {
            restartTimer.cancel();
            restartTimer = null;
        }
        setFlag(TERMINATED);
        failQueued();
        context = null;
        timers = null;
        runtime.unregister(this);
        released = true;
        CompletableFuture<Void> future = termination;
        if (future != null) {
            future.complete(null);
        }
    }

    /** After termination: fails queued asks and drops everything else. */
    private void failQueued() {
        Object item;
        while ((item = mailbox.poll()) != null) {
            takeSlot();
            if (item instanceof AskPromise) {
                ((AskPromise<?>) item).fail(new ActorStoppedException(name));
            }
        }
    }

    @Override
    public String toString() {
        return "ActorRef(" + name + ")";
    }

    /** The handlers' view of this actor. */
    private final class Context implements ActorContext<M> {

        @Override
        public ActorRef<M> self() {
            return ActorCell.this;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Completions<M> completions() {
            return ActorCell.this::enqueueCompletion;
        }

        @Override
        public boolean hasWaitingMessages() {
            return !mailbox.isEmpty();
        }

        @Override
        public Timers<M> timers() {
            if (timers == null) {
                timers = new TimerTable<>(ActorCell.this, runtime.scheduler());
            }
            return timers;
        }

        @Override
        public void stop() {
            ActorCell.this.stop();
        }

        @Override
        public ActorSystem system() {
            return runtime.system();
        }
    }
}
