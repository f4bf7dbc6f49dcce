package io.raftlens.lsp.live;

import io.raftlens.raft.attach.AttachedSnapshot;
import io.raftlens.raft.attach.EndpointMapping;
import io.raftlens.raft.attach.OperationsClient;
import io.raftlens.raft.attach.OrdererStatus;
import io.raftlens.raft.attach.ParticipationStatus;
import io.raftlens.raft.attach.StatusChanges;
import io.raftlens.raft.network.NetworkSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Running orderers RaftLens did not launch, followed from one document through their operations endpoints: polls
 * every consenter's {@code /metrics} and {@code /healthz} (raft-runtime's {@code attach} package), keeps the last
 * answers as the launch's {@link NetworkSnapshot} for the same lenses, hints and tree, and remembers what a person
 * should see as diagnostics: leader changes, orderers that stopped answering, consenters with no endpoint.
 * Read-only: nothing is ever sent to the orderers but GETs.
 */
public final class AttachedNetwork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AttachedNetwork.class);

    /** Event lines kept (the oldest go first). */
    static final int MAX_EVENTS = 200;

    /** A leader change seen between two polls on one channel: {@code from}/{@code to} are Raft ids (0: none). */
    public record LeaderChange(long at, String channel, long from, long to) {}

    /** How to reach the endpoints: TLS files (null: none) and the poll interval. */
    public record Options(String profile, List<String> channels, Duration interval, Path caFile, Path certFile, Path keyFile) {}

    private final String uri;
    private final Options options;
    private final List<EndpointMapping.Consenter> consenters;
    private final EndpointMapping.Result mapping;
    /** The channel participation APIs (Admin.ListenAddress); consenters without one are followed by their metrics only. */
    private final EndpointMapping.Result admin;
    private final Map<String, String> urls = new LinkedHashMap<>();
    private final Map<String, OperationsClient> clients = new LinkedHashMap<>();
    private final Map<String, String> adminUrls = new LinkedHashMap<>();
    private final Map<String, OperationsClient> adminClients = new LinkedHashMap<>();
    private final Consumer<String> changed;
    private final LongSupplier clock;
    private final long attachedAt;
    private final ScheduledExecutorService poller;
    /** Where the endpoints of one round are asked, side by side. */
    private final ExecutorService askers;

    private volatile Map<String, OrdererStatus> last = Map.of();
    private volatile Map<String, ParticipationStatus> lastAdmin = Map.of();
    /** The first answer of each consenter (for "leader changes since attaching"). */
    private final Map<String, OrdererStatus> first = new LinkedHashMap<>();
    private final Map<String, Long> unreachableSince = new LinkedHashMap<>();
    private final List<LeaderChange> leaderChanges = Collections.synchronizedList(new ArrayList<>());
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Long> agreedLeader = new LinkedHashMap<>();
    /** Done once the first round has answered (or the network was closed before it did). */
    private final CompletableFuture<Void> firstPoll = new CompletableFuture<>();

    AttachedNetwork(String uri, Options options, List<EndpointMapping.Consenter> consenters, EndpointMapping.Result mapping,
                    Consumer<String> changed, LongSupplier clock) {
        this(uri, options, consenters, mapping, new EndpointMapping.Result(List.of(), List.of(), List.of()), changed, clock);
    }

    AttachedNetwork(String uri, Options options, List<EndpointMapping.Consenter> consenters, EndpointMapping.Result mapping,
                    EndpointMapping.Result admin, Consumer<String> changed, LongSupplier clock) {
        this.uri = uri;
        this.options = options;
        this.consenters = List.copyOf(consenters);
        this.mapping = mapping;
        this.admin = admin;
        this.changed = changed;
        this.clock = clock;
        this.attachedAt = clock.getAsLong();
        for (EndpointMapping.Endpoint e : mapping.endpoints()) {
            urls.put(e.consenter().address(), e.url());
            Path trust = options.caFile() != null ? options.caFile() : e.trust();
            boolean tls = e.url().startsWith("https://");
            clients.put(e.consenter().address(), new OperationsClient(tls ? trust : null, tls ? options.certFile() : null,
                    tls ? options.keyFile() : null, timeout()));
        }
        for (EndpointMapping.Endpoint e : admin.endpoints()) {
            adminUrls.put(e.consenter().address(), e.url());
            Path trust = options.caFile() != null ? options.caFile() : e.trust();
            boolean tls = e.url().startsWith("https://");
            adminClients.put(e.consenter().address(), new OperationsClient(tls ? trust : null, tls ? options.certFile() : null,
                    tls ? options.keyFile() : null, timeout()));
        }
        this.askers = Executors.newFixedThreadPool(Math.max(1, Math.min(8, mapping.endpoints().size() + admin.endpoints().size())), r -> {
            Thread t = new Thread(r, "raftlens-attach-ask");
            t.setDaemon(true);
            return t;
        });
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "raftlens-attach-poll");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Polls now and then every interval, all on the poll thread: the caller (the command thread, holding the networks'
     * lock) never waits for an orderer, so an endpoint that accepts and never answers delays nothing but this view.
     *
     * @return done when the first round has answered
     */
    CompletableFuture<Void> start() {
        long every = options.interval().toMillis();
        poller.scheduleWithFixedDelay(() -> {
            try {
                poll();
            } catch (RuntimeException e) {
                LOG.warn("polling the orderers of {} failed: {}", uri, e.toString());
            } finally {
                firstPoll.complete(null);
            }
        }, 0, every, TimeUnit.MILLISECONDS);
        return firstPoll;
    }

    /** Done once the first round has answered, or the network was closed. */
    CompletableFuture<Void> firstPoll() {
        return firstPoll;
    }

    private Duration timeout() {
        long ms = Math.max(500, Math.min(3000, options.interval().toMillis()));
        return Duration.ofMillis(ms);
    }

    /**
     * One round: every endpoint once, all at the same time (an orderer that does not answer costs one timeout, not one
     * per orderer); the view changes (and the client hears of it) only when an answer did. The answers are awaited
     * without any lock held: the lenses and diagnostics read the last round meanwhile.
     */
    void poll() {
        Map<String, CompletableFuture<ParticipationStatus>> adminAsked = new LinkedHashMap<>();
        for (EndpointMapping.Endpoint e : admin.endpoints()) {
            String address = e.consenter().address();
            String hint = options.certFile() != null ? null : CERT_HINT;
            adminAsked.put(address, CompletableFuture.supplyAsync(() -> ParticipationStatus.poll(adminClients.get(address),
                    e.consenter().host(), e.url(), timeout(), hint), askers));
        }
        Map<String, OrdererStatus> now = ask();
        if (now == null) {
            return;
        }
        Map<String, ParticipationStatus> joined = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<ParticipationStatus>> a : adminAsked.entrySet()) {
            try {
                // one list and one GET per channel: a bound of its own, not the operations one
                joined.put(a.getKey(), a.getValue().get(timeout().toMillis() * 3 + 1000, TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                joined.put(a.getKey(), ParticipationStatus.unreachable(host(a.getKey()), "no answer from " + adminUrls.get(a.getKey())
                        + ": " + e));
            }
        }
        apply(now, joined);
    }

    /** What to do when an admin endpoint refuses a request without a client certificate. */
    static final String CERT_HINT = "set raftlens.attach.tls.certFile and raftlens.attach.tls.keyFile to an orderer admin's TLS"
            + " client certificate and key (e.g. users/Admin@example.com/tls/client.crt and client.key of cryptogen's output)";

    /** One answer per endpoint; null when interrupted (detached). */
    private Map<String, OrdererStatus> ask() {
        Map<String, CompletableFuture<OrdererStatus>> asked = new LinkedHashMap<>();
        for (EndpointMapping.Endpoint e : mapping.endpoints()) {
            String address = e.consenter().address();
            asked.put(address, CompletableFuture.supplyAsync(() -> clients.get(address).poll(e.consenter().host(), e.url(), timeout()),
                    askers));
        }
        Map<String, OrdererStatus> now = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<OrdererStatus>> a : asked.entrySet()) {
            try {
                // interruptible: detaching (shutdownNow) must not leave this thread waiting for an answer never asked
                now.put(a.getKey(), a.getValue().get(timeout().toMillis() * 2 + 1000, TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                now.put(a.getKey(), OrdererStatus.unreachable(host(a.getKey()), "no answer from " + urls.get(a.getKey()) + ": " + e));
            }
        }
        return now;
    }

    private synchronized void apply(Map<String, OrdererStatus> now, Map<String, ParticipationStatus> joined) {
        long t = clock.getAsLong();
        Map<String, OrdererStatus> before = last;
        Map<String, ParticipationStatus> joinedBefore = lastAdmin;
        for (Map.Entry<String, OrdererStatus> s : now.entrySet()) {
            if (s.getValue().reachable()) {
                first.putIfAbsent(s.getKey(), s.getValue());
                unreachableSince.remove(s.getKey());
            } else {
                unreachableSince.putIfAbsent(s.getKey(), t);
            }
        }
        if (!before.isEmpty()) {
            for (String line : StatusChanges.between(byHost(before), byHost(now))) {
                events.add(line);
                if (events.size() > MAX_EVENTS) {
                    events.remove(0);
                }
            }
            for (String line : participationChanges(joinedBefore, joined)) {
                events.add(line);
                if (events.size() > MAX_EVENTS) {
                    events.remove(0);
                }
            }
        }
        NetworkSnapshot s = snapshotOf(now, joined);
        for (String ch : s.channels()) {
            long leader = s.leader(ch).map(n -> n.id().value()).orElse(0L);
            Long was = agreedLeader.get(ch);
            if (was != null && was != leader && leader != 0) {
                leaderChanges.add(new LeaderChange(t, ch, was, leader));
            }
            if (leader != 0 || was == null) {
                agreedLeader.put(ch, leader); // a poll with no leader keeps the last one, to see the next as a change
            }
        }
        last = Collections.unmodifiableMap(now);
        lastAdmin = Collections.unmodifiableMap(joined);
        if (!now.equals(before) || !joined.equals(joinedBefore)) {
            changed.accept(uri);
        }
    }

    /** "orderer3.example.com mychannel: consenter, active → not joined", per channel whose part changed. */
    private static List<String> participationChanges(Map<String, ParticipationStatus> before, Map<String, ParticipationStatus> after) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, ParticipationStatus> e : after.entrySet()) {
            ParticipationStatus was = before.get(e.getKey());
            ParticipationStatus now = e.getValue();
            if (was == null || !was.reachable() || !now.reachable()) {
                if (was != null && was.reachable() != now.reachable()) {
                    out.add(now.host() + ": channel participation API " + (now.reachable() ? "answers again" : "unreachable (" + now.error() + ")"));
                }
                continue;
            }
            java.util.TreeSet<String> channels = new java.util.TreeSet<>(was.channels().keySet());
            channels.addAll(now.channels().keySet());
            for (String ch : channels) {
                String a = Optional.ofNullable(was.channels().get(ch)).map(ParticipationStatus::describe).orElse("not joined");
                String b = Optional.ofNullable(now.channels().get(ch)).map(ParticipationStatus::describe).orElse("not joined");
                if (!a.equals(b)) {
                    out.add(now.host() + " " + ch + ": " + a + " → " + b);
                }
            }
        }
        return out;
    }

    /** The same answers keyed by consenter host, as {@code raftlens attach} names orderers in its event lines. */
    private static Map<String, OrdererStatus> byHost(Map<String, OrdererStatus> byAddress) {
        Map<String, OrdererStatus> out = new LinkedHashMap<>();
        byAddress.forEach((address, s) -> out.put(s.host(), s));
        return out;
    }

    public String uri() {
        return uri;
    }

    public Options options() {
        return options;
    }

    public String profile() {
        return options.profile();
    }

    public long attachedAt() {
        return attachedAt;
    }

    public List<EndpointMapping.Consenter> consenters() {
        return consenters;
    }

    public EndpointMapping.Result mapping() {
        return mapping;
    }

    /** The last answer of every polled consenter, by {@code host:port}. */
    public Map<String, OrdererStatus> statuses() {
        return last;
    }

    /** What the first answer of a consenter said (its counters when attaching). */
    public synchronized Optional<OrdererStatus> first(String address) {
        return Optional.ofNullable(first.get(address));
    }

    public synchronized Optional<Long> unreachableSince(String address) {
        return Optional.ofNullable(unreachableSince.get(address));
    }

    public List<LeaderChange> leaderChanges() {
        synchronized (leaderChanges) {
            return List.copyOf(leaderChanges);
        }
    }

    /** The change lines between polls ({@code raftlens attach}'s event lines), oldest first. */
    public List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The quorum problems of the last poll: Fabric's view (a leader's active_nodes) and orderers known down. */
    public List<String> risks() {
        Map<String, OrdererStatus> now = last;
        List<String> out = new ArrayList<>(StatusChanges.risks(now));
        long down = now.values().stream().filter(s -> !s.reachable()).count();
        int majority = consenters.size() / 2 + 1;
        if (down > 0 && consenters.size() - down < majority) {
            out.add("quorum at risk — " + down + " of " + consenters.size() + " orderers do not answer on their operations"
                    + " endpoint (a majority is " + majority + ")");
        }
        return out;
    }

    public NetworkSnapshot snapshot() {
        return snapshotOf(last, lastAdmin);
    }

    private NetworkSnapshot snapshotOf(Map<String, OrdererStatus> polled, Map<String, ParticipationStatus> joined) {
        return AttachedSnapshot.of(options.profile(), consenters, urls, polled, joined, options.channels());
    }

    /** The channel participation API mapping (Admin.ListenAddress, raftlens.attach.admin). */
    public EndpointMapping.Result adminMapping() {
        return admin;
    }

    /** The last answer of every consenter's channel participation API, by {@code host:port}. */
    public Map<String, ParticipationStatus> participation() {
        return lastAdmin;
    }

    public Optional<String> adminUrl(String address) {
        return Optional.ofNullable(adminUrls.get(address));
    }

    private String host(String address) {
        return consenters.stream().filter(c -> c.address().equals(address)).map(EndpointMapping.Consenter::host).findFirst().orElse(address);
    }

    public String name(long id) {
        return consenters.stream().filter(c -> c.id() == id).map(EndpointMapping.Consenter::host).findFirst()
                .orElse(id == 0 ? "none" : "node " + id);
    }

    public Optional<String> url(String address) {
        return Optional.ofNullable(urls.get(address));
    }

    @Override
    public void close() {
        firstPoll.complete(null);
        poller.shutdownNow();
        askers.shutdownNow();
        try {
            poller.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "attached " + uri + " " + Objects.toString(options.profile());
    }
}
