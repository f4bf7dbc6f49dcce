/**
 * Fabric-named Prometheus metrics of an ordering node and its operations endpoint.
 *
 * <p>One {@link io.raftlens.raft.metrics.OrdererMetrics} (and registry) per node. Metrics are recorded with the
 * Prometheus Java client 1.x and exposed by {@link io.raftlens.raft.metrics.FabricTextFormat}, which keeps Fabric's
 * counter names (no {@code _total} suffix, unlike the client's own writer).
 * {@link io.raftlens.raft.metrics.OperationsServer} serves {@code /metrics} and {@code /healthz} like Fabric's
 * operations endpoint.
 */
package io.raftlens.raft.metrics;
