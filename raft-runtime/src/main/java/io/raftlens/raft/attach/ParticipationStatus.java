package io.raftlens.raft.attach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.raftlens.raft.fabric.participation.ChannelInfo;
import io.raftlens.raft.fabric.participation.ChannelStatus;
import io.raftlens.raft.fabric.participation.ConsensusRelation;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One orderer as its channel participation API shows it at one poll: {@code GET /participation/v1/channels} (Fabric's
 * {@code types.ChannelList}), then {@code GET} of each channel's URL ({@code types.ChannelInfo}: name,
 * consensusRelation, status, height).
 *
 * @param host      the consenter host it stands for
 * @param reachable whether the API answered
 * @param error     why not (with what to do when it wants a client certificate), or {@code null}
 * @param channels  the orderer's channels by name
 */
public record ParticipationStatus(String host, boolean reachable, String error, Map<String, ChannelInfo> channels) {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String LIST_PATH = "/participation/v1/channels";

    public ParticipationStatus {
        channels = Map.copyOf(channels);
    }

    public static ParticipationStatus unreachable(String host, String error) {
        return new ParticipationStatus(host, false, error, Map.of());
    }

    /**
     * Asks one orderer's API.
     *
     * @param certHint what to tell a person whose request had no client certificate and was refused in the TLS
     *                 handshake (the setting or option that gives one); null when a client certificate was given
     */
    public static ParticipationStatus poll(OperationsClient client, String host, String baseUrl, Duration timeout, String certHint) {
        try {
            JsonNode list = JSON.readTree(client.get(baseUrl, LIST_PATH, timeout));
            Map<String, ChannelInfo> channels = new TreeMap<>();
            for (JsonNode entry : list.path("channels")) {
                String name = entry.path("name").asText();
                String url = entry.path("url").asText(LIST_PATH + "/" + name);
                ChannelInfo info = channelInfo(JSON.readTree(client.get(baseUrl, url, timeout)), url);
                channels.put(info.name(), info);
            }
            return new ParticipationStatus(host, true, null, channels);
        } catch (java.net.ConnectException e) {
            return unreachable(host, "connection refused at " + baseUrl + " (is Admin.ListenAddress right?)");
        } catch (java.net.http.HttpTimeoutException e) {
            return unreachable(host, "no answer from " + baseUrl + " within " + timeout.toSeconds() + " s");
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (certHint != null && baseUrl.startsWith("https://") && refusedWithoutCertificate(e)) {
                return unreachable(host, "the TLS handshake with " + baseUrl + " failed (" + why + "): the admin endpoint"
                        + " requires a client certificate (Admin.TLS.ClientAuthRequired, always on with Admin.TLS in Fabric); "
                        + certHint);
            }
            return unreachable(host, why + " (" + baseUrl + ")");
        }
    }

    /** Fabric's ChannelInfo JSON; an unknown relation or status is an error naming it, not a guess. */
    static ChannelInfo channelInfo(JsonNode info, String url) throws IOException {
        String name = info.path("name").asText("");
        if (name.isEmpty()) {
            throw new IOException("GET " + url + " answered no channel name: " + info);
        }
        String relation = info.path("consensusRelation").asText("");
        String status = info.path("status").asText("");
        ConsensusRelation r = null;
        for (ConsensusRelation c : ConsensusRelation.values()) {
            if (c.json().equals(relation.toLowerCase(Locale.ROOT))) {
                r = c;
            }
        }
        ChannelStatus st = null;
        for (ChannelStatus c : ChannelStatus.values()) {
            if (c.json().equals(status.toLowerCase(Locale.ROOT))) {
                st = c;
            }
        }
        if (r == null || st == null) {
            throw new IOException("GET " + url + ": unknown " + (r == null ? "consensusRelation \"" + relation + "\"" : "status \"" + status + "\""));
        }
        return new ChannelInfo(name, info.path("url").asText(url), r, st, info.path("height").asLong(0));
    }

    /** A server that requires a client certificate ends a handshake without one with an alert, or just closes. */
    private static boolean refusedWithoutCertificate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof javax.net.ssl.SSLException || m.contains("certificate_required") || m.contains("bad_certificate")
                    || m.contains("handshake") || m.contains("connection reset") || m.contains("closed")
                    // TLS 1.3: the client's handshake ends before the server checks the certificate; it then just closes
                    || m.contains("received no bytes") || m.contains("eof")) {
                return true;
            }
        }
        return false;
    }

    /** "consenter, active" — how a lens or a table names the orderer's part in a channel. */
    public static String describe(ChannelInfo info) {
        return info.consensusRelation().json() + ", " + info.status().json();
    }
}
