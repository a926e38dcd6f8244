package org.mentoring.matching.engine.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.mentoring.matching.engine.MatchingGraph;

/**
 * The plain-text instance format (documented in {@code matching-service/benchmarks/README.md}), so that any solver
 * can run the same instances:
 *
 * <pre>
 * # comment
 * p matching MENTEES MENTORS EDGES
 * c MENTOR CAPACITY          one per mentor whose capacity is not 1
 * e MENTEE MENTOR SCORE      one per feasible pair
 * o MATCHED TOTAL_SCORE      optional: the known optimum
 * </pre>
 * Indexes start at 0; scores and capacities are integers, 0 or more.
 */
public final class InstanceFile {

    /** A read instance: the graph and, when the file states it, the known optimum. */
    public record Instance(String name, MatchingGraph graph, long[] knownOptimum) {
    }

    private InstanceFile() {
    }

    public static void write(Path file, String comment, MatchingGraph g, long matched, long totalScore)
            throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                PrintStream out = new PrintStream(new BufferedOutputStream(raw, 1 << 16), false,
                        StandardCharsets.US_ASCII)) {
            out.println("# " + comment);
            out.println("p matching " + g.menteeCount() + " " + g.mentorCount() + " " + g.edgeCount());
            for (int j = 0; j < g.mentorCount(); j++) {
                if (g.capacity(j) != 1) {
                    out.println("c " + j + " " + g.capacity(j));
                }
            }
            StringBuilder line = new StringBuilder(32);
            for (int i = 0; i < g.menteeCount(); i++) {
                for (int e = g.edgeBegin(i); e < g.edgeEnd(i); e++) {
                    line.setLength(0);
                    line.append("e ").append(i).append(' ').append(g.edgeMentor(e)).append(' ')
                            .append(g.edgeScore(e)).append('\n');
                    out.append(line);
                }
            }
            if (matched >= 0) {
                out.println("o " + matched + " " + totalScore);
            }
            if (out.checkError()) {
                throw new IOException("could not write " + file);
            }
        }
    }

    /**
     * Reads an instance. Edges written grouped by mentee with increasing mentor indexes (as {@link #write} does) go
     * straight into the compressed rows; any other order goes through {@link MatchingGraph.Builder}.
     */
    public static Instance read(Path file) throws IOException {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.US_ASCII), 1 << 16)) {
            int[] capacity = null;
            int mentees = -1;
            long[] optimum = null;
            int[] start = null;
            int[] edgeMentee = null;
            int[] edgeMentor = null;
            int[] edgeScore = null;
            int edges = 0;
            boolean sorted = true;
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.charAt(0) == '#') {
                    continue;
                }
                switch (line.charAt(0)) {
                    case 'p' -> {
                        String[] parts = line.trim().split("\\s+");
                        if (parts.length != 5 || !parts[1].equals("matching") || capacity != null) {
                            throw new IOException(file + ":" + lineNo
                                    + ": expected one line 'p matching MENTEES MENTORS EDGES'");
                        }
                        mentees = Integer.parseInt(parts[2]);
                        capacity = new int[Integer.parseInt(parts[3])];
                        Arrays.fill(capacity, 1);
                        int declared = Integer.parseInt(parts[4]);
                        start = new int[mentees + 1];
                        edgeMentee = new int[declared];
                        edgeMentor = new int[declared];
                        edgeScore = new int[declared];
                    }
                    case 'c' -> {
                        long[] f = fields(line, 2, file, lineNo);
                        require(capacity != null && edges == 0, file, lineNo,
                                "capacity lines come after the p line and before the first edge");
                        require(f[0] < capacity.length, file, lineNo, "mentor index out of range");
                        capacity[(int) f[0]] = (int) f[1];
                    }
                    case 'e' -> {
                        long[] f = fields(line, 3, file, lineNo);
                        require(capacity != null, file, lineNo, "edge before the p line");
                        require(edges < edgeMentor.length, file, lineNo, "more edges than the p line says");
                        require(f[0] < mentees && f[1] < capacity.length, file, lineNo, "index out of range");
                        int i = (int) f[0];
                        int j = (int) f[1];
                        if (edges > 0) {
                            int pi = edgeMentee[edges - 1];
                            sorted &= i > pi || (i == pi && j > edgeMentor[edges - 1]);
                        }
                        edgeMentee[edges] = i;
                        edgeMentor[edges] = j;
                        edgeScore[edges] = (int) f[2];
                        start[i + 1]++;
                        edges++;
                    }
                    case 'o' -> optimum = fields(line, 2, file, lineNo);
                    default -> throw new IOException(file + ":" + lineNo + ": unknown line type");
                }
            }
            if (capacity == null) {
                throw new IOException(file + ": no p line");
            }
            if (edges != edgeMentor.length) {
                throw new IOException(file + ": the p line says " + edgeMentor.length + " edges, found " + edges);
            }
            String name = file.getFileName().toString().replaceFirst("\\.txt$", "");
            MatchingGraph graph;
            if (sorted) {
                edgeMentee = null;
                for (int i = 0; i < mentees; i++) {
                    start[i + 1] += start[i];
                }
                graph = MatchingGraph.ofRows(mentees, capacity, start, edgeMentor, edgeScore);
            } else {
                MatchingGraph.Builder builder = MatchingGraph.builder(mentees, capacity).expectEdges(edges);
                for (int k = 0; k < edges; k++) {
                    builder.addEdge(edgeMentee[k], edgeMentor[k], edgeScore[k]);
                }
                edgeMentee = edgeMentor = edgeScore = null;
                graph = builder.build();
            }
            return new Instance(name, graph, optimum);
        }
    }

    private static void require(boolean ok, Path file, int lineNo, String message) throws IOException {
        if (!ok) {
            throw new IOException(file + ":" + lineNo + ": " + message);
        }
    }

    /** Exactly {@code count} non-negative integers after the line type letter, parsed without splitting. */
    private static long[] fields(String line, int count, Path file, int lineNo) throws IOException {
        long[] values = new long[count];
        int found = 0;
        int k = 1;
        int n = line.length();
        while (true) {
            while (k < n && Character.isWhitespace(line.charAt(k))) {
                k++;
            }
            if (k >= n) {
                break;
            }
            if (found == count) {
                throw new IOException(file + ":" + lineNo + ": too many fields");
            }
            long v = 0;
            while (k < n && !Character.isWhitespace(line.charAt(k))) {
                char c = line.charAt(k++);
                if (c < '0' || c > '9' || v > Long.MAX_VALUE / 20) {
                    throw new IOException(file + ":" + lineNo + ": expected non-negative integers");
                }
                v = v * 10 + (c - '0');
            }
            if (line.charAt(0) != 'o' && v > Integer.MAX_VALUE) {
                throw new IOException(file + ":" + lineNo + ": number too large");
            }
            values[found++] = v;
        }
        if (found != count) {
            throw new IOException(file + ":" + lineNo + ": expected " + count + " numbers");
        }
        return values;
    }
}
