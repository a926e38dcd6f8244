package org.mentoring.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs {@link JourneySimulation} with Gatling twice, each in a programme of its own: a warm-up of
 * {@code load.warm-up-people} (default 200; 0 for none) on the stack just started, then the measured run of
 * {@code load.people}. After each it reads from the stack what Gatling cannot see: how long each event took from its
 * outbox row to each consumer's commit. After the measured run also the CPU each process used, how large each service's
 * database grew, and each JVM's heap. Prints it all as Markdown, the warm-up last (also written to
 * {@code summary-<people>.md} next to Gatling's report; the warm-up's report is in {@code warm-up/}) and writes
 * {@code verdict.txt}: {@code completed} when every pair of both walked the whole journey, else why not.
 */
public final class LoadTest {

    private static final List<String> DATABASES = List.of("applicants", "matching", "agreements", "sessions");

    private LoadTest() {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(System.getProperty("load.results", "target/gatling"));
        Files.createDirectories(results);
        Files.deleteIfExists(results.resolve("verdict.txt"));
        int people = Integer.getInteger("load.people", 1000);
        int warmUpPeople = Integer.getInteger("load.warm-up-people", 200);
        Instant started = Instant.now();

        // the same journey, smaller and in its own programme, on the freshly started stack: what it measures is the
        // stack's first minutes (JVMs compiling what they run), reported apart below the measured run
        StringBuilder warmUp = new StringBuilder();
        String warmUpVerdict = "completed";
        if (warmUpPeople > 0) {
            Run.nextPeople = warmUpPeople;
            Path folder = results.resolve("warm-up");
            int gatling = simulate(folder, warmUpPeople + " people, warm-up");
            warmUpVerdict = report("Warm-up (not in the figures above: the stack just started, a programme of its own)",
                    Run.current, gatling, folder, warmUp);
            Run.current = null;
        }

        Run.nextPeople = people;
        Map<String, Cpu> cpuBefore = cpuSeconds();
        Instant measuredFrom = Instant.now();
        int gatling = simulate(results, people + " people");
        Map<String, Cpu> cpuAfter = cpuSeconds();
        Instant ended = Instant.now();
        Run run = Run.current;
        StringBuilder out = new StringBuilder();
        String verdict = report("Load test", run, gatling, results, out);
        if (run != null) {
            cpu(run.cpuAtPrepared, cpuAfter, seconds(run.preparedAt, ended), out);
        } else {
            cpu(cpuBefore, cpuAfter, seconds(measuredFrom, ended), out);
        }
        databaseSizes(out);
        heaps(out);
        out.append(warmUp);
        if (!"completed".equals(warmUpVerdict)) {
            verdict = "the warm-up did not complete: " + warmUpVerdict + ("completed".equals(verdict) ? "" : "; the run: " + verdict);
        }
        String summary = out.toString();
        System.out.println();
        System.out.println(summary);
        System.out.println("Verdict: " + verdict);
        Files.writeString(results.resolve("summary-" + people + ".md"), summary, StandardCharsets.UTF_8);
        Files.writeString(results.resolve("verdict.txt"), verdict + "\n", StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "Load test finished in %.1f s%n", seconds(started, Instant.now()));
        System.exit(0);
    }

    /** Runs {@link JourneySimulation} once with Gatling, its report into {@code folder}: Gatling's exit code, -1 if it threw. */
    private static int simulate(Path folder, String description) {
        try {
            return io.gatling.app.Gatling$.MODULE$.fromArgs(new String[]{
                    "-s", JourneySimulation.class.getName(), "-rf", folder.toString(), "-rd", description});
        } catch (Throwable e) {
            e.printStackTrace();
            return -1;
        }
    }

