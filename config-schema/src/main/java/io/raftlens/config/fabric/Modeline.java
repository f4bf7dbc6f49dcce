package io.raftlens.config.fabric;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code # raftlens: configtx|orderer [fabric=2.5]} comment in the first lines of a file: says what
 * kind of file it is and which Fabric release's rules apply.
 */
public record Modeline(FileKind kind, Optional<FabricVersion> fabricVersion) {

    private static final Pattern LINE = Pattern.compile(
            "^\\s*#\\s*raftlens:\\s*(configtx|orderer)\\b(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern FABRIC = Pattern.compile("\\bfabric\\s*=\\s*(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final int SEARCHED_LINES = 10;

    public static Optional<Modeline> find(String text) {
        int lineNo = 0;
        int start = 0;
        while (start <= text.length() && lineNo < SEARCHED_LINES) {
            int nl = text.indexOf('\n', start);
            String line = text.substring(start, nl < 0 ? text.length() : nl);
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                FileKind kind = m.group(1).equalsIgnoreCase("orderer") ? FileKind.ORDERER : FileKind.CONFIGTX;
                Matcher f = FABRIC.matcher(m.group(2));
                Optional<FabricVersion> version = f.find() ? FabricVersion.parse(f.group(1)) : Optional.empty();
                return Optional.of(new Modeline(kind, version));
            }
            if (nl < 0) {
                break;
            }
            start = nl + 1;
            lineNo++;
        }
        return Optional.empty();
    }
}
