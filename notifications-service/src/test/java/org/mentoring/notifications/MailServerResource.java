package org.mentoring.notifications;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/** A real SMTP server (GreenMail) on a free port; the service's mailer is pointed at it. */
public class MailServerResource implements QuarkusTestResourceLifecycleManager {

    static volatile GreenMail server;
    private static volatile int port;

    @Override
    public Map<String, String> start() {
        port = freePort();
        resume();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(port));
    }

    /** The SMTP server now running (a new one after each {@link #resume()}). */
    public static GreenMail server() {
        return server;
    }

    /** The SMTP server goes away (connections refused) until {@link #resume()}. */
    public static synchronized void pause() {
        server.stop();
    }

    /** An SMTP server on the same port again (what the previous one received is gone). */
    public static synchronized void resume() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
