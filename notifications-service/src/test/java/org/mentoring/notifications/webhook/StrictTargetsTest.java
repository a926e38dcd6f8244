package org.mentoring.notifications.webhook;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.notifications.Fixtures;
import org.mentoring.notifications.MailServerResource;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** With the deployed settings, webhooks cannot be pointed at our own network, neither at create nor at send time. */
@QuarkusTest
@TestProfile(StrictTargetsProfile.class)
@WithTestResource(PostgresKafkaResource.class)
@WithTestResource(MailServerResource.class)
class StrictTargetsTest {

    @Test
    void targetsOnPrivateLoopbackLinkLocalMulticastOrUnspecifiedAddressesAreRefused() {
        String hr = Fixtures.hr("hr-" + UUID.randomUUID());
        for (String url : List.of("https://127.0.0.1/x", "https://localhost:8443/x", "https://10.1.2.3/x", "https://172.16.5.4/x",
                "https://192.168.1.1/x", "https://169.254.169.254/latest/meta-data", "https://[::1]/x", "https://[fc00::1]/x",
                "https://[fe80::1]/x", "https://0.0.0.0/x", "https://224.0.0.1/x", "https://100.64.0.1/x", "https://[::ffff:10.0.0.1]/x")) {
            given().auth().oauth2(hr).contentType(ContentType.JSON).body(Map.of("url", url, "eventTypes", List.of("*")))
                    .post("/api/v1/webhooks").then().statusCode(422).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("url")).body("detail", containsString("not a public address"));
        }
        given().auth().oauth2(hr).contentType(ContentType.JSON).body(Map.of("url", "http://93.184.215.14/x", "eventTypes", List.of("*")))
                .post("/api/v1/webhooks").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("url"));
        given().auth().oauth2(hr).get("/api/v1/webhooks").then().statusCode(200).body("items", hasSize(0));

        String id = Fixtures.subscribe(hr, "https://93.184.215.14/hooks", List.of("*"), null).getString("id");
        given().auth().oauth2(hr).contentType(ContentType.JSON).body(Map.of("url", "https://127.0.0.1/x"))
                .patch("/api/v1/webhooks/{id}", id).then().statusCode(422).contentType("application/problem+json");
        given().auth().oauth2(hr).get("/api/v1/webhooks/{id}", id).then().body("url", equalTo("https://93.184.215.14/hooks"));
    }

    @Test
    void aTargetThatResolvesToAPrivateAddressAtSendTimeIsNotCalled() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            String hr = Fixtures.hr("hr-" + UUID.randomUUID());
            String id = Fixtures.subscribe(hr, "https://93.184.215.14/hooks", List.of(EventTypes.MATCH_PROPOSED), null).getString("id");
            // as if the name had been accepted and later pointed at this machine: the URL is changed behind the API's back
            String config = "quarkus.datasource.jdbc.url";
            try (Connection db = DriverManager.getConnection(ConfigProvider.getConfig().getValue(config, String.class),
                    ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class),
                    ConfigProvider.getConfig().getValue("quarkus.datasource.password", String.class));
                 PreparedStatement update = db.prepareStatement("update webhook_subscription set url = ? where id = ?")) {
                update.setString(1, receiver.url("/internal").replace("http:", "https:"));
                update.setObject(2, UUID.fromString(id));
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            KafkaRecords.sendCloudEvent(Topics.MATCHING, "m", Fixtures.event(UUID.randomUUID(), EventTypes.MATCH_PROPOSED, "m", "{}"));
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> given().auth().oauth2(hr)
                    .get("/api/v1/webhooks/{id}/deliveries", id).then().statusCode(200)
                    .body("items[0].attempts[0].error", containsString("not a public address")));
            assertThat(receiver.requests("/internal")).isEmpty();
        }
    }
}
