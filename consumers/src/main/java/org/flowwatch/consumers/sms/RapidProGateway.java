package org.flowwatch.consumers.sms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * A RapidPro (or TextIt) workspace, which sends through whatever SMS channel it has, an External API channel
 * included: {@code POST <url>/api/v2/broadcasts.json} with {@code {"urns": ["tel:+..."], "text": ...}} and
 * {@code Authorization: Token <token>}; the answer carries the broadcast's {@code id} and {@code status}.
 */
record RapidProGateway(URI workspace, String token) implements HttpSmsSender.Gateway {

    private static final ObjectMapper JSON = new ObjectMapper();

    static RapidProGateway of(SmsEndpoint endpoint) {
        return new RapidProGateway(endpoint.url().orElseThrow(), endpoint.token().orElseThrow());
    }

    @Override
    public HttpRequest.Builder request(String number, String text) {
        ObjectNode body = JSON.createObjectNode().put("text", text);
        body.putArray("urns").add("tel:" + number);
        return HttpRequest.newBuilder(HttpSmsSender.under(workspace, "/api/v2/broadcasts.json"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Token " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    @Override
    public String idField() {
        return "id";
    }

    @Override
    public String toString() {
        return "RapidProGateway[" + workspace.getHost() + "]"; // never the token
    }
}
