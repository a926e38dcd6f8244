package org.mentoring.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.problem.ProblemException;

/**
 * Who is calling, from the verified JWT. Ownership is decided by the token's {@code sub}
 * (the stable id of a person or client); roles come from its {@code groups} claim.
 */
@RequestScoped
public class Caller {

    public static final String ADMIN = "program-admin";
    public static final String PARTICIPANT = "participant";
    public static final String HR_INTEGRATION = "hr-integration";
    /**
     * Creates programmes and assigns their teams, platform-wide; it gives no access to any programme's people: for that
     * one must be on the programme's team (see {@link ProgrammeTeams}).
     */
    public static final String PLATFORM_ADMIN = "platform-admin";

    private final SecurityIdentity identity;
    private final JsonWebToken jwt;

    public Caller(SecurityIdentity identity, JsonWebToken jwt) {
        this.identity = identity;
        this.jwt = jwt;
    }

    /** The subject of the token: the stable id of the person or client. */
    public String subject() {
        String sub = jwt.getSubject();
        if (sub == null || sub.isBlank()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "The token has no subject.");
        }
        return sub;
    }

    /** The login name ({@code preferred_username}), which links a person to the HRIS directory. */
    public String username() {
        String username = jwt.getClaim("preferred_username");
        return username != null ? username : jwt.getName();
    }

    /** A human-readable name for display, never used for decisions. */
    public String displayName() {
        String name = jwt.getClaim("name");
        if (name == null) {
            name = jwt.getClaim("preferred_username");
        }
        return name;
    }

    public boolean isAdmin() {
        return identity.hasRole(ADMIN);
    }

    /** The caller as service methods take it. */
    public Viewer viewer() {
        return new Viewer(subject(), isAdmin());
    }

    public boolean isPlatformAdmin() {
        return identity.hasRole(PLATFORM_ADMIN);
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }
}
