package io.raftlens.config.model.orderer;

import java.util.Optional;

/**
 * A listen address {@code host:port} as Go's net.Listen takes it ({@code [::1]:9443} for IPv6; an empty
 * host means every interface).
 */
public record HostPort(String host, int port) {

    /** Parses {@code host:port}; empty when there is no port or it is not a number in 0–65535. */
    public static Optional<HostPort> parse(String text) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            return Optional.empty(); // IPv6 without brackets: Go reports "too many colons"
        }
        String port = t.substring(colon + 1);
        if (port.isEmpty() || !port.chars().allMatch(Character::isDigit) || port.length() > 5) {
            return Optional.empty();
        }
        int p = Integer.parseInt(port);
        return p > 65535 ? Optional.empty() : Optional.of(new HostPort(host, p));
    }

    /** True for a host that binds every interface ("", 0.0.0.0, ::). */
    public boolean isWildcard() {
        return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::");
    }

    /** Whether two listeners on these addresses would collide (same port, overlapping interfaces). */
    public boolean collidesWith(HostPort other) {
        if (port != other.port || port == 0) {
            return false; // port 0 asks the OS for a free port
        }
        return isWildcard() || other.isWildcard() || loopbackAlias(host).equals(loopbackAlias(other.host));
    }

    private static String loopbackAlias(String host) {
        return host.equalsIgnoreCase("localhost") ? "127.0.0.1" : host.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
