package org.mentoring.notifications.webhook.service;

import org.mentoring.notifications.config.NotificationsConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.work.BackgroundWork;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Keeps webhooks from being turned against our own network (SSRF). A target must be an absolute https URL (http only
 * with {@code mentoring.webhooks.allow-http}) without user info or fragment, and every address its host resolves to
 * must be public: loopback, link-local (cloud metadata), private (10/8, 172.16/12, 192.168/16, fc00::/7), shared
 * (100.64/10), multicast, reserved and unspecified addresses are refused, at create/update (422) and again before every
 * send, after resolving the name anew; the send then connects to the address that was checked. Only
 * {@code mentoring.webhooks.allow-private-targets} (local development and tests) lifts the address rule.
 */
@ApplicationScoped
public class TargetGuard {

    public static final int MAX_URL = 2000;

    private final boolean allowHttp;
    private final boolean allowPrivate;
    private final BackgroundWork work;

    public TargetGuard(NotificationsConfig.Webhooks config, BackgroundWork work) {
        this.allowHttp = config.allowHttp();
        this.allowPrivate = config.allowPrivateTargets();
        this.work = work;
    }

    /** A target refused at send time. */
    public static class RefusedTarget extends RuntimeException {
        public RefusedTarget(String message) {
            super(message);
        }
    }

    /** Parses and checks the form of a target URL; 400 naming {@code url} when it is not acceptable. */
    public URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw ProblemException.invalidField("url", "is required");
        }
        if (url.length() > MAX_URL) {
            throw ProblemException.invalidField("url", "must be at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ProblemException.invalidField("url", "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isBlank() || uri.isOpaque()) {
            throw ProblemException.invalidField("url", "must be an absolute URL with a host, such as https://hr.example.com/hooks");
        }
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw ProblemException.invalidField("url", "must use https");
        }
        if (uri.getRawUserInfo() != null) {
            throw ProblemException.invalidField("url", "must not carry user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw ProblemException.invalidField("url", "must not have a fragment");
        }
        return uri;
    }

    /** {@link #parse} and, unless private targets are allowed, the address check (422 when refused). */
    public Uni<URI> check(String url) {
        URI uri = parse(url);
        if (allowPrivate) {
            return Uni.createFrom().item(uri);
        }
        return work.blocking(() -> {
            try {
                resolve(uri);
                return uri;
            } catch (RefusedTarget refused) {
                throw new ProblemException(ProblemType.WEBHOOK_TARGET_REFUSED, refused.getMessage() + " Webhooks are sent only to public internet addresses.",
                        List.of(new org.mentoring.contracts.problem.Problem.FieldError("url", "is not a public address")));
            }
        });
    }

    /**
     * Resolves the target's host (blocking: call it off the event loop) and returns its addresses, the first one to
     * connect to; fails with {@link RefusedTarget} when the host does not resolve or, unless allowed, when any address is
     * not public.
     */
    public List<InetAddress> resolve(URI uri) {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("The host " + host + " does not resolve.");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw new RefusedTarget("The host " + host + " resolves to " + address.getHostAddress() + ", which is not a public address.");
                }
            }
        }
        return Arrays.asList(addresses);
    }

    /** Whether an address is one a webhook may be sent to. */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0                                    // 0.0.0.0/8 "this network"
                    && !(first == 100 && (second & 0xc0) == 64)  // 100.64.0.0/10 shared address space
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
                    && !(first == 198 && (second & 0xfe) == 18)  // 198.18.0.0/15 benchmarking
                    && first < 240;                              // 240/4 reserved, 255.255.255.255 broadcast
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            boolean v4Compatible = true; // ::a.b.c.d and the NAT64 prefix 64:ff9b::/96 carry an IPv4 address to check
            for (int i = 0; i < 12; i++) {
                v4Compatible &= b[i] == 0;
            }
            boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
            if (v4Compatible || nat64) {
                try {
                    return isPublic(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
