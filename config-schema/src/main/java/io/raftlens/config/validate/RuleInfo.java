package io.raftlens.config.validate;

/**
 * What a rule is, for reports (SARIF rule table), docs/rules.md and hover.
 *
 * @param code         stable code, e.g. {@code RAFT001}
 * @param severity     default severity
 * @param title        short name, e.g. "ElectionTick must exceed HeartbeatTick"
 * @param description  what it checks and the Fabric failure it prevents
 */
public record RuleInfo(String code, Severity severity, String title, String description) {}
