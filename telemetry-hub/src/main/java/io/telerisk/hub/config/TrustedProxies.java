package io.telerisk.hub.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The proxies and load balancers whose {@code X-Forwarded-For} and {@code Forwarded} headers the REST API believes:
 * IP addresses or CIDR blocks ({@code 10.0.0.5}, {@code 10.0.0.0/8}, {@code fd00::/8}). A header from any other peer is
 * ignored, since a client can write whatever it likes there. Literals only: a host name is refused (no DNS lookup
 * decides whom to trust).
 *
 * @param blocks the trusted address blocks; empty (the default) trusts no header at all
 */
public record TrustedProxies(List<Block> blocks) {
    /** Trusts no forwarding header: the client is the socket's peer. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    /** One address block: {@code prefixBits} leading bits of {@code network}. */
    public record Block(byte[] network, int prefixBits) {
        public Block {
            Objects.requireNonNull(network, "network");
            if (prefixBits < 0 || prefixBits > network.length * 8) throw new IllegalArgumentException("prefix /" + prefixBits + " too long");
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) return false;
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) if (address[i] != network[i]) return false;
            int rest = prefixBits % 8;
            if (rest == 0) return true;
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixBits;
            } catch (UnknownHostException e) {
                return "?/" + prefixBits;
            }
        }
    }

    public TrustedProxies {
        blocks = List.copyOf(blocks);
    }

    /**
     * Parses a comma-separated list of addresses and CIDR blocks (blank: {@link #NONE}).
     *
     * @throws IllegalArgumentException naming the entry that is not an IP literal or block
     */
    public static TrustedProxies parse(String text) {
        if (text == null || text.isBlank()) return NONE;
        List<Block> blocks = new ArrayList<>();
        for (String raw : text.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) continue;
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            byte[] address = literal(host);
            if (address == null) throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR block");
            int bits = address.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + entry + "': the prefix length is not a number");
                }
                if (bits < 0 || bits > address.length * 8) throw new IllegalArgumentException("'" + entry + "': prefix length out of range");
            }
            blocks.add(new Block(address, bits));
        }
        return new TrustedProxies(blocks);
    }

    /** Whether {@code address} (an IP literal) is a trusted proxy; anything else (null, a name) is not. */
    public boolean trusts(String address) {
        if (blocks.isEmpty()) return false;
        byte[] b = literal(address);
        if (b == null) return false;
        for (Block block : blocks) if (block.contains(b)) return true;
        return false;
    }

    /**
     * The bytes of an IPv4 or IPv6 literal (an IPv4-mapped IPv6 address as IPv4), or null for anything else: a name
     * is never resolved.
     */
    public static byte[] literal(String address) {
        if (address == null || address.isEmpty() || address.length() > 64) return null;
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        a = a.replaceAll("%[A-Za-z0-9._-]+$", "");
        boolean v4 = a.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!v4 && !(a.contains(":") && a.matches("[0-9A-Fa-f:.]+"))) return null;
        try {
            return InetAddress.getByName(a).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return blocks.toString();
    }
}
