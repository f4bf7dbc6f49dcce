package io.raftlens.raft.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** The components checked by {@code /healthz}. Checks must be quick and non-blocking (they run on a request). */
public final class HealthRegistry {
    /** A failed check as Fabric reports it: {@code {"component":…,"reason":…}}. */
    public record FailedCheck(String component, String reason) {}

    private final Map<String, HealthChecker> checkers = new ConcurrentSkipListMap<>();

    /** @throws IllegalStateException if {@code component} is already registered, as Fabric's RegisterChecker */
    public void register(String component, HealthChecker checker) {
        if (checkers.putIfAbsent(component, checker) != null) {
            throw new IllegalStateException("component '" + component + "' is already registered");
        }
    }

    /** Runs every check, in component order; the failed ones are returned. */
    public List<FailedCheck> runChecks() {
        List<FailedCheck> failed = new ArrayList<>();
        checkers.forEach((component, checker) -> {
            try {
                checker.healthCheck();
            } catch (Exception e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                failed.add(new FailedCheck(component, reason));
            }
        });
        return failed;
    }
}
