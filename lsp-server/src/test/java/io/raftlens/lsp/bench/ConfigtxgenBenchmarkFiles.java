package io.raftlens.lsp.bench;

import io.raftlens.raft.crypto.CryptoConfig;
import io.raftlens.raft.crypto.Cryptogen;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the files of the {@code configtxgen -outputBlock} benchmark (docs/benchmarks.md): the generated
 * 5,000-line configtx.yaml ({@link LargeConfigtx}) in DIR, and the crypto material it names, made by raftlens
 * cryptogen — 20 peer organizations' MSPs and the five consenters' TLS certificates.
 *
 * <p>{@code java -cp … io.raftlens.lsp.bench.ConfigtxgenBenchmarkFiles DIR}
 */
public final class ConfigtxgenBenchmarkFiles {

    private ConfigtxgenBenchmarkFiles() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String configtx = LargeConfigtx.generate(5_000);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("configtx.yaml"), configtx);
        StringBuilder crypto = new StringBuilder("OrdererOrgs:\n  - Name: Orderer\n    Domain: example.com\n    EnableNodeOUs: true\n"
                + "    Template:\n      Count: 5\n      Start: 1\n      Hostname: \"orderer{{.Index}}\"\nPeerOrgs:\n");
        for (int i = 1; i <= 20; i++) {
            crypto.append("  - Name: Org").append(i).append("\n    Domain: org").append(i).append(".example.com\n    EnableNodeOUs: true\n");
        }
        new Cryptogen(l -> { }).generate(CryptoConfig.parse(crypto.toString()), dir.resolve("crypto"));
        for (int c = 1; c <= 5; c++) {
            String host = "orderer" + c + ".example.com";
            Path to = dir.resolve("crypto").resolve(host).resolve("tls");
            Files.createDirectories(to);
            Files.copy(dir.resolve("crypto/ordererOrganizations/example.com/orderers").resolve(host).resolve("tls/server.crt"),
                    to.resolve("server.crt"));
        }
        System.out.println(dir.resolve("configtx.yaml") + ": " + configtx.lines().count() + " lines, profiles Channel1…");
    }
}
