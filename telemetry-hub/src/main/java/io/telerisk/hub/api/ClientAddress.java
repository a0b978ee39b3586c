package io.telerisk.hub.api;

import io.telerisk.hub.config.TrustedProxies;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which address a request came from, for the login throttle. The socket's peer, unless that peer is a configured
 * trusted proxy: then the forwarding chain ({@code Forwarded} when present, else {@code X-Forwarded-For}) is read from
 * the right, skipping trusted proxies, and the first address that is not one is the client. The left part of the
 * chain is whatever the client wrote and is never believed beyond that point; a malformed or obfuscated hop
 * ({@code for=unknown}, {@code _hidden}) stops the walk at the last proxy that vouched for it.
 */
final class ClientAddress {
    /** Hops read at most (a longer chain is a client padding it; the right-most hops are the ones that count). */
    private static final int MAX_HOPS = 32;

    private ClientAddress() {
    }

    /**
     * @param peer            the socket's peer address (host only), or null
     * @param forwarded       the {@code Forwarded} header values in order (may be empty)
     * @param xForwardedFor   the {@code X-Forwarded-For} header values in order (may be empty)
     */
    static String of(String peer, TrustedProxies trusted, List<String> forwarded, List<String> xForwardedFor) {
        if (peer == null || !trusted.trusts(peer)) return peer;
        List<String> chain = forwarded.isEmpty() ? xffHops(xForwardedFor) : forwardedHops(forwarded);
        String client = peer;
        for (int i = chain.size() - 1, seen = 0; i >= 0 && seen < MAX_HOPS; i--, seen++) {
            String hop = chain.get(i);
            if (TrustedProxies.literal(hop) == null) return client;
            client = hop;
            if (!trusted.trusts(hop)) return hop;
        }
        return client;
    }

    private static List<String> xffHops(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String v : values) for (String h : v.split(",")) hops.add(stripPort(h.trim()));
        return hops;
    }

    /** The {@code for=} parameter of each element of RFC 7239 {@code Forwarded} values ("" where an element has none). */
    private static List<String> forwardedHops(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String v : values) {
            for (String element : v.split(",")) {
                String hop = "";
                for (String pair : element.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
                        hop = stripPort(unquote(pair.substring(eq + 1).trim()));
                    }
                }
                hops.add(hop);
            }
        }
        return hops;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** {@code 192.0.2.1:4711} → {@code 192.0.2.1}; {@code [2001:db8::1]:4711} → {@code 2001:db8::1}; bare IPv6 kept. */
    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }
}
