package io.raftlens.raft.network;

import io.raftlens.raft.ids.NodeId;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values per node of the launch, keyed by {@link NodeId}. Unlike a {@code Map<NodeId, V>}, whose {@code get} and
 * {@code containsKey} take any {@code Object}, every lookup here takes a {@code NodeId}: passing a Raft id or a bare
 * {@code long} is a compile error instead of a lookup that finds nothing (which happened twice with
 * {@code Map<Long, …>}).
 */
final class ByNode<V> {

    private final Map<NodeId, V> values;

    private ByNode(Map<NodeId, V> values) {
        this.values = values;
    }

    /** In insertion order (the plan's node order); for state set at launch and by lifecycle requests. */
    static <V> ByNode<V> ordered() {
        return new ByNode<>(new LinkedHashMap<>());
    }

    /** For state changed from several threads (lifecycle requests, chain callbacks). */
    static <V> ByNode<V> concurrent() {
        return new ByNode<>(new ConcurrentHashMap<>());
    }

    V get(NodeId id) {
        return values.get(id);
    }

    Optional<V> find(NodeId id) {
        return Optional.ofNullable(values.get(id));
    }

    V getOrDefault(NodeId id, V fallback) {
        return values.getOrDefault(id, fallback);
    }

    boolean containsKey(NodeId id) {
        return values.containsKey(id);
    }

    V put(NodeId id, V value) {
        return values.put(id, value);
    }

    V remove(NodeId id) {
        return values.remove(id);
    }

    V computeIfAbsent(NodeId id, Function<NodeId, V> make) {
        return values.computeIfAbsent(id, make);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    int size() {
        return values.size();
    }

    /** A copy of the values, in the map's order. */
    Collection<V> values() {
        return java.util.List.copyOf(values.values());
    }

    /** A copy of the keys, in the map's order. */
    Set<NodeId> keys() {
        return new java.util.LinkedHashSet<>(values.keySet());
    }

    /** The node ids in a set (for nodes picked out, e.g. the isolated ones). */
    static final class Ids {
        private final Set<NodeId> ids = ConcurrentHashMap.newKeySet();

        boolean add(NodeId id) {
            return ids.add(id);
        }

        boolean remove(NodeId id) {
            return ids.remove(id);
        }

        boolean contains(NodeId id) {
            return ids.contains(id);
        }

        void clear() {
            ids.clear();
        }
    }
}
