package org.mltrules.server;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.mltrules.MltRules;
import org.mltrules.server.internal.BundleMapper;
import org.mltrules.server.internal.CdsService;
import org.mltrules.server.internal.DemoCases;
import org.mltrules.server.internal.ErrorPages;
import org.mltrules.server.internal.FhirBases;
import org.mltrules.server.internal.FhirMappers;
import org.mltrules.server.internal.JwtVerifier;
import org.mltrules.server.internal.Prefetch;
import org.mltrules.server.internal.Router;
import org.mltrules.server.internal.Settings;
import org.mltrules.server.internal.Workers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mlt-rules HTTP server: the CDS Hooks 2.0.1 {@code patient-view} service
 * ({@code mlt-rules-oligometastatic-sarcoma}), its discovery and feedback endpoints, the HTTP API
 * ({@code /api/assess}, {@code /api/demo-cases}), {@code /health} and the case explorer page.
 *
 * <pre>{@code
 * try (MltRulesServer server = MltRulesServer.builder()
 *         .port(0)
 *         .issuer("https://ehr.example.org", Path.of("ehr-jwks.json"))
 *         .build()
 *         .start()) {
 *     System.err.println("listening on " + server.uri());
 *     server.awaitStop();
 * }
 * }</pre>
 *
 * <p>Secure by default: bound to {@code 127.0.0.1}; every CDS Hooks POST needs a JWT from a configured issuer unless
 * {@link Builder#noAuth()}; a bind beyond loopback needs TLS and a token for {@code /api/*}, and refuses
 * {@code noAuth}. Limits (body size, header size, request and evaluation time, concurrency) have safe defaults.
 * {@link #close()} stops gracefully: requests in flight finish, new ones are refused. Thread-safe.
 */
public final class MltRulesServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MltRulesServer.class);

    private final Builder config;
    private Settings settings;
    private Server jetty;
    private ThreadPoolExecutor workers;
    private ServerConnector connector;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private MltRulesServer(Builder config, Settings settings) {
        this.config = config;
        this.settings = settings;
    }

    /** A builder with the defaults of {@code mlt-rules serve}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds and starts serving.
     *
     * @return this server
     * @throws UncheckedIOException when the address cannot be bound (in use, not local) or TLS cannot start
     * @throws IllegalStateException when already started
     */
    public synchronized MltRulesServer start() {
        if (jetty != null) {
            throw new IllegalStateException("the server was already started");
        }
        Settings.Limits limits = settings.limits();
        QueuedThreadPool pool = new QueuedThreadPool(Math.max(16, limits.workers() * 2 + 8), 4);
        pool.setName("mlt-rules-http");
        pool.setDaemon(true);
        Server server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(limits.maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector c;
        if (config.tlsKeystore != null) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(config.tlsKeystore.toString());
            ssl.setKeyStoreType("PKCS12");
            ssl.setKeyStorePassword(new String(config.tlsPassword));
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // Clients may call by IP address; the certificate's name is the client's concern, not a reason to 400.
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            c = new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(http));
        } else {
            c = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        }
        c.setHost(config.bind);
        c.setPort(config.port);
        c.setIdleTimeout(limits.idleTimeoutMillis());
        server.addConnector(c);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), c));
        server.setErrorHandler(new ErrorPages());
        server.setStopTimeout(limits.shutdownMillis());
        server.setStopAtShutdown(false);
        ThreadPoolExecutor w = Workers.create(limits.workers(), limits.queue());
        CdsService cds = new CdsService(settings.rules(), settings.mapper(), settings.fhirBases(),
                Workers.fetcher(limits), settings.templates(), settings.clock(),
                TimeUnit.MILLISECONDS.toNanos(limits.fetchMillis()));
        try {
            // Bound before the handler is made, so that the default public URL carries the real port.
            c.open();
            if (settings.publicUrl() == null) {
                String host = config.bind.contains(":") ? "[" + config.bind + "]" : config.bind;
                settings = settings.withPublicUrl((config.tlsKeystore != null ? "https" : "http") + "://" + host
                        + ":" + c.getLocalPort());
            }
            server.setHandler(new GracefulHandler(new Router(settings, cds, w)));
            server.start();
        } catch (Exception e) {
            w.shutdownNow();
            try {
                server.stop();
            } catch (Exception ignored) {
                // Already failing: the start failure is what matters.
            }
            throw new UncheckedIOException("cannot start the server on " + config.bind + ":" + config.port + ": "
                    + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
        }
        this.jetty = server;
        this.workers = w;
        this.connector = c;
        LOG.info("mlt-rules server listening on {} (rules {} {})", uri(), settings.rules().ruleSet().name(),
                settings.rules().ruleSet().version());
        return this;
    }

    /** The port bound (the real one when built with port 0). */
    public int port() {
        ServerConnector c = connector;
        if (c == null) {
            throw new IllegalStateException("the server is not started");
        }
        return c.getLocalPort();
    }

    /** {@code http(s)://HOST:PORT} of the bound address. */
    public URI uri() {
        String host = config.bind.contains(":") ? "[" + config.bind + "]" : config.bind;
        return URI.create((config.tlsKeystore != null ? "https" : "http") + "://" + host + ":" + port());
    }

    /**
     * The line {@code mlt-rules serve} prints to standard error once bound:
     * {@code mlt-rules: listening on http://HOST:PORT} (the real port).
     */
    public String listeningLine() {
        return "mlt-rules: listening on " + uri();
    }

    /** The base URL the EHR uses ({@code aud} is {@code publicUrl + "/cds-services/" + id}). */
    public String publicUrl() {
        return settings.publicUrl();
    }

    /**
     * Serves until the process receives SIGTERM or SIGINT, then stops gracefully ({@link #close()}: in-flight
     * requests finish) and returns, so that the caller can exit with status 0. For {@code mlt-rules serve}.
     */
    public void serveUntilSignalled() throws InterruptedException {
        CountDownLatch signalled = new CountDownLatch(1);
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> signalled.countDown());
            } catch (IllegalArgumentException unsupported) {
                // A platform without this signal: the other one (or close()) still stops the server.
                LOG.debug("signal {} cannot be handled here", name);
            }
        }
        Thread waiter = new Thread(() -> {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            signalled.countDown();
        }, "mlt-rules-stop-waiter");
        waiter.setDaemon(true);
        waiter.start();
        signalled.await();
        LOG.info("stopping: finishing the requests in flight");
        close();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /**
     * Stops gracefully: no new connections, in-flight requests finish (up to the shutdown limit), then the
     * workers stop. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (jetty == null) {
            stopped.countDown();
            return;
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("the server did not stop cleanly: {}", e.getClass().getName());
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(settings.limits().shutdownMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        jetty = null;
        stopped.countDown();
        LOG.info("mlt-rules server stopped");
    }

    /** Builder of {@link MltRulesServer}; not thread-safe. */
    public static final class Builder {
        private int port = 8080;
        private String bind = "127.0.0.1";
        private String publicUrl;
        private MltRules rules;
        private final Map<String, String> issuers = new LinkedHashMap<>();
        private boolean noAuth;
        private final Set<String> allowOrigins = new LinkedHashSet<>();
        private final List<String> fhirBases = new ArrayList<>();
        private byte[] apiToken;
        private Path tlsKeystore;
        private char[] tlsPassword = new char[0];
        private long maxBodyBytes = 10L * 1024 * 1024;
        private int maxHeaderBytes = 16 * 1024;
        private Duration bodyTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration evaluationTimeout = Duration.ofSeconds(5);
        private Duration fetchTimeout = Duration.ofSeconds(2);
        private Duration tokenSkew = Duration.ofSeconds(60);
        private Duration maxTokenLifetime = Duration.ofHours(1);
        private int replayCapacity = 100_000;
        private int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
        private int queue = 64;
        private int maxConnections = 256;
        private Duration shutdownTimeout = Duration.ofSeconds(20);
        private Clock clock = Clock.systemDefaultZone();
        private BundleMapper mapper;
        private String localFactSystem = "urn:mlt-rules:case-field";

        private Builder() {
        }

        /** TCP port; 0 takes a free one. Default 8080. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be from 0 to 65535");
            }
            this.port = port;
            return this;
        }

        /** Address to bind; default {@code 127.0.0.1}. Beyond loopback it needs TLS and an API token. */
        public Builder bind(String address) {
            this.bind = Objects.requireNonNull(address, "address must not be null");
            return this;
        }

        /** The base URL the EHR calls (behind a proxy, its outside URL); default {@code http(s)://HOST:PORT}. */
        public Builder publicUrl(String url) {
            Objects.requireNonNull(url, "url must not be null");
            URI u = URI.create(url);
            if (u.getScheme() == null || u.getHost() == null || u.getRawQuery() != null
                    || u.getRawFragment() != null) {
                throw new IllegalArgumentException("public URL must be an absolute http(s) URL without query");
            }
            this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            return this;
        }

        /** The rules; default {@link MltRules#bundled()}. */
        public Builder rules(MltRules rules) {
            this.rules = Objects.requireNonNull(rules, "rules must not be null");
            return this;
        }

        /** Trusts JWTs from {@code iss} signed with a key of this JWK Set file (public keys only are kept). */
        public Builder issuer(String iss, Path jwksFile) {
            Objects.requireNonNull(jwksFile, "jwksFile must not be null");
            try {
                return issuerJwks(iss, Files.readString(jwksFile, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the JWK Set " + jwksFile, e);
            }
        }

        /** Trusts JWTs from {@code iss} signed with a key of this JWK Set (JSON text). */
        public Builder issuerJwks(String iss, String jwksJson) {
            Objects.requireNonNull(iss, "iss must not be null");
            Objects.requireNonNull(jwksJson, "jwksJson must not be null");
            if (iss.isBlank()) {
                throw new IllegalArgumentException("issuer must not be blank");
            }
            JwtVerifier.publicKeys(jwksJson, "the JWK Set of issuer " + iss);
            issuers.put(iss, jwksJson);
            return this;
        }

        /** No JWT on the CDS Hooks endpoints (loopback only; a warning is logged). */
        public Builder noAuth() {
            this.noAuth = true;
            return this;
        }

        /** An origin (e.g. {@code http://localhost:3000}) allowed to call from a browser (CORS). */
        public Builder allowOrigin(String origin) {
            Objects.requireNonNull(origin, "origin must not be null");
            URI u = URI.create(origin);
            if (u.getScheme() == null || u.getHost() == null || !u.getRawPath().isEmpty() && !u.getRawPath()
                    .equals("/")) {
                throw new IllegalArgumentException("an origin is scheme://host[:port]: " + origin);
            }
            allowOrigins.add(origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin);
            return this;
        }

        /** A FHIR base the service may fetch missing prefetch from (https, or http on loopback). */
        public Builder fhirBase(String url) {
            new FhirBases(List.of(url));
            fhirBases.add(url);
            return this;
        }

        /** The bearer token {@code /api/*} requires (needed when bound beyond loopback). */
        public Builder apiToken(String token) {
            Objects.requireNonNull(token, "token must not be null");
            if (token.length() < 16 || token.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)) {
                throw new IllegalArgumentException("the API token must be at least 16 printable ASCII characters");
            }
            this.apiToken = token.getBytes(StandardCharsets.US_ASCII);
            return this;
        }

        /** Reads the API token from the first line of a file. */
        public Builder apiTokenFile(Path file) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                return apiToken(lines.isEmpty() ? "" : lines.get(0).trim());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the API token file " + file, e);
            }
        }

        /** Serves HTTPS with the key and certificate of a PKCS#12 keystore. */
        public Builder tlsKeystore(Path pkcs12, char[] password) {
            this.tlsKeystore = Objects.requireNonNull(pkcs12, "pkcs12 must not be null");
            this.tlsPassword = password == null ? new char[0] : password.clone();
            if (!Files.isReadable(pkcs12)) {
                throw new IllegalArgumentException("cannot read the TLS keystore " + pkcs12);
            }
            return this;
        }

        /** Largest request body (default 10 MiB); larger ones get 413. */
        public Builder maxBodyBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("the body limit must be at least 1024 bytes");
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** Largest request header block (default 16 KiB); larger ones get 431. */
        public Builder maxHeaderBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("the header limit must be at least 1024 bytes");
            }
            this.maxHeaderBytes = bytes;
            return this;
        }

        /** Time for a whole request body to arrive (default 10 s); slower ones get 408. */
        public Builder bodyTimeout(Duration d) {
            this.bodyTimeout = positive(d, "body timeout");
            return this;
        }

        /** A connection idle this long is closed (default 30 s). */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = positive(d, "idle timeout");
            return this;
        }

        /** Time to map and assess one request, queueing included (default 5 s). */
        public Builder evaluationTimeout(Duration d) {
            this.evaluationTimeout = positive(d, "evaluation timeout");
            return this;
        }

        /** Time for all FHIR fetches of one request (default 2 s). */
        public Builder fetchTimeout(Duration d) {
            this.fetchTimeout = positive(d, "fetch timeout");
            return this;
        }

        /** Longest accepted JWT lifetime, {@code exp - iat} (default 1 hour). */
        public Builder maxTokenLifetime(Duration d) {
            this.maxTokenLifetime = positive(d, "token lifetime");
            return this;
        }

        /** Requests evaluated at once (default: the number of cores, at least 2). */
        public Builder workers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("workers must be at least 1");
            }
            this.workers = n;
            return this;
        }

        /** Requests waiting for a worker (default 64); beyond it 503 with Retry-After. */
        public Builder queue(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("queue must be at least 1");
            }
            this.queue = n;
            return this;
        }

        /** Open connections at most (default 256); beyond it new connections wait to be accepted. */
        public Builder maxConnections(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1");
            }
            this.maxConnections = n;
            return this;
        }

        /** How long {@link #close()} lets in-flight requests finish (default 20 s). */
        public Builder shutdownTimeout(Duration d) {
            this.shutdownTimeout = positive(d, "shutdown timeout");
            return this;
        }

        /** The clock: today's date is the {@code asOf} of a CDS Hooks record. Default: system clock and zone. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** For tests in this package: another FHIR mapping. */
        Builder bundleMapper(BundleMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper must not be null");
            return this;
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what + " must not be null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }

        /**
         * Checks the configuration and loads what it needs (rules, keys, demo cases); binds nothing yet.
         *
         * @throws IllegalStateException for an unsafe or incomplete configuration: no issuer without
         *                               {@code noAuth}; a bind beyond loopback without TLS or API token, or with
         *                               {@code noAuth}
         */
        public MltRulesServer build() {
            boolean loopback = isLoopback(bind);
            if (!loopback) {
                if (tlsKeystore == null) {
                    throw new IllegalStateException("binding " + bind + " (beyond loopback) needs --tls-keystore");
                }
                if (noAuth) {
                    throw new IllegalStateException("--no-auth is refused when binding beyond loopback");
                }
                if (apiToken == null) {
                    throw new IllegalStateException("binding " + bind + " (beyond loopback) needs --api-token-file");
                }
            }
            if (noAuth && !issuers.isEmpty()) {
                throw new IllegalStateException("--no-auth and --issuer exclude each other");
            }
            if (!noAuth && issuers.isEmpty()) {
                throw new IllegalStateException("no JWT issuer configured: give --issuer ISS --jwks FILE, or "
                        + "--no-auth for local testing");
            }
            if (noAuth) {
                LOG.warn("JWT authentication is OFF (--no-auth): any local process can call the CDS service");
            }
            MltRules r = rules != null ? rules : MltRules.bundled();
            JwtVerifier verifier = null;
            if (!noAuth) {
                Map<String, JWKSet> keys = new LinkedHashMap<>();
                issuers.forEach((iss, json) -> keys.put(iss, JwtVerifier.publicKeys(json, "issuer " + iss)));
                verifier = new JwtVerifier(keys, tokenSkew, maxTokenLifetime, Clock.systemUTC(), replayCapacity);
            }
            Settings.Limits limits = new Settings.Limits(maxBodyBytes, maxHeaderBytes, bodyTimeout.toMillis(),
                    idleTimeout.toMillis(), evaluationTimeout.toMillis(), fetchTimeout.toMillis(), workers, queue,
                    maxConnections, shutdownTimeout.toMillis());
            BundleMapper m = mapper;
            if (m == null) {
                m = FhirMappers.standard(localFactSystem);
                FhirMappers.warmUp(m, r);
            }
            // The public URL may depend on the port bound (port 0): completed in start().
            Settings s = new Settings(publicUrl, r, m,
                    verifier, apiToken, allowOrigins, new FhirBases(fhirBases),
                    Prefetch.templates(localFactSystem), DemoCases.json(), limits, clock);
            return new MltRulesServer(this, s);
        }

        private static boolean isLoopback(String address) {
            if (address.toLowerCase(Locale.ROOT).equals("localhost")) {
                return true;
            }
            try {
                return InetAddress.getByName(address).isLoopbackAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("cannot resolve the bind address " + address);
            }
        }
    }

}
