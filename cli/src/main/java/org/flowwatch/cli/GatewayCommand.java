package org.flowwatch.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.flowwatch.cli.ops.OpsEndpoint;
import org.flowwatch.producers.gateway.GatewayMetrics;
import org.flowwatch.producers.gateway.GatewaySettings;
import org.flowwatch.producers.gateway.IngestGateway;
import org.flowwatch.producers.gateway.SignsOfLife;
import org.flowwatch.producers.publish.CrossingPublisher;
import org.flowwatch.producers.publish.MovementPublisher;
import org.flowwatch.producers.publish.SendTimeouts;
import org.flowwatch.producers.publish.TopicPublisher;
import org.flowwatch.producers.sms.SmsChannel;
import org.flowwatch.producers.sms.SmsSettings;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
import picocli.CommandLine.Command;

@Command(name = "gateway", description = "Accept crossings over HTTP (JSON, KoboToolbox, ODK Central) and SMS (SMSC bind, SMS gateways) until Ctrl-C.")
final class GatewayCommand extends SettingsCommand {

    @Override
    int run(Settings settings) throws InterruptedException {
        GatewaySettings gateway = GatewaySettings.from(settings);
        // No registry retries: while the registry cannot answer, the gateway answers 503 at once and Kobo resends.
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(settings).withRetryFor(Duration.ZERO));
        Map<String, Object> kafka = SendTimeouts.within(CommonSettings.kafkaClient(settings), gateway.ackTimeout());
        try (GracefulStop stop = new GracefulStop();
             CrossingPublisher publisher = new CrossingPublisher(kafka, serdes);
             MovementPublisher movements = new MovementPublisher(kafka, serdes);
             TopicPublisher<PostHeartbeat> heartbeats = new TopicPublisher<>(Topics.HEARTBEATS, kafka, serdes);
             OpsEndpoint ops = OpsEndpoint.start(settings, "gateway");
             // null (SMS off) is allowed here: try-with-resources skips it
             SmsChannel sms = SmsChannel.start(SmsSettings.from(settings), CommonSettings.kafkaClient(settings), serdes, publisher,
                     gateway.groupLimit(), gateway.ackTimeout(), Clock.systemUTC()).orElse(null);
             IngestGateway running = IngestGateway.start(gateway, publisher, movements, Clock.systemUTC(),
                     new GatewayMetrics(ops.registry()), SignsOfLife.to(heartbeats), sms == null ? Optional.empty() : sms.webhook())) {
            config.out().printf("gateway listening on http://%s:%d (POST /v1/crossings, /v1/kobo, /v1/odk,"
                    + " /v1/movements, /v1/ping) for %d post(s) and site(s);"
                    + " metrics on http://127.0.0.1:%d/metrics%n", gateway.host(), running.port(), gateway.tokens().size(), ops.port());
            if (sms != null) {
                config.out().printf("SMS in: webhooks (POST /v1/sms/twilio, /v1/sms/inbound) %s; SMSC bind %s%n",
                        sms.webhook().isPresent() ? "on" : "off (no gateway.sms.webhook.secret)",
                        sms.smpp().isPresent() ? "to " + settings.string("gateway.sms.smpp.host") : "off (no gateway.sms.smpp.host)");
            }
            config.out().flush();
            stop.awaitRequest();
            return 0;
        } catch (InterruptedException stopped) {
            return 0;
        }
    }
}
