package io.raftlens.raft.fabric.msgprocessor;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Fabric's crypto.ExpiresAt remembered per creator: the expiration rule reads the creator certificate's NotAfter for
 * every message, and parsing that certificate from PEM costs more than the rest of the filters once signatures are
 * cheap. The answer depends only on the creator bytes, so the last 100 creators' answers (as Fabric's MSP caches
 * hold 100 identities) are kept. Thread-safe.
 */
final class CreatorExpirations {
    static final int CAPACITY = 100;

    private final Function<byte[], Instant> expiresAt;
    private final Map<ByteBuffer, Optional<Instant>> cache = new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Optional<Instant>> eldest) {
            return size() > CAPACITY;
        }
    };

    CreatorExpirations(Function<byte[], Instant> expiresAt) {
        this.expiresAt = expiresAt;
    }

    /** The creator's NotAfter, or null when it cannot be read (then Fabric makes no decision). */
    Instant expiresAt(byte[] creator) {
        ByteBuffer key = ByteBuffer.wrap(creator); // the caller's own copy, never changed afterwards
        synchronized (cache) {
            Optional<Instant> known = cache.get(key);
            if (known != null) {
                return known.orElse(null);
            }
        }
        Instant at = expiresAt.apply(creator);
        synchronized (cache) {
            cache.put(key, Optional.ofNullable(at));
        }
        return at;
    }
}
