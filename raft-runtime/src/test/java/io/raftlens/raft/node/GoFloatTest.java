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
        assertEquals("3.2172", Chain.goFloat(3.2172));
        assertEquals("5", Chain.goFloat(5.0));
        assertEquals("0.5", Chain.goFloat(0.5));
        assertEquals("0.0001", Chain.goFloat(0.0001));
        assertEquals("1e-05", Chain.goFloat(0.00001));
        assertEquals("100000", Chain.goFloat(100000.0));
        assertEquals("1.234567e+06", Chain.goFloat(1234567.0));
        assertEquals("1e+21", Chain.goFloat(1e21));
        assertEquals("-2.5", Chain.goFloat(-2.5));
        assertEquals("0", Chain.goFloat(0.0));
    }
}
