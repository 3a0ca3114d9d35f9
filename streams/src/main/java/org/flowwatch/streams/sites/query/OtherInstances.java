package org.flowwatch.streams.sites.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.flowwatch.schemas.http.ApiToken;
import org.flowwatch.streams.runtime.PeerQueries;

/**
 * The other instances of the sites app that hold part of what a query reads, and asking them for it. Site statuses
 * live on the instance that runs the ledger's task, alert episodes on whichever instances run the alerting tasks: an
 * instance answers for all of them by adding what the others hold to its own. Found from the {@code application.server}
 * each instance advertises; a forwarded request is marked {@link #LOCAL_ONLY}, so it is answered from that instance's
 * own stores and never forwarded again.
 */
public final class OtherInstances {

    /** The query parameter on a request one instance sends another: answer from your own stores only. */
    static final String LOCAL_ONLY = "local";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final Function<Collection<String>, List<HostInfo>> holders;
    private final PeerQueries peers;

    private OtherInstances(Function<Collection<String>, List<HostInfo>> holders, ApiToken token) {
        this.holders = holders;
        this.peers = new PeerQueries(LOCAL_ONLY, token);
    }

    /** The instances of {@code streams}' application other than {@code self}, asked with {@code token}. */
    public static OtherInstances of(KafkaStreams streams, HostInfo self, ApiToken token) {
        return new OtherInstances(stores -> holdersOf(streams, self, stores), token);
    }

    /** A single instance, or one that advertises no address: it answers from its own stores. */
    public static OtherInstances none() {
        return new OtherInstances(stores -> List.of(), ApiToken.none());
    }

    /** An instance holding part of an answer did not give it: the answer would be incomplete. */
    static final class Unanswered extends RuntimeException {
        Unanswered(String message) {
            super(message);
        }
    }

    /** The JSON arrays the other instances holding any of {@code stores} answer to {@code path?query}, one after another. */
    List<Map<String, Object>> all(Collection<String> stores, String path, String query) {
        List<Map<String, Object>> answers = new ArrayList<>();
        for (HostInfo host : holders.apply(stores)) {
            HttpResponse<String> response = ask(host, path, query);
            if (response.statusCode() != 200) {
                throw unanswered(host, "answered " + response.statusCode());
            }
            answers.addAll(parse(response.body(), LIST));
        }
        return answers;
    }

    /** The JSON object the first other instance holding any of {@code stores} has at {@code path}; empty if none has it (404). */
    Optional<Map<String, Object>> one(Collection<String> stores, String path) {
        for (HostInfo host : holders.apply(stores)) {
            HttpResponse<String> response = ask(host, path, null);
            if (response.statusCode() == 200) {
                return Optional.of(parse(response.body(), OBJECT));
            }
            if (response.statusCode() != 404) {
                throw unanswered(host, "answered " + response.statusCode());
            }
        }
        return Optional.empty();
    }

    private static List<HostInfo> holdersOf(KafkaStreams streams, HostInfo self, Collection<String> stores) {
        Collection<StreamsMetadata> instances;
        try {
            instances = streams.metadataForAllStreamsClients();
        } catch (IllegalStateException notRunning) { // also StreamsNotStartedException
            throw new Unanswered("the sites app is not running yet (starting or stopping); retry shortly");
        }
        return instances.stream()
                .filter(instance -> instance.hostInfo().port() > 0 && !instance.hostInfo().equals(self))
                .filter(instance -> instance.stateStoreNames().stream().anyMatch(stores::contains))
                .map(StreamsMetadata::hostInfo).distinct().toList();
    }

    private HttpResponse<String> ask(HostInfo host, String path, String query) {
        try {
            return peers.get(host, path, query);
        } catch (IOException e) {
            throw unanswered(host, "did not answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unanswered(host, "was not waited for (interrupted)");
        }
    }

    private static Unanswered unanswered(HostInfo host, String what) {
        return new Unanswered("instance " + host.host() + ":" + host.port() + ", which holds part of the answer, " + what
                + "; retry shortly (it may be restarting)");
    }

    private static <T> T parse(String body, TypeReference<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw new Unanswered("another instance answered what is not the JSON expected: " + e.getClass().getSimpleName());
        }
    }
}
