package org.mentoring.platform.http;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default list of proxies whose forwarded headers a service believes. Quarkus takes an entry with a prefix
 * length for a CIDR range and anything else for host[:port], a name it looks up in DNS whenever its cached answer has
 * aged out. A bare {@code ::1} was such a name: every service then held a request on a busy keep-alive connection
 * for the DNS query timeout (5 s) every 50-60 requests.
 */
class TrustedProxiesTest {

    @Test
    void everyDefaultTrustedProxyIsACidrRangeSoNoRequestWaitsForADnsLookup() throws IOException {
        Properties config = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            config.load(in);
        }
        assertThat(config.getProperty("quarkus.http.proxy.trusted-proxies")).isEqualTo("${mentoring.trusted-proxies}");
        String[] entries = config.getProperty("mentoring.trusted-proxies").split(",");

        assertThat(entries).contains("127.0.0.0/8", "::1/128");
        // the form Quarkus reads as a range (TrustedProxyCheckPartConverter): text, a slash, a prefix length
        assertThat(Arrays.asList(entries)).allSatisfy(entry -> assertThat(entry).matches("[0-9a-fA-F:.]+/\\d{1,3}"));
    }
}
