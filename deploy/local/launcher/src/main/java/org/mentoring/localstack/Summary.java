package org.mentoring.localstack;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What {@code up} and {@code status} print about a running stack, from the supervisor's state file. */
final class Summary {

    private Summary() {
    }

    static void print(PrintStream out, Map<String, String> state, String downCommand) {
        String gateway = state.get("gateway");
        if (gateway != null) {
            out.println("  Gateway      " + gateway);
            out.println("  Swagger UI   " + gateway + "/q/swagger-ui");
        } else {
            out.println("  Gateway      not started (MENTORING_SERVICES)");
        }
        if (state.get("mails") != null) {
            out.println("  Mails        " + state.get("mails") + "  (what notifications-service sent: GET reads them,"
                    + " DELETE empties; SMTP " + state.get("smtp") + ")");
        } else if (state.get("smtp") != null) {
            out.println("  SMTP         " + state.get("smtp"));
        }
        String services = state.getOrDefault("services", "");
        List<String> parts = new ArrayList<>();
        for (String service : services.split(",")) {
            int at = service.indexOf('@');
            if (at > 0 && !service.startsWith("gateway@")) {
                parts.add(service.substring(0, at) + " :" + service.substring(at + 1));
            }
        }
        if (!parts.isEmpty()) {
            out.println("  Services     " + String.join(", ", parts));
        }
        String keycloak = stripNote(state.get("keycloak"));
        if (keycloak != null) {
            String admin = state.get("keycloakAdmin");
            out.println("  Keycloak     " + state.get("keycloak")
                    + (admin == null ? "" : "  (admin console " + keycloak + "/admin, user " + admin.replace("/",
                            ", password ") + ")"));
        }
        if (state.get("postgres") != null) {
            out.println("  PostgreSQL   " + state.get("postgres") + ", databases " + String.join(", ",
                    Settings.DATABASES));
        }
        if (state.get("kafka") != null) {
            out.println("  Kafka        " + state.get("kafka"));
        }
        out.println("  Logs         " + state.get("home") + "/logs");
        if (state.get("stopped") != null) {
            out.println("  Stopped      " + state.get("stopped") + " (deploy/local/ctl start <part> starts it again)");
        }
        if (state.get("exited") != null) {
            out.println("  Exited       " + state.get("exited") + " (see their logs)");
        }
        if (state.get("warning") != null) {
            out.println("Warning: " + state.get("warning"));
        }
        if (keycloak != null) {
            String tokenUrl = keycloak + "/realms/" + Settings.REALM + "/protocol/openid-connect/token";
            out.println("A token for the demo admin ada.admin (password grant, public client mentoring-web):");
            out.println("  TOKEN=$(curl -s -d grant_type=password -d client_id=mentoring-web -d username=ada.admin"
                    + " -d password=demo " + tokenUrl + " | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')");
            if (gateway != null) {
                out.println("  then: curl -H \"Authorization: Bearer $TOKEN\" " + gateway + "/api/v1/...");
            }
        }
        out.println("Stop it with: " + downCommand);
    }

    private static String stripNote(String value) {
        if (value == null) {
            return null;
        }
        int space = value.indexOf(' ');
        return space < 0 ? value : value.substring(0, space);
    }
}
