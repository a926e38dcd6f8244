package org.mentoring.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local mail server over SMTP and HTTP, as notifications-service and a person reading the mails use it. */
class MailBoxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private MailBox box;
    private String mails;

    @BeforeEach
    void start() throws Exception {
        box = MailBox.start("127.0.0.1", freePort(), freePort());
        mails = "http://127.0.0.1:" + box.httpPort() + "/mails";
    }

    @AfterEach
    void stop() {
        box.stop();
    }

    @Test
    void aMailSentOverSmtpIsReadWithItsBodyAndAttachments() throws Exception {
        send("ada@example.org", "Your meeting on 12 January", "See you then.\nhttp://localhost:3000/meetings/1",
                "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n");

        JsonNode list = get(mails);
        assertEquals(1, list.size());
        JsonNode mail = list.get(0);
        assertEquals("ada@example.org", mail.at("/to/0").asText());
        assertEquals("Reverse mentoring <no-reply@mentoring.local>", mail.path("from").asText());
        assertEquals("Your meeting on 12 January", mail.path("subject").asText());
        assertTrue(mail.path("text").asText().contains("http://localhost:3000/meetings/1"), mail.toString());
        assertTrue(mail.path("html").asText().contains("<p>See you then."), mail.toString());
        assertTrue(mail.path("date").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), mail.toString());
        assertEquals("meeting.ics", mail.at("/attachments/0/name").asText());
        assertEquals("text/calendar", mail.at("/attachments/0/contentType").asText());
        assertTrue(mail.at("/attachments/0/text").asText().contains("METHOD:REQUEST"), mail.toString());
    }

    @Test
    void mailsAreFilteredByRecipientAndDeleted() throws Exception {
        send("ada@example.org", "For Ada", "Hello Ada", null);
        send("Bob@Example.org", "For Bob", "Hello Bob", null);

        assertEquals(2, get(mails).size());
        JsonNode bobs = get(mails + "?to=bob%40example.org");
        assertEquals(1, bobs.size());
        assertEquals("For Bob", bobs.get(0).path("subject").asText());
        assertEquals(0, get(mails + "?to=nobody@example.org").size());

        HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(URI.create(mails)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, deleted.statusCode());
        assertEquals(0, get(mails).size());
    }

    @Test
    void theSmtpPortClosesAndOpensAgainWhileTheMailsStayReadable() throws Exception {
        send("ada@example.org", "Before", "First", null);

        box.stopSmtp();
        assertFalse(box.smtpRunning());
        assertThrows(MessagingException.class, () -> send("ada@example.org", "During", "Refused", null));
        assertEquals(1, get(mails).size(), "what arrived before is still there");

        box.startSmtp();
        assertTrue(box.smtpRunning());
        send("ada@example.org", "After", "Second", null);
        JsonNode list = get(mails);
        assertEquals(2, list.size());
        assertEquals("After", list.get(1).path("subject").asText());
    }

    @Test
    void theMailServerStopsWithItsSmtpPortClosed() throws Exception {
        int smtp = box.smtpPort();
        box.stopSmtp();
        MailBox stopped = box;
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), stopped::stop);
        assertFalse(Ports.inUse(smtp));
        box = MailBox.start("127.0.0.1", freePort(), freePort()); // for stop()
    }

    @Test
    void otherPathsAndMethodsAreProblems() throws Exception {
        HttpResponse<String> elsewhere = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + box.httpPort() + "/inbox")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, elsewhere.statusCode());
        assertEquals("application/problem+json", elsewhere.headers().firstValue("Content-Type").orElse(""));

        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(mails))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD, DELETE", post.headers().firstValue("Allow").orElse(""));
    }

    private void send(String to, String subject, String text, String ics) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(box.smtpPort()));
        properties.put("mail.smtp.connectiontimeout", "2000");
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("no-reply@mentoring.local", "Reverse mentoring"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setSentDate(new Date());
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        alternative.addBodyPart(plain);
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>" + text.replace("\n", "<br>") + "</p>", "text/html; charset=UTF-8");
        alternative.addBodyPart(html);
        if (ics == null) {
            message.setContent(alternative);
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            mixed.addBodyPart(body);
            MimeBodyPart calendar = new MimeBodyPart();
            calendar.setDataHandler(new DataHandler(new ByteArrayDataSource(ics, "text/calendar; method=REQUEST")));
            calendar.setFileName("meeting.ics");
            mixed.addBodyPart(calendar);
            message.setContent(mixed);
        }
        Transport.send(message);
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        return JSON.readTree(response.body());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
