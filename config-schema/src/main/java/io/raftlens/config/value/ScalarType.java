package io.raftlens.config.value;

/** The Go type of a scalar Fabric field; it decides how mapstructure's weak decoding reads a YAML value. */
public enum ScalarType {
    /** Go string. Numbers and booleans are turned into their decimal text. */
    STRING("string"),
    /** Go string or []byte holding a file or folder path, resolved against the YAML file's folder. */
    PATH("path"),
    /** time.Duration: {@code 2s}; a bare integer is nanoseconds. */
    DURATION("time.Duration"),
    /** A Go string that Fabric later parses with time.ParseDuration (TickInterval, SmartBFT timeouts). */
    DURATION_STRING("duration string"),
    BOOL("bool"),
    UINT16("uint16"),
    /** uint32: also accepts byte sizes such as {@code 16 MB}. */
    UINT32("uint32"),
    UINT64("uint64"),
    INT("int"),
    INT32("int32"),
    FLOAT64("float64");

    private final String goName;

    ScalarType(String goName) {
        this.goName = goName;
    }

    public String goName() {
        return goName;
    }

    public boolean isUnsigned() {
        return this == UINT16 || this == UINT32 || this == UINT64;
    }

    /** Largest value the Go type holds. */
    public long max() {
        return switch (this) {
            case UINT16 -> 0xFFFFL;
            case UINT32 -> 0xFFFF_FFFFL;
            case INT32 -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }
}
