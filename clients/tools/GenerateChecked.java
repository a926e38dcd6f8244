import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs openapi-generator's command line in a JVM of its own and fails the build on any warning or error it prints.
 * <p>
 * The generator logs what it cannot translate faithfully (a schema it renames, an example it drops, a reference it
 * cannot resolve) as a WARN line and carries on, so a client can silently differ from the document. Run in-process
 * (the Maven plugin), those lines go to Maven's log where nothing can check them; here they are captured, written to
 * a log file, and every WARN or ERROR line that is not explicitly allowed fails the build, listed.
 * <p>
 * Started with the JDK's source launcher, so the build needs no other tool:
 * <pre>
 * java GenerateChecked.java --log target/openapi-generator.log [--allow "message prefix"]... -- \
 *      -jar openapi-generator-cli.jar generate ...
 * </pre>
 * Everything after {@code --} is passed to a new {@code java} process (the one running this file). An allowed message
 * is matched against the text after the logger name, from its start; each allowance is stated, with its reason, where
 * the build passes it.
 */
public class GenerateChecked {

    public static void main(String[] args) throws IOException, InterruptedException {
        Path log = null;
        List<String> allowed = new ArrayList<>();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        int i = 0;
        for (; i < args.length && !args[i].equals("--"); i++) {
            switch (args[i]) {
                case "--log" -> log = Path.of(args[++i]);
                case "--allow" -> allowed.add(args[++i]);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (log == null || i >= args.length - 1) {
            usage("--log and a command after -- are required");
        }
        for (i++; i < args.length; i++) {
            command.add(args[i]);
        }

        Files.createDirectories(log.toAbsolutePath().getParent());
        Process generator = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!generator.waitFor(10, TimeUnit.MINUTES)) {
            generator.destroyForcibly();
            fail("openapi-generator did not finish within 10 minutes; its output so far is in " + log);
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        if (generator.exitValue() != 0) {
            lines.stream().skip(Math.max(0, lines.size() - 40)).forEach(System.err::println);
            fail("openapi-generator failed (exit " + generator.exitValue() + "); the last lines of its output are above, "
                    + "all of it is in " + log);
        }

        List<String> offending = new ArrayList<>();
        int tolerated = 0;
        for (String line : lines) {
            String level = level(line);
            if (level == null) {
                continue;
            }
            if (level.equals("WARN") && allowed.stream().anyMatch(message(line)::startsWith)) {
                tolerated++;
                continue;
            }
            offending.add(line);
        }
        if (!offending.isEmpty()) {
            System.err.println("openapi-generator printed " + offending.size() + " warning(s) or error(s):");
            offending.forEach(line -> System.err.println("  " + line));
            fail("A generator warning means the client may not match the API document. Fix the document (or the "
                    + "generator options); allow a message only when it is about the tool itself. Full output: " + log);
        }
        System.out.println("openapi-generator: no warnings (" + tolerated + " allowed notice(s)); output in " + log);
    }

    /** WARN or ERROR when the line is a log line of that level ({@code [main] WARN  o.o.codegen.X - message}). */
    private static String level(String line) {
        String rest = line.startsWith("[") && line.indexOf("] ") > 0 ? line.substring(line.indexOf("] ") + 2) : line;
        if (rest.startsWith("WARN ")) {
            return "WARN";
        }
        if (rest.startsWith("ERROR ")) {
            return "ERROR";
        }
        return line.startsWith("Exception in thread") ? "ERROR" : null;
    }

    private static String message(String line) {
        int separator = line.indexOf(" - ");
        return separator < 0 ? line : line.substring(separator + 3);
    }

    private static void usage(String problem) {
        fail(problem + "\nusage: java GenerateChecked.java --log FILE [--allow MESSAGE]... -- JAVA_ARGS...");
    }

    private static void fail(String message) {
        System.err.println("[ERROR] " + message);
        System.exit(1);
    }
}