    /**
     * One simulation's figures under a heading {@code title}: its phases, counts, Gatling's table of requests, and the latency of the events written
     * from its setup on. Returns its verdict: {@code completed} when every pair walked the whole journey, else why not.
     */
    private static String report(String title, Run run, int gatling, Path reportFolder, StringBuilder out) throws Exception {
        if (run == null) {
            String verdict = "the simulation did not start (Gatling exit " + gatling + ")";
            out.append("## ").append(title).append(": ").append(verdict).append("\n\n");
            return verdict;
        }
        int pairs = run.proposals.size();
        String verdict = run.failure != null ? run.failure
                : run.pairsDone.get() < pairs || pairs == 0
                ? run.pairsDone.get() + " of " + pairs + " pairs walked the whole journey" : "completed";
        out.append(String.format(Locale.ROOT, "## %s: %d people, %d admins (%s)%n%n", title, run.people, run.admins, verdict));
        out.append(String.format(Locale.ROOT, "Setup (Keycloak users, tokens, programme): %.1f s. Simulation: %.1f s. Gatling exit %d.%n%n",
                run.setupSeconds, seconds(run.preparedAt, Instant.now()), gatling));
        phases(run, out);
        out.append(String.format(Locale.ROOT, "Applications %d, accepted %d, proposals %d, pairs through %d, pairs failed %d.%n%n",
                run.applications.size(), run.accepted.get(), pairs, run.pairsDone.get(), run.pairsFailed.get()));
        out.append("429 answers (then retried after Retry-After): ")
                .append(run.rateLimited.isEmpty() ? "none" : run.rateLimited.toString()).append("\n\n");
        requests(reportFolder, out);
        awaitOutboxes();
        events(run.preparedAt, out);
        return verdict;
    }

