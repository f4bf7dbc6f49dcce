package io.raftlens.raft.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** On Linux x86-64 (the platform whose netty-tcnative library the build ships) cluster TLS runs on BoringSSL. */
class TlsContextsTest {
    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
    void clusterTlsUsesBoringSslWhereItsLibraryLoads() {
        assertEquals(SslProvider.OPENSSL, TlsContexts.PROVIDER);
    }
}
