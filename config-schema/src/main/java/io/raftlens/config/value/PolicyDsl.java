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
    public record Principal(String mspId, String role) {}

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

    public static Signature signature(String rule) {
        Parser p = new Parser(rule);
        try {
            p.skip();
            p.gate();
            p.skip();
            if (!p.atEnd()) {
                throw p.fail("unexpected text after the policy: \"" + rule.substring(p.pos) + "\"");
            }
            return new Signature(p.principals, null);
        } catch (IllegalArgumentException e) {
            return new Signature(List.of(), e.getMessage());
        }
    }

    private static final class Parser {
        final String s;
        int pos;
        final List<Principal> principals = new ArrayList<>();

        Parser(String s) {
            this.s = s;
        }

        void gate() {
            int start = pos;
            while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
                pos++;
            }
            String name = s.substring(start, pos);
            boolean outOf;
            switch (name) {
                case "AND", "And", "and", "OR", "Or", "or" -> outOf = false;
                case "OutOf", "outof", "OUTOF" -> outOf = true;
                default -> throw fail(name.isEmpty() ? "expected AND(…), OR(…) or OutOf(…) at position " + (start + 1)
                        : "unrecognized gate '" + name + "': use AND, OR or OutOf");
            }
            expect('(');
            int args = 0;
            int n = -1;
            if (outOf) {
                skip();
                int ns = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                if (ns == pos) {
                    throw fail("OutOf needs a number as its first argument");
                }
                n = Integer.parseInt(s.substring(ns, Math.min(pos, ns + 9)));
                skip();
                expect(',');
            }
            while (true) {
                skip();
                if (pos < s.length() && (s.charAt(pos) == '\'' || s.charAt(pos) == '"')) {
                    principal();
                } else {
                    gate();
                }
                args++;
                skip();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect(')');
                break;
            }
            if (outOf && (n < 1 || n > args)) {
                throw fail("OutOf(" + n + ", …) needs between 1 and " + args + " signatures");
            }
        }

        void principal() {
            char quote = s.charAt(pos++);
            int end = s.indexOf(quote, pos);
            if (end < 0) {
                throw fail("unterminated principal starting at position " + pos);
            }
            String p = s.substring(pos, end);
            pos = end + 1;
            Matcher m = PRINCIPAL.matcher(p);
            if (!m.matches()) {
                int dot = p.lastIndexOf('.');
                String role = dot < 0 ? "" : p.substring(dot + 1);
                throw fail(dot < 0 ? "principal '" + p + "' must be '<MSPID>.<role>'"
                        : "principal '" + p + "' has an unknown role '" + role + "': use admin, member, client, peer or orderer");
            }
            principals.add(new Principal(m.group(1), m.group(3)));
        }

        void expect(char c) {
            skip();
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw fail("expected '" + c + "' " + (pos >= s.length() ? "at the end of the rule" : "at position " + (pos + 1)));
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

        IllegalArgumentException fail(String message) {
            return new IllegalArgumentException(message);
        }
    }
}
