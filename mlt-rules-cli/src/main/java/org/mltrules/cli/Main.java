package org.mltrules.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point of the {@code mlt-rules} command-line tool. Exit status: 0 every case assessed; 1 internal error or
 * output that could not be written; 2 usage error or unreadable input; 3 a case rejected or failed; 4 rules
 * unusable.
 */
public final class Main {
    /** Every case assessed ({@code INDETERMINATE} included). */
    public static final int OK = 0;
    /** An internal error, or the output could not be written. */
    public static final int INTERNAL_ERROR = 1;
    /** A usage error or an unreadable input file. */
    public static final int USAGE = 2;
    /** At least one case was rejected or failed inside a rule; the others were assessed. */
    public static final int CASE_ERRORS = 3;
    /** The rules are unusable (compile errors, invalid descriptor); nothing was assessed. */
    public static final int RULES_UNUSABLE = 4;

    /**
     * The subcommands by name, in the order the help lists them. Each name is its class's {@code @Command} name
     * ({@code HelpAndVersionTest} holds them together).
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private Main() {
    }

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("assess", AssessCommand.class);
        m.put("explain", ExplainCommand.class);
        m.put("map", MapCommand.class);
        m.put("generate", GenerateCommand.class);
        m.put("check", CheckCommand.class);
        m.put("test", TestCommand.class);
        m.put("rules", RulesCommand.class);
        m.put("serve", ServeCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return Collections.unmodifiableMap(m);
    }

    public static void main(String[] args) {
        // An error on a thread of the tool's own (a worker, the deadline watchdog) is one line, never a stack trace
        // that could carry case content; the run then ends as an internal error.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            System.err.println("mlt-rules: internal error in " + thread.getName() + ": " + e.getClass().getName());
            System.err.flush();
        });
        // The bundled rules load meanwhile on a second thread (when this command line uses them).
        BundledRulesPreload.startFor(args);
        // Data goes to a raw stream so that write errors surface (System.out, a PrintStream, swallows them).
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        int code = run(new Io(System.in, out, System.err, Terminal.stderrIsTerminal(), true), args);
        System.exit(code);
    }

    /**
     * Runs the tool as the command line would, on the given streams (for tests and embedding). Never calls
     * {@code System.exit}; flushes {@code out} but does not close it.
     *
     * @return the exit status
     */
    public static int run(String[] args, InputStream in, OutputStream out, PrintStream err) {
        return run(args, in, out, err, false);
    }

    static int run(String[] args, InputStream in, OutputStream out, PrintStream err, boolean errIsTerminal) {
        return run(new Io(in, out, err, errIsTerminal, false), args);
    }

    private static int run(Io io, String[] args) {
        OutputStream out = io.out();
        PrintStream err = io.err();
        CommandLine cl = commandLine(io, args);
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {
            // Out of memory outside a command's own handling: what was written so far is flushed below; one line.
            err.println("mlt-rules: out of memory; give the tool more memory (MLT_RULES_JAVA_OPTS=-Xmx4g)");
            code = INTERNAL_ERROR;
        }
        cl.getOut().flush();
        try {
            out.flush();
        } catch (java.io.IOException e) {
            if (code == OK) {
                code = INTERNAL_ERROR;
            }
        }
        err.flush();
        return code;
    }

    /** The configured picocli command line around the given streams. */
    static CommandLine commandLine(Io io, String[] args) {
        CommandLine cl = new CommandLine(new MltRulesCommand(io));
        // picocli builds a command's model by reading its annotations reflectively: for all nine subcommands, a
        // third of the start-up of a one-case run (issue 17). A command line that starts with a subcommand's name
        // needs only that subcommand; anything else (no subcommand, an option of the tool, 'help', a misspelt name
        // that gets suggestions) gets them all.
        String first = args.length > 0 ? args[0] : "";
        Class<?> only = "help".equals(first) ? null : SUBCOMMANDS.get(first);
        if (only != null) {
            cl.addSubcommand(first, only);
        } else {
            SUBCOMMANDS.forEach(cl::addSubcommand);
        }
        cl.setOut(new PrintWriter(new OutputStreamWriter(io.out(), StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(io.err(), StandardCharsets.UTF_8), true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler((e, line, parseResult) -> failure(io, e));
        return cl;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("mlt-rules: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return USAGE;
    }

    private static int failure(Io io, Exception e) {
        if (e instanceof ExitException x) {
            if (x.getMessage() != null) {
                io.err().println("mlt-rules: " + x.getMessage());
            }
            return x.code();
        }
        // A bug, not a user error: one line, and the stack trace only on request. The exception's class only: its
        // message could hold case content.
        io.err().println("mlt-rules: internal error: " + e.getClass().getName());
        if (System.getenv("MLT_RULES_DEBUG") != null) {
            e.printStackTrace(io.err());
        } else {
            io.err().println("(set MLT_RULES_DEBUG=1 to see the stack trace)");
        }
        return INTERNAL_ERROR;
    }

    /**
     * The output could not be written. Quiet when the reader went away (a pipe into {@code head}): that is how a
     * pipeline ends, not an error to report.
     */
    static ExitException outputFailed(java.io.IOException e) {
        String message = String.valueOf(e.getMessage());
        return new ExitException(INTERNAL_ERROR, message.contains("Broken pipe") ? null
                : "cannot write the output: " + message);
    }

    /**
     * The streams a command works with.
     *
     * @param stdinIsTheProcesses whether {@code in} is the process's standard input (which may have been closed at
     *                            start: see {@link StandardInput}), not a stream given by a test or host
     */
    record Io(InputStream in, OutputStream out, PrintStream err, boolean errIsTerminal, boolean stdinIsTheProcesses) {
    }

    /** Ends a command with an exit status and, optionally, a one-line message for standard error. */
    static final class ExitException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int code;

        ExitException(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        int code() {
            return code;
        }
    }
}
