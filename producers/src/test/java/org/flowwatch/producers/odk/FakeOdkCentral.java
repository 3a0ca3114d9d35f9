package org.flowwatch.producers.odk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for ODK Central's OData Submissions endpoint, answering as its API documentation shows:
 * {@code @odata.context}, {@code value} with nested groups, {@code __id} and {@code __system}, {@code $top} paging with
 * an {@code @odata.nextLink} carrying {@code $skiptoken}, {@code $filter} on {@code __system/submissionDate} or
 * {@code __system/updatedAt}, edits (same {@code __id}, a new {@code meta/instanceID}, {@code edits} + 1), Basic auth;
 * and a spell of 503s on demand.
 */
final class FakeOdkCentral implements AutoCloseable {

    static final String USER = "collector@example.org";
    static final String PASSWORD = "s3cret-central";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FILTER = Pattern.compile("__system/submissionDate ge (\\S+) or __system/updatedAt ge (\\S+)");

    private final List<ObjectNode> submissions = new ArrayList<>();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger refusedWith503 = new AtomicInteger();
    private final Javalin app;

    FakeOdkCentral() {
        app = Javalin.create(config -> config.showJavalinBanner = false);
        app.get("/v1/projects/{project}/forms/{form}.svc/Submissions", this::submissions);
        app.start("127.0.0.1", 0);
    }

    String url() {
        return "http://127.0.0.1:" + app.port();
    }

    /** A submission of the crossings form: a group {@code crossing} and {@code meta}, as Central nests them. */
    synchronized void submit(String instanceId, int people, Instant submittedAt) {
        ObjectNode submission = JSON.createObjectNode().put("__id", instanceId);
        submission.putObject("meta").put("instanceID", instanceId);
        submission.putObject("crossing").put("people", people).put("crossed_at", "2023-09-26T09:00:00+04:00")
                .put("direction", "arrival");
        submission.putObject("__system").put("submissionDate", submittedAt.toString())
                .put("updatedAt", (String) null).put("submitterId", "5").put("submitterName", "Kornidzor tablet")
                .put("attachmentsPresent", 0).put("attachmentsExpected", 0).put("status", (String) null)
                .put("reviewState", (String) null).put("deviceId", (String) null).put("edits", 0).put("formVersion", "2023092601");
        submissions.add(submission);
    }

    /** An edit in Central (Enketo): the people changed, a new instance id deprecating the old one, edits + 1. */
    synchronized void edit(String instanceId, int people, Instant editedAt) {
        ObjectNode submission = submissions.stream().filter(s -> s.path("__id").asText().equals(instanceId)).findFirst().orElseThrow();
        ObjectNode meta = (ObjectNode) submission.get("meta");
        meta.put("deprecatedID", meta.path("instanceID").asText()).put("instanceID", "uuid:" + java.util.UUID.randomUUID());
        ((ObjectNode) submission.get("crossing")).put("people", people);
        ObjectNode system = (ObjectNode) submission.get("__system");
        system.put("updatedAt", editedAt.toString()).put("edits", system.path("edits").asInt() + 1);
    }

    void unavailableFor(int requestCount) {
        unavailable.set(requestCount);
    }

    int requests() {
        return requests.get();
    }

    int refusedWith503() {
        return refusedWith503.get();
    }

    private synchronized void submissions(Context ctx) {
        requests.incrementAndGet();
        if (unavailable.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            refusedWith503.incrementAndGet();
            ctx.status(503).result("Service Unavailable");
            return;
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(ctx.header("Authorization"))) {
            ctx.status(401).json(JSON.createObjectNode().put("code", 401.2).put("message", "Could not authenticate with the provided credentials."));
            return;
        }
        List<ObjectNode> matching = new ArrayList<>(submissions.stream().filter(s -> passes(s, ctx.queryParam("$filter"))).toList());
        matching.sort(Comparator.comparing((ObjectNode s) -> s.path("__system").path("submissionDate").asText())
                .thenComparing(s -> s.path("__id").asText()));
        int top = ctx.queryParam("$top") == null ? Integer.MAX_VALUE : Integer.parseInt(ctx.queryParam("$top"));
        int from = ctx.queryParam("$skiptoken") == null ? 0 : afterToken(matching, ctx.queryParam("$skiptoken"));
        int to = (int) Math.min(matching.size(), (long) from + top);
        ObjectNode page = JSON.createObjectNode().put("@odata.context", url() + "/v1/projects/" + ctx.pathParam("project")
                + "/forms/" + ctx.pathParam("form") + ".svc/$metadata#Submissions");
        ArrayNode value = page.putArray("value");
        matching.subList(from, to).forEach(value::add);
        if (to < matching.size()) {
            String token = "01" + Base64.getUrlEncoder().encodeToString(("{\"instanceId\":\"" + matching.get(to - 1).path("__id").asText()
                    + "\"}").getBytes(StandardCharsets.UTF_8));
            String filter = ctx.queryParam("$filter") == null ? ""
                    : "&%24filter=" + java.net.URLEncoder.encode(ctx.queryParam("$filter"), StandardCharsets.UTF_8);
            page.put("@odata.nextLink", url() + ctx.path() + "?%24top=" + top + filter + "&%24skiptoken=" + token);
        }
        ctx.json(page);
    }

    private static boolean passes(ObjectNode submission, String filter) {
        if (filter == null) {
            return true;
        }
        Matcher ge = FILTER.matcher(filter);
        if (!ge.matches()) {
            throw new IllegalArgumentException("filter not understood: " + filter);
        }
        JsonNode updated = submission.path("__system").path("updatedAt");
        return !Instant.parse(submission.path("__system").path("submissionDate").asText()).isBefore(Instant.parse(ge.group(1)))
                || updated.isTextual() && !Instant.parse(updated.asText()).isBefore(Instant.parse(ge.group(2)));
    }

    private static int afterToken(List<ObjectNode> matching, String token) {
        String decoded = new String(Base64.getUrlDecoder().decode(token.substring(2)), StandardCharsets.UTF_8);
        String lastId = decoded.replaceAll(".*\"instanceId\":\"([^\"]+)\".*", "$1");
        for (int i = 0; i < matching.size(); i++) {
            if (matching.get(i).path("__id").asText().equals(lastId)) {
                return i + 1;
            }
        }
        return matching.size();
    }

    @Override
    public void close() {
        app.stop();
    }
}
