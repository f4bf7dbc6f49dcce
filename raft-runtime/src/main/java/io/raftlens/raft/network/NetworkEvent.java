package io.raftlens.raft.network;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing that happened on the network, as the control API's SSE stream and the terminal show it.
 * Types: {@code state} (role/term/leader of a node on a channel), {@code leader} (a node saw the leader change),
 * {@code election} (a node won: duration, votes), {@code block} (a node committed a block),
 * {@code node} (started, stopped, killed, isolated, healed), {@code membership} (a node applied a consenter
 * change of a channel: the config block, "added N"/"removed N", the new consenter set).
 */
public record NetworkEvent(String type, long timeMillis, Map<String, Object> fields) {

    public static NetworkEvent of(String type, Object... keyValues) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            f.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new NetworkEvent(type, System.currentTimeMillis(), java.util.Collections.unmodifiableMap(f));
    }

    /** The event as one JSON-ready map: {"type":…, "time":…, …fields}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("time", timeMillis);
        m.putAll(fields);
        return m;
    }
}
