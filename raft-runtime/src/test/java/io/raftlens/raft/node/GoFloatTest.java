package io.raftlens.raft.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Fabric's {@code WAL sync took %v seconds … after %v seconds} prints Go float64s with {@code %v}; the expected texts
 * are what Go's {@code fmt.Sprintf("%v", x)} prints for each value (strconv 'g', shortest, exponent threshold 6).
 */
class GoFloatTest {

    @Test
    void printsFloatsAsGosPercentV() {
        assertEquals("3.2172", WalSyncWarning.goFloat(3.2172));
        assertEquals("5", WalSyncWarning.goFloat(5.0));
        assertEquals("0.5", WalSyncWarning.goFloat(0.5));
        assertEquals("0.0001", WalSyncWarning.goFloat(0.0001));
        assertEquals("1e-05", WalSyncWarning.goFloat(0.00001));
        assertEquals("100000", WalSyncWarning.goFloat(100000.0));
        assertEquals("1.234567e+06", WalSyncWarning.goFloat(1234567.0));
        assertEquals("1e+21", WalSyncWarning.goFloat(1e21));
        assertEquals("-2.5", WalSyncWarning.goFloat(-2.5));
        assertEquals("0", WalSyncWarning.goFloat(0.0));
    }
}