    private static void phases(Run run, StringBuilder out) {
        out.append("| phase ended | seconds after setup |\n|---|---|\n");
        run.milestones.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e ->
                out.append(String.format(Locale.ROOT, "| %s | %.1f |%n", e.getKey(), seconds(run.preparedAt, e.getValue()))));
        out.append('\n');
    }

    // ---- Gatling's figures per request type ---------------------------------------------------------------------------

    /** The per-request figures of the newest report in {@code results}: the statistics table of its index.html. */
    private static void requests(Path results, StringBuilder out) {
        try (Stream<Path> runs = Files.list(results)) {
            Path newest = runs.filter(p -> Files.exists(p.resolve("index.html")))
                    .max(Comparator.comparing(p -> p.toFile().lastModified())).orElse(null);
            if (newest == null || !Files.exists(newest.resolve("index.html"))) {
                out.append("(no Gatling report found)\n\n");
                return;
            }
            String html = Files.readString(newest.resolve("index.html"));
            out.append("Gatling report: ").append(newest.getFileName()).append("/index.html\n\n");
            out.append("| request | count | KO | req/s (whole run) | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|---|\n");
            Pattern name = Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>");
            Pattern cell = Pattern.compile("<td class=\"value [a-z ]*col-(\\d+)\">([^<]*)</td>");
            for (String row : html.split("<tr")) {
                Matcher n = name.matcher(row);
                if (!n.find()) {
                    continue;
                }
                Map<String, String> cells = new HashMap<>();
                Matcher c = cell.matcher(row);
                while (c.find()) {
                    cells.put(c.group(1), c.group(2));
                }
                if (cells.containsKey("2")) {
                    out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", n.group(1).replace("&amp;", "&"),
                            cells.get("2"), cells.get("4"), cells.get("6"), cells.get("8"), cells.get("10"), cells.get("11"), cells.get("12")));
                }
            }
            out.append('\n');
        } catch (Exception e) {
            out.append("(the Gatling report could not be read: ").append(e).append(")\n\n");
        }
    }

    // ---- event latencies from the databases --------------------------------------------------------------------------

    /** Until no outbox row of any service is unpublished (at most a minute): the last events reach their consumers. */
    private static void awaitOutboxes() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            long unpublished = 0;
            for (String db : DATABASES) {
                try {
                    unpublished += ((Number) Stack.rows(db, "select count(*) from outbox_event where published_at is null").get(0)[0]).longValue();
                } catch (Exception e) {
                    System.out.println("Outbox of " + db + " unreadable: " + e);
                }
            }
            if (unpublished == 0) {
                Thread.sleep(2000);
                return;
            }
            Thread.sleep(1000);
        }
    }

    /** Outbox row written -> broker acknowledged, and outbox row written -> each consumer committed, per event type. */
    private static void events(Instant since, StringBuilder out) throws Exception {
        Timestamp from = Timestamp.from(since);
        Map<UUID, Instant[]> outbox = new HashMap<>();
        Map<UUID, String> types = new HashMap<>();
        for (String db : DATABASES) {
            for (Object[] row : Stack.rows(db, "select id, event_type, created_at, published_at from outbox_event where created_at >= ?", from)) {
                outbox.put((UUID) row[0], new Instant[]{instant(row[2]), instant(row[3])});
                types.put((UUID) row[0], db + ": " + row[1]);
            }
        }
        Instant warm = since.plus(WARM_AFTER);
        Map<String, Latencies> relay = new TreeMap<>();
        outbox.forEach((id, t) -> {
            if (t[1] != null) {
                relay.computeIfAbsent(types.get(id), k -> new Latencies()).add(millis(t[0], t[1]), t[0].isAfter(warm));
            }
        });
        Map<String, Latencies> consumed = new TreeMap<>();
        for (String db : DATABASES) {
            for (Object[] row : Stack.rows(db, "select event_id, consumer, min(processed_at) from processed_event where processed_at >= ?"
                    + " group by event_id, consumer", from)) {
                Instant[] t = outbox.get((UUID) row[0]);
                if (t != null) {
                    consumed.computeIfAbsent(types.get((UUID) row[0]) + " -> " + db + " (" + row[1] + ")", k -> new Latencies())
                            .add(millis(t[0], instant(row[2])), t[0].isAfter(warm));
                }
            }
        }
        out.append("Outbox row -> broker acknowledged, per producer and event type:\n\n");
        table(relay, out);
        out.append("Outbox row -> consumer committed (the asynchronous steps: applicants' accepted -> matching pool, matching's"
                + " confirmed -> agreements draft, agreements' activated -> sessions), target p99 <= 250 ms:\n\n");
        table(consumed, out);
    }

    /**
     * Events written in a simulation's first minute meet HR's import (two events per person, written at once) and, without
     * a warm-up, JVMs that still compile the code they run: the tables show the events written after it apart too.
     */
    private static final Duration WARM_AFTER = Duration.ofMinutes(1);

    /** One event type's latencies: all of them, and those of the events written after the first minute. */
    private static final class Latencies {
        final List<Double> all = new ArrayList<>();
        final List<Double> warm = new ArrayList<>();

        void add(double millis, boolean afterFirstMinute) {
            all.add(millis);
            if (afterFirstMinute) {
                warm.add(millis);
            }
        }
    }

    private static void table(Map<String, Latencies> figures, StringBuilder out) {
        out.append("| event | n | p50 ms | p95 ms | p99 ms | max ms | written after the first minute: n, p99 ms |\n"
                + "|---|---|---|---|---|---|---|\n");
        figures.forEach((what, latencies) -> {
            List<Double> values = latencies.all;
            values.sort(Double::compare);
            latencies.warm.sort(Double::compare);
            String warm = latencies.warm.isEmpty() ? "0, -"
                    : String.format(Locale.ROOT, "%d, %.0f", latencies.warm.size(), percentile(latencies.warm, 99));
            out.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %.0f | %s |%n", what, values.size(),
                    percentile(values, 50), percentile(values, 95), percentile(values, 99), values.get(values.size() - 1), warm));
        });
        out.append('\n');
    }

    // ---- CPU ----------------------------------------------------------------------------------------------------------

    /** CPU seconds (user + system) so far of a process, and of its JIT compiler threads (zero for PostgreSQL). */
    record Cpu(double total, double jit) {
        Cpu minus(Cpu before) {
            return before == null ? this : new Cpu(total - before.total, jit - before.jit);
        }
    }

    /** CPU seconds so far of each JVM of the stack, of all PostgreSQL processes, and of this one. */
    static Map<String, Cpu> cpuSeconds() {
        Map<String, Cpu> cpu = new TreeMap<>();
        Path pids = Path.of(System.getProperty("stack.home", "target/load-stack")).resolve("pids");
        try (Stream<Path> files = Files.list(pids)) {
            for (Path file : files.toList()) {
                String pid = Files.readString(file).trim();
                cpu.put(file.getFileName().toString().replace(".pid", ""), new Cpu(cpuOf(Path.of("/proc", pid)), jitOf(pid)));
            }
        } catch (IOException e) {
            return cpu;
        }
        double postgres = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (Files.readString(proc.resolve("comm")).trim().equals("postgres")) {
                        postgres += cpuOf(proc);
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        cpu.put("postgresql (all processes)", new Cpu(postgres, 0));
        String self = String.valueOf(ProcessHandle.current().pid());
        cpu.put("load generator (Gatling, this JVM)", new Cpu(cpuOf(Path.of("/proc", self)), jitOf(self)));
        return cpu;
    }

    /** CPU seconds of a process or thread from its {@code stat} (utime, stime in clock ticks). */
    private static double cpuOf(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (Exception e) {
            return 0;
        }
    }

    /** CPU seconds of a JVM's compiler threads ("C1 CompilerThread0", "C2 CompilerThread0", ...). */
    private static double jitOf(String pid) {
        double jit = 0;
        try (Stream<Path> threads = Files.list(Path.of("/proc", pid, "task"))) {
            for (Path thread : threads.toList()) {
                try {
                    if (Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
                        jit += cpuOf(thread);
                    }
                } catch (IOException e) {
                    // ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return jit;
    }

    private static void cpu(Map<String, Cpu> before, Map<String, Cpu> after, double wall, StringBuilder out) {
        out.append(String.format(Locale.ROOT, "CPU seconds used during the simulation, setup excluded (%.0f s wall clock, 2 cores = %.0f CPU s available):%n%n",
                wall, 2 * wall));
        out.append("| process | CPU s | share | of which JIT compiler threads |\n|---|---|---|---|\n");
        Map<String, Cpu> used = new TreeMap<>();
        after.forEach((name, cpu) -> used.put(name, cpu.minus(before.get(name))));
        double total = used.values().stream().mapToDouble(Cpu::total).sum();
        double jit = used.values().stream().mapToDouble(Cpu::jit).sum();
        used.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue().total(), a.getValue().total())).forEach(e ->
                out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f %% | %.0f |%n", e.getKey(), e.getValue().total(),
                        100 * e.getValue().total() / total, e.getValue().jit())));
        out.append(String.format(Locale.ROOT, "| all | %.0f | 100 %% | %.0f (%.0f %%) |%n%n", total, jit, 100 * jit / total));
    }

    // ---- database sizes and heaps -----------------------------------------------------------------------------------

    private static void databaseSizes(StringBuilder out) {
        out.append("| database | size MB |\n|---|---|\n");
        try {
            for (Object[] row : Stack.rows("postgres", "select datname, pg_database_size(datname) from pg_database"
                    + " where datname = any(?) order by datname", (Object) DATABASES.toArray(new String[0]))) {
                out.append(String.format(Locale.ROOT, "| %s | %.1f |%n", row[0], ((Number) row[1]).longValue() / 1048576.0));
            }
        } catch (Exception e) {
            out.append("| (unreadable: ").append(e.getMessage()).append(") | |\n");
        }
        out.append('\n');
    }

    /** Each JVM of the stack (pids/ of the stack folder): heap used as found, after a full GC, and resident memory. */
    private static void heaps(StringBuilder out) throws IOException {
        Path pids = Path.of(System.getProperty("stack.home", "target/load-stack")).resolve("pids");
        out.append("| process | heap used MB | heap used after GC MB | RSS MB |\n|---|---|---|---|\n");
        if (!Files.isDirectory(pids)) {
            out.append("| (no pids/ in the stack folder) | | | |\n\n");
            return;
        }
        try (Stream<Path> files = Files.list(pids)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString().replace(".pid", "");
                String pid = Files.readString(file).trim();
                String before = heapUsed(pid);
                jcmd(pid, "GC.run");
                String after = heapUsed(pid);
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", name, before, after, rss(pid)));
            }
        }
        out.append('\n');
    }

    private static String heapUsed(String pid) {
        long usedKb = 0;
        boolean found = false;
        for (String line : jcmd(pid, "GC.heap_info").split("\n")) {
            String l = line.trim();
            boolean heap = Stream.of("garbage-first heap", "def new generation", "tenured generation", "PSYoungGen", "ParOldGen")
                    .anyMatch(l::startsWith);
            if (heap && l.contains(" used ")) {
                String used = l.substring(l.indexOf(" used ") + 6).trim().split("[ ,]")[0];
                if (used.endsWith("K")) {
                    usedKb += Long.parseLong(used.substring(0, used.length() - 1));
                    found = true;
                }
            }
        }
        return found ? String.format(Locale.ROOT, "%.0f", usedKb / 1024.0) : "?";
    }

    private static String rss(String pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return String.format(Locale.ROOT, "%.0f", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
                }
            }
        } catch (Exception e) {
            // not Linux, or the process is gone
        }
        return "?";
    }

    private static String jcmd(String pid, String command) {
        try {
            Process process = new ProcessBuilder("jcmd", pid, command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(60, TimeUnit.SECONDS);
            return output;
        } catch (Exception e) {
            return "";
        }
    }

    // ---- arithmetic ---------------------------------------------------------------------------------------------------

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof OffsetDateTime o ? o.toInstant() : ((Timestamp) value).toInstant();
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
