package org.mltrules.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mltrules.server.MltRulesServer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mlt-rules serve}: the CDS Hooks service, the HTTP API and the case explorer page (docs/server.md). */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Serve the CDS Hooks 2.0.1 service, the HTTP API and the case explorer page.",
        description = {
            "Discovery at /cds-services (service mlt-rules-oligometastatic-sarcoma, hook patient-view), the HTTP "
                    + "API at /api/assess and /api/demo-cases, /health, and the page at /. Bound to 127.0.0.1 "
                    + "unless told otherwise; every CDS Hooks call needs a JWT from an --issuer (or --no-auth). "
                    + "Prints 'mlt-rules: listening on http://HOST:PORT' to standard error when ready; stops "
                    + "cleanly on SIGTERM or SIGINT (requests in flight finish). The TLS keystore's password is "
                    + "read from the environment variable MLT_RULES_TLS_PASSWORD (empty when unset).",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  mlt-rules serve --no-auth                                  local trial, port 8080",
            "  mlt-rules serve --issuer https://ehr.example.org/ --jwks ehr-jwks.json",
            "  mlt-rules serve --bind 0.0.0.0 --port 8443 --public-url https://cds.example.org \\",
            "      --tls-keystore server.p12 --api-token-file api-token.txt \\",
            "      --issuer https://ehr.example.org/ --jwks ehr-jwks.json --fhir-base https://ehr.example.org/fhir",
            "",
            "Exit status: 0 stopped by a signal; 2 usage error or unsafe configuration; 4 rules unusable; "
                    + "1 the address cannot be bound."
        })
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    MltRulesCommand parent;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "TCP port; 0 takes a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}). Beyond loopback it needs --tls-keystore "
                    + "and --api-token-file, and refuses --no-auth.")
    String bind;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The base URL the EHR calls (default http://HOST:PORT); a JWT's aud must be "
                    + "URL/cds-services/mlt-rules-oligometastatic-sarcoma.")
    String publicUrl;

    @Mixin
    RulesOption rules;

    /** One trusted JWT issuer and its JWK Set. */
    static final class Issuer {
        @Option(names = "--issuer", paramLabel = "ISS", required = true,
                description = "A trusted JWT issuer (iss); give its keys with --jwks. Repeatable.")
        String iss;

        @Option(names = "--jwks", paramLabel = "FILE", required = true,
                description = "The issuer's public JWK Set (ES384 P-384 or RS384 keys with kid).")
        Path jwks;
    }

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<Issuer> issuers = new ArrayList<>();

    @Option(names = "--no-auth", description = "No JWT on the CDS Hooks endpoints (loopback only; for trials).")
    boolean noAuth;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN", arity = "1..*",
            description = "Browser origins allowed by CORS (exact, e.g. http://localhost:3000).")
    List<String> origins = new ArrayList<>();

    @Option(names = "--fhir-base", paramLabel = "URL", arity = "1..*",
            description = "FHIR bases the service may fetch missing prefetch from (https; http on loopback).")
    List<String> fhirBases = new ArrayList<>();

    @Option(names = "--api-token-file", paramLabel = "FILE",
            description = "File whose first line is the bearer token /api/* requires.")
    Path apiTokenFile;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "Serve HTTPS with the key and certificate of this PKCS#12 keystore.")
    Path tlsKeystore;

    private static final String ACCESS_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.mltrules.server.access";
    private static final String SERVER_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.mltrules.server.internal";

    @Override
    public Integer call() throws InterruptedException {
        Main.Io io = parent.io();
        // The tool logs warnings only; a server also owes its operator an access log (method, path, status, ms,
        // hookInstance) and the reasons it refused a JWT or a fetch, none of it clinical (docs/server.md). Set
        // before the server's loggers exist; a -D option of the user's wins.
        if (System.getProperty(ACCESS_LOG_LEVEL) == null) {
            System.setProperty(ACCESS_LOG_LEVEL, "info");
        }
        if (System.getProperty(SERVER_LOG_LEVEL) == null) {
            System.setProperty(SERVER_LOG_LEVEL, "info");
        }
        MltRulesServer server;
        try {
            MltRulesServer.Builder b = MltRulesServer.builder().port(port).bind(bind).rules(rules.load(io));
            if (publicUrl != null) {
                b.publicUrl(publicUrl);
            }
            for (Issuer i : issuers) {
                b.issuer(i.iss, i.jwks);
            }
            if (noAuth) {
                b.noAuth();
            }
            origins.forEach(b::allowOrigin);
            fhirBases.forEach(b::fhirBase);
            if (apiTokenFile != null) {
                b.apiTokenFile(apiTokenFile);
            }
            if (tlsKeystore != null) {
                String pw = System.getenv("MLT_RULES_TLS_PASSWORD");
                b.tlsKeystore(tlsKeystore, pw == null ? new char[0] : pw.toCharArray());
            }
            server = b.build();
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            io.err().println("mlt-rules: " + e.getMessage());
            return Main.USAGE;
        }
        if (noAuth) {
            io.err().println("mlt-rules: WARNING: --no-auth: the CDS Hooks endpoints accept calls without a JWT");
        }
        try {
            server.start();
        } catch (UncheckedIOException e) {
            io.err().println("mlt-rules: " + e.getMessage());
            return Main.INTERNAL_ERROR;
        }
        io.err().println(server.listeningLine());
        io.err().flush();
        server.serveUntilSignalled();
        return Main.OK;
    }
}
