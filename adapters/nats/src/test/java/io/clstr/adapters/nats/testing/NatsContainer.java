package io.clstr.adapters.nats.testing;

import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The official {@code nats} image with JetStream, run by Testcontainers: the {@link NatsFixture} for machines
 * with Docker ({@code NATS_FIXTURE=testcontainers}). The image is of the line the Compose stack runs
 * ({@value #IMAGE}); {@code NATS_IMAGE} names another. Without Docker it fails at once, saying so: a fixture
 * that was asked for is never skipped.
 */
public final class NatsContainer implements NatsFixture {

    public static final String IMAGE = "nats:2.10-alpine";
    static final String IMAGE_VARIABLE = "NATS_IMAGE";
    private static final int CLIENT_PORT = 4222;
    private static final int MONITOR_PORT = 8222;
    private static NatsContainer shared;

    private final GenericContainer<?> container;

    private NatsContainer(GenericContainer<?> container) {
        this.container = container;
    }

    /** One container per JVM, started on first use and stopped when the JVM exits. */
    static NatsContainer shared() {
        synchronized (NatsContainer.class) {
            if (shared == null) {
                NatsContainer started = start();
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "nats-test-shared-container"));
                shared = started;
            }
            return shared;
        }
    }

    /** Starts a container and waits until the server reports itself healthy (JetStream included). */
    public static NatsContainer start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException(NatsFixture.VARIABLE + "=testcontainers needs Docker, and Testcontainers"
                    + " finds none here. Start Docker, or run the NATS tests on the nats-server binary (unset "
                    + NatsFixture.VARIABLE + " or set it to binary).");
        }
        String image = System.getenv().getOrDefault(IMAGE_VARIABLE, IMAGE);
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withCommand("-js", "-sd", "/tmp/nats", "-m", Integer.toString(MONITOR_PORT))
                .withExposedPorts(CLIENT_PORT, MONITOR_PORT)
                .waitingFor(Wait.forHttp("/healthz").forPort(MONITOR_PORT).forStatusCode(200)
                        .withStartupTimeout(Duration.ofSeconds(60)));
        container.start();
        return new NatsContainer(container);
    }

    @Override
    public String url() {
        return "nats://" + container.getHost() + ":" + container.getMappedPort(CLIENT_PORT);
    }

    /** The image the container runs, such as {@code nats:2.10-alpine}. */
    public String image() {
        return container.getDockerImageName();
    }

    /** Removes the container and, with it, its store. */
    @Override
    public void close() {
        container.stop();
    }
}
