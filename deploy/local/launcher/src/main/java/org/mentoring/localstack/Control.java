package org.mentoring.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Control requests to a running supervisor, through files in {@code <home>/control}: the requester writes
 * {@code <id>.request} ({@code <verb> <part>}), the supervisor takes it, carries it out and writes
 * {@code <id>.result} ({@code OK} or {@code FAILED}, then a line saying what happened). Files rather than a port, so
 * that nothing more listens and only who may write the stack's folder may steer it.
 */
final class Control {

    static final List<String> VERBS = List.of("stop", "kill", "start", "restart");
    private static final String REQUEST = ".request";
    private static final String RESULT = ".result";

    private Control() {
    }

    static final class Request {
        final String id;
        final String verb;
        final String part;

        Request(String id, String verb, String part) {
            this.id = id;
            this.verb = verb;
            this.part = part;
        }
    }

    static final class Result {
        final boolean ok;
        final String message;

        private Result(boolean ok, String message) {
            this.ok = ok;
            this.message = message;
        }

        static Result ok(String message) {
            return new Result(true, message);
        }

        static Result failed(String message) {
            return new Result(false, message);
        }
    }

    /** Parses {@code <verb> <part>}; null when it is not two words. */
    static Request parse(String id, String text) {
        String[] words = text.trim().split("\\s+");
        if (words.length != 2) {
            return null;
        }
        return new Request(id, words[0].toLowerCase(Locale.ROOT), words[1]);
    }

    /** Drops a request for the supervisor; returns its id. */
    static String submit(Path directory, String verb, String part) throws IOException {
        Files.createDirectories(directory);
        String id = UUID.randomUUID().toString();
        writeAtomically(directory.resolve(id + REQUEST), verb + " " + part + "\n");
        return id;
    }

    /** The waiting requests, each removed from the folder as it is taken (oldest first). */
    static List<Request> takeRequests(Path directory) {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + REQUEST)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            return List.of();
        }
        files.sort((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()));
        List<Request> requests = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String id = name.substring(0, name.length() - REQUEST.length());
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Files.delete(file);
                Request request = parse(id, text);
                if (request == null) {
                    answer(directory, new Request(id, "?", "?"),
                            Result.failed("A request is '<verb> <part>', not '" + text.trim() + "'."));
                } else {
                    requests.add(request);
                }
            } catch (IOException e) {
                // taken by someone else, or half written: skip
            }
        }
        return requests;
    }

    static void answer(Path directory, Request request, Result result) {
        try {
            writeAtomically(directory.resolve(request.id + RESULT),
                    (result.ok ? "OK" : "FAILED") + "\n" + result.message + "\n");
        } catch (IOException e) {
            Log.error("Cannot answer control request " + request.id, e);
        }
        Log.info("Control request " + request.verb + " " + request.part + ": " + (result.ok ? "" : "FAILED ")
                + result.message);
    }

    /** Waits for the answer to a request; null when none came in time. The answer file is removed. */
    static Result awaitResult(Path directory, String id, long timeoutMillis) throws IOException {
        Path file = directory.resolve(id + RESULT);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                Files.deleteIfExists(file);
                boolean ok = !lines.isEmpty() && lines.get(0).equals("OK");
                return ok ? Result.ok(lines.size() > 1 ? lines.get(1) : "") : Result.failed(lines.size() > 1
                        ? lines.get(1) : "");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
