package io.raftlens.config.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fabric's policy rule syntaxes: ImplicitMeta ({@code ANY|ALL|MAJORITY SubPolicy}) and the signature policy
 * DSL ({@code OR('Org1MSP.member', AND('Org2MSP.admin', 'Org3MSP.peer'))}, {@code OutOf(2, …)}).
 */
public final class PolicyDsl {

    /** A principal of a signature rule: MSP ID and role. */
    public record Principal(String mspId, String role) implements SignatureRule {}

    /** The outcome of parsing a signature rule: the principals, or an error. */
    public record Signature(List<Principal> principals, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private static final Pattern PRINCIPAL = Pattern.compile("^([A-Za-z0-9.-]+)([.])(admin|member|client|peer|orderer)$");

    private PolicyDsl() {
    }

    /** Fabric's error for an ImplicitMeta rule ({@code encoder.ImplicitMetaFromString}), if any. */
    public static Optional<String> implicitMetaError(String rule) {
        String[] args = rule.split(" ", -1);
        if (args.length != 2) {
            return Optional.of("expected two space separated tokens, but got " + args.length);
        }
        if (!args[0].equals("ANY") && !args[0].equals("ALL") && !args[0].equals("MAJORITY")) {
            return Optional.of("unknown rule type '" + args[0] + "', expected ALL, ANY, or MAJORITY");
        }
        if (args[1].isEmpty()) {
            return Optional.of("the sub-policy name after " + args[0] + " is empty");
        }
        return Optional.empty();
    }

    /** The sub-policy an ImplicitMeta rule refers to ("Readers" in "ANY Readers"). */
    public static Optional<String> implicitMetaSubPolicy(String rule) {
        String[] args = rule.split(" ", -1);
        return args.length == 2 ? Optional.of(args[1]) : Optional.empty();
    }

    /**
     * The principals of a signature rule, or RaftLens's explanation of why it is not one. Stricter than Fabric on
     * one point: {@code OutOf(0, …)} (always satisfied) and {@code OutOf(n+1, …)} (never) are reported too.
     */
    public static Signature signature(String rule) {
        try {
            SignatureRule root = parseSignature(rule);
            List<Principal> principals = new ArrayList<>();
            collect(root, principals);
            return new Signature(principals, null);
        } catch (SyntaxError e) {
            return new Signature(List.of(), e.getMessage());
        }
    }

    /**
     * Parses a signature rule as Fabric's {@code policydsl.FromString} does (same gates, principal syntax and
     * t-out-of-n bounds).
     *
     * @throws SyntaxError with RaftLens's explanation as its message and Fabric's wording as {@link SyntaxError#fabricMessage()}
     */
    public static SignatureRule parseSignature(String rule) {
        Parser p = new Parser(rule);
        p.skip();
        SignatureRule root = p.gate();
        p.skip();
        if (!p.atEnd()) {
            throw new SyntaxError("unexpected text after the policy: \"" + rule.substring(p.pos) + "\"",
                    "unexpected text after the policy at position " + (p.pos + 1));
        }
        return root;
    }

    /** In order of appearance; also applies the stricter OutOf bounds (see {@link #signature}). */
    private static void collect(SignatureRule rule, List<Principal> principals) {
        if (rule instanceof Principal principal) {
            principals.add(principal);
        } else if (rule instanceof SignatureRule.NOutOf gate) {
            for (SignatureRule r : gate.rules()) {
                collect(r, principals);
            }
            if (gate.n() < 1 || gate.n() > gate.rules().size()) {
                throw outOfBounds(gate.n(), gate.rules().size());
            }
        }
    }

    private static SyntaxError outOfBounds(int n, int args) {
        return new SyntaxError("OutOf(" + n + ", …) needs between 1 and " + args + " signatures",
                "invalid t-out-of-n predicate, t " + n + ", n " + args);
    }

    /** A rule that is not in the policy DSL; two wordings of the same fault. */
    public static final class SyntaxError extends IllegalArgumentException {
        private final String fabricMessage;

        SyntaxError(String message, String fabricMessage) {
            super(message);
            this.fabricMessage = fabricMessage;
        }

        SyntaxError(String message) {
            this(message, message);
        }

        /** What Fabric's parser (and so configtxgen) says about this rule. */
        public String fabricMessage() {
            return fabricMessage;
        }
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        SignatureRule gate() {
            int start = pos;
            while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
                pos++;
            }
            String name = s.substring(start, pos);
            boolean and = false;
            boolean outOf = false;
            switch (name) {
                case "AND", "And", "and" -> and = true;
                case "OR", "Or", "or" -> { }
                case "OutOf", "outof", "OUTOF" -> outOf = true;
                default -> throw name.isEmpty() ? new SyntaxError("expected AND(…), OR(…) or OutOf(…) at position " + (start + 1))
                        : new SyntaxError("unrecognized gate '" + name + "': use AND, OR or OutOf",
                                "unrecognized token '" + name + "' in policy string");
            }
            expect('(');
            int n = -1;
            if (outOf) {
                skip();
                int ns = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                if (ns == pos) {
                    throw new SyntaxError("OutOf needs a number as its first argument");
                }
                n = Integer.parseInt(s.substring(ns, Math.min(pos, ns + 9)));
                expect(',');
            }
            List<SignatureRule> rules = new ArrayList<>();
            while (true) {
                skip();
                if (pos < s.length() && (s.charAt(pos) == '\'' || s.charAt(pos) == '"')) {
                    rules.add(principal());
                } else {
                    rules.add(gate());
                }
                skip();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect(')');
                break;
            }
            int t = outOf ? n : and ? rules.size() : 1;
            // Fabric's bound (policydsl.FromString); the validator's stricter one is applied in signature()
            if (t < 0 || t > rules.size() + 1) {
                throw outOfBounds(t, rules.size());
            }
            return new SignatureRule.NOutOf(t, rules);
        }

        Principal principal() {
            char quote = s.charAt(pos++);
            int end = s.indexOf(quote, pos);
            if (end < 0) {
                throw new SyntaxError("unterminated principal starting at position " + pos, "unterminated principal at position " + pos);
            }
            String p = s.substring(pos, end);
            pos = end + 1;
            Matcher m = PRINCIPAL.matcher(p);
            if (!m.matches()) {
                int dot = p.lastIndexOf('.');
                String role = dot < 0 ? "" : p.substring(dot + 1);
                throw new SyntaxError(dot < 0 ? "principal '" + p + "' must be '<MSPID>.<role>'"
                        : "principal '" + p + "' has an unknown role '" + role + "': use admin, member, client, peer or orderer",
                        "error parsing principal " + p);
            }
            return new Principal(m.group(1), m.group(3));
        }

        void expect(char c) {
            skip();
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw new SyntaxError("expected '" + c + "' " + (pos >= s.length() ? "at the end of the rule" : "at position " + (pos + 1)));
            }
            pos++;
        }

        void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean atEnd() {
            return pos >= s.length();
        }
    }
}
