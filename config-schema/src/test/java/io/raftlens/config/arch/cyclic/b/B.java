package io.raftlens.config.arch.cyclic.b;

/** The other half of the deliberate package cycle (see {@code A}). */
public final class B {
    public io.raftlens.config.arch.cyclic.a.A partner() {
        return new io.raftlens.config.arch.cyclic.a.A();
    }
}
