import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.httpproxy.HttpProxy;

/**
 * The floor of the gateway benchmark: the same Vert.x and the same {@link HttpProxy} the gateway relays with, the
 * same layout (a client of its own per event loop, epoll transport, keep-alive pool), and nothing else: no token
 * check, no role rule, no rate limit, no request id, no access log, no routing table. What it costs per request is
 * what a reverse proxy on this runtime costs before any check; the gateway's figure minus this one is what the
 * checks cost.
 *
 * <p>Run by {@code gateway/benchmarks/run} as a single-file program on the built gateway's class path:
 * {@code java -cp 'gateway/target/quarkus-app/lib/main/*' gateway/benchmarks/BareProxy.java PORT UPSTREAM_HOST
 * UPSTREAM_PORT}.
 */
public class BareProxy {

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: BareProxy <port> <upstream host> <upstream port>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        String upstreamHost = args[1];
        int upstreamPort = Integer.parseInt(args[2]);
        // As Quarkus sizes its event loops: two per core.
        int eventLoops = 2 * Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(eventLoops));
        if (!vertx.isNativeTransportEnabled()) {
            System.err.println("native transport unavailable: " + vertx.unavailableNativeTransportCause());
        }
        vertx.deployVerticle(() -> new Relay(port, upstreamHost, upstreamPort), new DeploymentOptions().setInstances(eventLoops))
                .onSuccess(id -> System.out.println("bare proxy listening on 127.0.0.1:" + port + " with " + eventLoops
                        + " event loops, relaying to " + upstreamHost + ":" + upstreamPort))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    /** One per event loop: a server sharing the port, and a client and proxy of that loop's own. */
    static final class Relay extends AbstractVerticle {
        private final int port;
        private final String upstreamHost;
        private final int upstreamPort;

        Relay(int port, String upstreamHost, int upstreamPort) {
            this.port = port;
            this.upstreamHost = upstreamHost;
            this.upstreamPort = upstreamPort;
        }

        @Override
        public void start(Promise<Void> started) {
            HttpProxy proxy = HttpProxy.reverseProxy(vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(64)))
                    .origin(upstreamPort, upstreamHost);
            vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                    .requestHandler(proxy)
                    .listen()
                    .<Void>mapEmpty()
                    .onComplete(started);
        }
    }
}
