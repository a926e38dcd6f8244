package org.mentoring.platform.config;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The database login is required, not optional: in the prod profile it has no default (see the platform's
 * configuration), and Quarkus would otherwise connect with no password at all. Injected as plain, required values,
 * a missing DB_USER or DB_PASSWORD stops the service at startup with the property's name.
 */
@Startup
@ApplicationScoped
public class DatabaseLogin {

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;
}
