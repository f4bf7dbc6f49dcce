/**
 * Validation reports for the CLI and CI: text ({@code PATH:LINE:COL: SEVERITY: MESSAGE [CODE]}), JSON and SARIF
 * writers over {@code ValidationResult}s, chosen by {@link io.raftlens.config.report.ReportFormat}.
 *
 * <p>May depend on: {@code validate} (results, diagnostics, rule infos) and {@code yaml}. Nothing in config-schema
 * depends on it.
 */
package io.raftlens.config.report;
