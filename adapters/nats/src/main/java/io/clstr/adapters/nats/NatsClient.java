package io.clstr.adapters.nats;

import io.clstr.adapters.nats.internal.ConnectionEvents;
import io.clstr.adapters.nats.internal.HostCheckingSslContext;
import io.clstr.adapters.nats.internal.PemFiles;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The process's one NATS connection, shared by every NATS adapter (adapters never open their own). It owns
 * the {@link Connection} and closes it on {@link #close()}.
 *
 * <p>Futures returned by the adapters complete on this client's callback executor, never on a NATS I/O
 * or dispatcher thread: a caller that blocks in a continuation cannot stall the replies of everyone else.
 */
public final class NatsClient implements AutoCloseable {

    private final NatsSettings settings;
    private final Connection connection;
    private final JetStream jetStream;
    private final JetStreamManagement management;
    private final ConnectionEvents events;
    private final ExecutorService callbacks;
    private final ScheduledExecutorService timers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NatsClient(NatsSettings settings, Connection connection, ConnectionEvents events) throws IOException {
        this.settings = settings;
        this.connection = connection;
        this.events = events;
        JetStreamOptions jetStreamOptions = JetStreamOptions.builder().requestTimeout(settings.requestTimeout()).build();
        this.jetStream = connection.jetStream(jetStreamOptions);
        this.management = connection.jetStreamManagement(jetStreamOptions);
        this.callbacks = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                new NamedWorkers("clstr-nats-callback-"), null, true);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "clstr-nats-timer");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        this.timers = scheduler;
    }

    /**
     * Connects to NATS, or fails with {@link NatsConnectException}: {@link NatsCredentialsRefusedException} when
     * the server refuses the credentials.
     */
    public static NatsClient connect(NatsSettings settings) {
        ConnectionEvents events = new ConnectionEvents();
        try {
            Connection connection = Nats.connect(options(settings, events));
            return new NatsClient(settings, connection, events);
        } catch (AuthenticationException e) {
            throw new NatsCredentialsRefusedException("NATS at " + settings.servers() + " refused the credentials: "
                    + e.getMessage(), e);
        } catch (IOException | GeneralSecurityException e) {
            throw new NatsConnectException("cannot connect to NATS at " + settings.servers() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsConnectException("interrupted while connecting to NATS at " + settings.servers(), e);
        }
    }

    public Connection connection() {
        return connection;
    }

    public JetStream jetStream() {
        return jetStream;
    }

    public JetStreamManagement management() {
        return management;
    }

    public NatsSettings settings() {
        return settings;
    }

    /** Where adapter futures complete and deferred work runs. */
    public ExecutorService callbacks() {
        return callbacks;
    }

    /** A single timer thread for timeouts. Tasks must be short. */
    public ScheduledExecutorService timers() {
        return timers;
    }

    /** Runs {@code action} when the connection closes for good (after reconnects gave up, or on close). */
    public Runnable whenClosed(Runnable action) {
        return events.whenClosed(action);
    }

    /** Runs {@code action} whenever the connection drops; returns a handle that cancels it. */
    public Runnable whenDisconnected(Runnable action) {
        return events.whenDisconnected(action);
    }

    public Duration requestTimeout() {
        return settings.requestTimeout();
    }

    /** Closes the connection; adapters that use it stop working. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            timers.shutdownNow();
            callbacks.shutdown();
            try {
                callbacks.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Options options(NatsSettings settings, ConnectionEvents events)
            throws IOException, GeneralSecurityException {
        Options.Builder builder = new Options.Builder()
                .servers(settings.servers().toArray(String[]::new))
                .connectionName(settings.connectionName())
                .connectionTimeout(settings.connectTimeout())
                .reconnectWait(settings.reconnectWait())
                .maxReconnects(settings.maxReconnects())
                // Also the timeout of a JetStream publish acknowledgement (jnats takes it for publishAsync).
                .requestCleanupInterval(settings.requestTimeout())
                // Without these, a request nobody answers yields null after ~0.3 ms, and an overdue one a
                // CancellationException: both indistinguishable from other failures.
                .reportNoResponders()
                .useTimeoutException()
                .connectionListener(events)
                .errorListener(events);
        applyAuth(builder, settings.auth());
        SSLContext tls = sslContext(settings);
        if (tls != null) {
            builder.sslContext(tls);
        }
        return builder.build();
    }

    private static void applyAuth(Options.Builder builder, NatsAuth auth) {
        if (auth instanceof NatsAuth.UserPassword userPassword) {
            builder.userInfo(userPassword.user(), userPassword.password());
        } else if (auth instanceof NatsAuth.Token token) {
            builder.token(token.token().toCharArray());
        } else if (auth instanceof NatsAuth.NkeySeedFile seedFile) {
            builder.authHandler(Nats.credentials(null, seedFile.path().toString()));
        } else if (auth instanceof NatsAuth.CredsFile credsFile) {
            builder.authHandler(Nats.credentials(credsFile.path().toString()));
        }
    }

    /**
     * The TLS context for these settings, checking host names; {@code null} for plain TCP. A {@code tls://} or
     * {@code wss://} URL asks for TLS even when the settings do not: jnats would use a context that checks no
     * host name then.
     */
    private static SSLContext sslContext(NatsSettings settings) throws IOException, GeneralSecurityException {
        NatsTls tls = settings.tls();
        if (tls instanceof NatsTls.Disabled) {
            boolean secureUrl = settings.servers().stream().anyMatch(NatsClient::isSecure);
            return secureUrl ? HostCheckingSslContext.around(SSLContext.getDefault()) : null;
        }
        if (tls instanceof NatsTls.DefaultContext) {
            return HostCheckingSslContext.around(SSLContext.getDefault());
        }
        if (tls instanceof NatsTls.Pem pem) {
            KeyStore trusted = pem.caFile() == null ? null : PemFiles.trustStore(pem.caFile());
            KeyStore own = pem.certificateFile() == null ? null : PemFiles.keyStore(pem.certificateFile(), pem.keyFile());
            return HostCheckingSslContext.around(context(trusted, own, PemFiles.IN_MEMORY));
        }
        NatsTls.KeyStores stores = (NatsTls.KeyStores) tls;
        KeyStore own = stores.keyStore() == null ? null : load(stores.keyStore(), stores.keyStorePassword());
        return HostCheckingSslContext.around(context(load(stores.trustStore(), stores.trustStorePassword()), own,
                stores.keyStore() == null ? null : stores.keyStorePassword().toCharArray()));
    }

    private static boolean isSecure(String url) {
        String lower = url.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("tls://") || lower.startsWith("wss://");
    }

    /** A TLS context trusting {@code trusted} ({@code null}: the JVM's trust store), presenting {@code own}, if any. */
    private static SSLContext context(KeyStore trusted, KeyStore own, char[] ownPassword)
            throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        KeyManager[] keys = null;
        if (own != null) {
            KeyManagerFactory keyFactory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyFactory.init(own, ownPassword);
            keys = keyFactory.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path path, String password) throws IOException, GeneralSecurityException {
        try (InputStream ignored = Files.newInputStream(path)) {
            // Opened first so that a missing file fails with its name rather than a key-store format error.
            return KeyStore.getInstance(path.toFile(), password.toCharArray());
        }
    }

    private static final class NamedWorkers implements ForkJoinPool.ForkJoinWorkerThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        NamedWorkers(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName(prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
