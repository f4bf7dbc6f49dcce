package io.raftlens.lsp.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What samples/observability/grafana-dashboard.json asks Prometheus for: every PromQL expression (panel targets and
 * template variable queries), the metric names in them and the label names they group, match or print by.
 */
final class DashboardQueries {

    static final Path FILE = Repo.samples().resolve("observability/grafana-dashboard.json");

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "inf", "nan");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][\\w:]*)\\s*,\\s*(\\w+)\\s*\\)");
    private static final Pattern MATCHERS = Pattern.compile("\\{([^}]*)}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("(\\w+)\\s*(=~|!~|!=|=)\\s*\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][\\w:]*");
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

    /** Expression → the panel or variable it belongs to, in file order. */
    final Map<String, String> expressions = new LinkedHashMap<>();
    final Set<String> metrics = new TreeSet<>();
    final Set<String> labels = new TreeSet<>();

    static DashboardQueries read() throws IOException {
        DashboardQueries q = new DashboardQueries();
        JsonNode dash = new ObjectMapper().readTree(FILE.toFile());
        for (JsonNode panel : dash.path("panels")) {
            for (JsonNode t : panel.path("targets")) {
                q.expressions.put(t.path("expr").asText(), "panel \"" + panel.path("title").asText() + "\"");
                Matcher l = LEGEND_LABEL.matcher(t.path("legendFormat").asText());
                while (l.find()) {
                    q.labels.add(l.group(1));
                }
            }
        }
        for (JsonNode v : dash.path("templating").path("list")) {
            JsonNode query = v.path("query");
            String text = query.isObject() ? query.path("query").asText() : query.asText();
            if (!text.isEmpty()) {
                q.expressions.put(text, "variable $" + v.path("name").asText());
            }
        }
        for (String e : q.expressions.keySet()) {
            q.parse(e);
        }
        return q;
    }

    /** The metrics and labels of some expressions (to test the extraction itself). */
    static DashboardQueries of(String... exprs) {
        DashboardQueries q = new DashboardQueries();
        for (String e : exprs) {
            q.expressions.put(e, "test");
            q.parse(e);
        }
        return q;
    }

    private void parse(String expr) {
        Matcher lv = LABEL_VALUES.matcher(expr);
        if (lv.find()) {
            metrics.add(lv.group(1));
            labels.add(lv.group(2));
            return;
        }
        Matcher m = MATCHERS.matcher(expr);
        while (m.find()) {
            Matcher l = MATCHER_LABEL.matcher(m.group(1));
            while (l.find()) {
                labels.add(l.group(1));
            }
        }
        Matcher g = GROUPING.matcher(expr);
        while (g.find()) {
            for (String label : g.group(2).split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.trim());
                }
            }
        }
        String rest = GROUPING.matcher(MATCHERS.matcher(expr).replaceAll(" ")).replaceAll(" ")
                .replaceAll("\\[[^]]*]", " ").replaceAll("\"[^\"]*\"", " ");
        Matcher id = IDENT.matcher(rest);
        while (id.find()) {
            String name = id.group();
            boolean call = rest.substring(id.end()).stripLeading().startsWith("(");
            if (!call && !KEYWORDS.contains(name.toLowerCase())) {
                metrics.add(name);
            }
        }
    }

    /** Metric families in a /metrics text: name → type, from the {@code # TYPE} lines. */
    static Map<String, String> families(String metricsText) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$").matcher(metricsText);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /** Label names on the samples of {@code family} in a /metrics text. */
    static Set<String> labelsOf(String metricsText, String family) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(family) + "(?:_bucket|_sum|_count)?\\{([^}]*)}").matcher(metricsText);
        while (m.find()) {
            Matcher l = Pattern.compile("(\\w+)=\"").matcher(m.group(1));
            while (l.find()) {
                out.add(l.group(1));
            }
        }
        return out;
    }

    /** Dashboard metrics missing from a /metrics text (histogram series names count for their family). */
    List<String> missingFrom(String metricsText) {
        Map<String, String> families = families(metricsText);
        List<String> missing = new ArrayList<>();
        for (String metric : metrics) {
            String family = metric.replaceFirst("_(bucket|sum|count)$", "");
            boolean ok = families.containsKey(metric)
                    || (!family.equals(metric) && "histogram".equals(families.get(family)));
            if (!ok) {
                missing.add(metric);
            }
        }
        return missing;
    }
}
