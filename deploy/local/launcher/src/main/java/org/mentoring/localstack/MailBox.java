package org.mentoring.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local stack's mail server: GreenMail's SMTP server (any sender, any recipient, no login), which keeps what it
 * receives in memory, and a small HTTP endpoint on which a person or a test reads it: {@code GET /mails} (JSON, oldest
 * first, {@code ?to=<address>} for one recipient's), {@code DELETE /mails} to empty it. Runs inside the supervisor;
 * its mails are gone when the stack stops. The SMTP server alone can be stopped and started again (deploy/local/ctl
 * stop|start mail), to see how the senders cope; the mails received so far stay readable meanwhile.
 */
final class MailBox {

    static final String PATH = "/mails";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GreenMail smtp;
    private final HttpServer http;
    private final ExecutorService executor;
    /** The SMTP listener now: GreenMail's own at first, a new one (on the same store) after each restart. */
    private SmtpServer listener;

    private MailBox(GreenMail smtp, HttpServer http, ExecutorService executor) {
        this.smtp = smtp;
        this.http = http;
        this.executor = executor;
        this.listener = smtp.getSmtp();
    }

    /** Starts the SMTP server on {@code host:smtpPort} and the mails endpoint on {@code host:httpPort}. */
    static MailBox start(String host, int smtpPort, int httpPort) throws IOException {
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, host, ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "mailbox-http");
            thread.setDaemon(true);
            return thread;
        });
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(host, httpPort), 0);
        } catch (IOException e) {
            smtp.stop();
            executor.shutdownNow();
            throw e;
        }
        MailBox box = new MailBox(smtp, http, executor);
        http.createContext("/", box::handle);
        http.setExecutor(executor);
        http.start();
        return box;
    }

    int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    int httpPort() {
        return http.getAddress().getPort();
    }

    /** Whether SMTP connections are accepted now. */
    synchronized boolean smtpRunning() {
        return listener.isRunning();
    }

    /** Closes the SMTP port (new connections are refused); the mails received so far stay readable. */
    synchronized void stopSmtp() {
        if (listener.isRunning()) {
            listener.stopService();
        }
    }

    /** Opens the SMTP port again, on the same mailbox. */
    synchronized void startSmtp() throws InterruptedException {
        if (listener.isRunning()) {
            return;
        }
        SmtpServer fresh = new SmtpServer(listener.getServerSetup(), smtp.getManagers());
        fresh.startService();
        if (!fresh.waitTillRunning(10_000)) {
            fresh.stopService();
            throw new IllegalStateException("the SMTP server did not listen on port " + listener.getPort()
                    + " within 10 s");
        }
        listener = fresh;
    }

    synchronized void stop() {
        http.stop(0);
        executor.shutdownNow();
        if (listener != smtp.getSmtp() && listener.isRunning()) {
            listener.stopService();
        }
        smtp.stop();
    }

    private void handle(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals(PATH) && !path.equals(PATH + "/")) {
                send(exchange, 404, problem(404, "Not Found", "Mails are read at GET " + PATH + " and deleted with"
                        + " DELETE " + PATH + "."));
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "GET":
                case "HEAD":
                    String to = query(exchange.getRequestURI().getRawQuery(), "to");
                    send(exchange, 200, JSON.writeValueAsBytes(list(to)));
                    return;
                case "DELETE":
                    smtp.purgeEmailFromAllMailboxes();
                    exchange.sendResponseHeaders(204, -1);
                    return;
                default:
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD, DELETE");
                    send(exchange, 405, problem(405, "Method Not Allowed", "Use GET or DELETE on " + PATH + "."));
            }
        } catch (Exception e) {
            Log.error("The mails endpoint failed on " + exchange.getRequestURI().getPath(), e);
            try {
                send(exchange, 500, problem(500, "Internal Server Error", "The mails could not be read."));
            } catch (IOException | RuntimeException ignored) {
                // the answer had begun already
            }
        } finally {
            exchange.close();
        }
    }

    /** Every mail received so far (one per recipient's mailbox), oldest first; only those to {@code to} if given. */
    ArrayNode list(String to) throws MessagingException, IOException {
        List<MimeMessage> messages = new ArrayList<>(List.of(smtp.getReceivedMessages()));
        List<ObjectNode> mails = new ArrayList<>();
        for (MimeMessage message : messages) {
            ObjectNode mail = describe(message);
            if (to == null || recipients(message).contains(to.toLowerCase(Locale.ROOT))) {
                mails.add(mail);
            }
        }
        mails.sort(Comparator.comparing(m -> m.path("date").asText("")));
        ArrayNode array = JSON.createArrayNode();
        mails.forEach(array::add);
        return array;
    }

    private static List<String> recipients(MimeMessage message) throws MessagingException {
        List<String> all = new ArrayList<>();
        Address[] addresses = message.getAllRecipients();
        if (addresses != null) {
            for (Address address : addresses) {
                all.add(address instanceof InternetAddress internet
                        ? internet.getAddress().toLowerCase(Locale.ROOT)
                        : address.toString().toLowerCase(Locale.ROOT));
            }
        }
        return all;
    }

    static ObjectNode describe(MimeMessage message) throws MessagingException, IOException {
        ObjectNode mail = JSON.createObjectNode();
        mail.put("messageId", message.getMessageID());
        mail.put("from", addresses(message.getFrom()));
        ArrayNode to = mail.putArray("to");
        addTo(to, message.getRecipients(Message.RecipientType.TO));
        ArrayNode cc = mail.putArray("cc");
        addTo(cc, message.getRecipients(Message.RecipientType.CC));
        mail.put("subject", message.getSubject());
        mail.put("date", message.getSentDate() == null ? null : message.getSentDate().toInstant().toString());
        Body body = new Body();
        body.walk(message);
        mail.put("text", body.text);
        mail.put("html", body.html);
        ArrayNode attachments = mail.putArray("attachments");
        for (ObjectNode attachment : body.attachments) {
            attachments.add(attachment);
        }
        return mail;
    }

    /** What a message holds: its first text/plain and text/html parts, and the other parts as attachments. */
    private static final class Body {
        String text;
        String html;
        final List<ObjectNode> attachments = new ArrayList<>();

        void walk(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child);
                }
                return;
            }
            boolean attached = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
            if (!attached && part.isMimeType("text/plain") && text == null) {
                text = readText(part);
            } else if (!attached && part.isMimeType("text/html") && html == null) {
                html = readText(part);
            } else {
                byte[] content = readBytes(part);
                ObjectNode attachment = JSON.createObjectNode();
                attachment.put("name", part.getFileName());
                attachment.put("contentType", baseType(part.getContentType()));
                attachment.put("size", content.length);
                if (part.isMimeType("text/*")) {
                    attachment.put("text", readText(part));
                }
                attachments.add(attachment);
            }
        }
    }

    private static String readText(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof String text) {
            return text;
        }
        return new String(readBytes(part), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    private static String baseType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static String addresses(Address[] addresses) {
        if (addresses == null || addresses.length == 0) {
            return null;
        }
        List<String> all = new ArrayList<>();
        for (Address address : addresses) {
            all.add(address.toString());
        }
        return String.join(", ", all);
    }

    private static void addTo(ArrayNode array, Address[] addresses) {
        if (addresses != null) {
            for (Address address : addresses) {
                array.add(address instanceof InternetAddress internet ? internet.getAddress() : address.toString());
            }
        }
    }

    static String query(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                return value.isBlank() ? null : value.trim();
            }
        }
        return null;
    }

    private static byte[] problem(int status, String title, String detail) throws IOException {
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return JSON.writeValueAsBytes(problem);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type",
                status < 400 ? "application/json" : "application/problem+json");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            exchange.getResponseBody().write(body);
        }
    }
}
