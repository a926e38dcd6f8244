package org.mentoring.notifications;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.ServiceBasicsContract;

@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
@WithTestResource(MailServerResource.class)
class ServiceBasicsTest extends ServiceBasicsContract {
    @Override
    protected String securedPath() {
        return "/api/v1/webhooks";
    }
}
