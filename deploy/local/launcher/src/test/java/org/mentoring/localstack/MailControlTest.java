package org.mentoring.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/local/ctl stop|start mail, as the supervisor carries it out. */
class MailControlTest {

    @TempDir
    Path home;

    private Supervisor supervisor;

    @AfterEach
    void stop() {
        if (supervisor != null) {
            supervisor.stopAll();
        }
    }

    @Test
    void stoppingTheMailServerClosesItsSmtpPortAndStartingOpensItAgain() throws Exception {
        int smtp = freePort();
        Settings settings = Settings.from(Map.of("MENTORING_HOME", home.toString(), "SMTP_PORT", Integer.toString(smtp),
                "MAILS_PORT", Integer.toString(freePort()), "MENTORING_SERVICES", ""));
        supervisor = new Supervisor(settings);
        supervisor.startMail();
        assertTrue(Ports.inUse(smtp));

        Control.Result stopped = supervisor.carryOut(new Control.Request("1", "stop", "mail"));
        assertTrue(stopped.ok, stopped.message);
        assertFalse(Ports.inUse(smtp));
        assertEquals("mail", StackFiles.readState(settings.stateFile()).get("stopped"));

        Control.Result started = supervisor.carryOut(new Control.Request("2", "start", "mail"));
        assertTrue(started.ok, started.message);
        assertTrue(Ports.inUse(smtp));
        assertEquals(null, StackFiles.readState(settings.stateFile()).get("stopped"));
    }

    @Test
    void anExternalMailServerCannotBeSteered() {
        Settings settings = Settings.from(Map.of("MENTORING_HOME", home.toString(),
                "QUARKUS_MAILER_HOST", "smtp.example.org", "MENTORING_SERVICES", ""));
        Control.Result result = new Supervisor(settings).carryOut(new Control.Request("1", "stop", "mail"));
        assertFalse(result.ok);
        assertTrue(result.message.contains("external"), result.message);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
