package io.raftlens.raft.metrics;

/** A component's health check (Fabric's healthz.HealthChecker): return normally when healthy, else throw. */
@FunctionalInterface
public interface HealthChecker {
    /** @throws Exception whose message becomes the {@code reason} of the failed check */
    void healthCheck() throws Exception;
}
