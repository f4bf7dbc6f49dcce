package io.raftlens.config.arch.cyclic.a;

/** Half of a deliberate package cycle: proves {@code ConfigSchemaArchitectureTest}'s cycle rule can see one. */
public final class A {
    public io.raftlens.config.arch.cyclic.b.B partner() {
        return new io.raftlens.config.arch.cyclic.b.B();
    }
}
