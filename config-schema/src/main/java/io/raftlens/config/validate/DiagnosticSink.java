package io.raftlens.config.validate;

/** Where rules report what they find. */
@FunctionalInterface
public interface DiagnosticSink {
    void report(Diagnostic diagnostic);
}
