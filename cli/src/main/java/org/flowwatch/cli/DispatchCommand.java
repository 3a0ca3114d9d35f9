package org.flowwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.flowwatch.cli.ops.OpsEndpoint;
import org.flowwatch.consumers.metrics.OpenAlerts;
import org.flowwatch.consumers.sms.SmppSettings;
import org.flowwatch.consumers.sms.SmsDispatch;
import org.flowwatch.consumers.sms.SmsEndpoint;
import org.flowwatch.consumers.sms.SmsEndpointsFile;
import org.flowwatch.consumers.sms.SmsText;
import org.flowwatch.consumers.view.TopicViewer;
import org.flowwatch.consumers.webhook.AlertDispatcher;
import org.flowwatch.consumers.webhook.DispatchMetrics;
import org.flowwatch.consumers.webhook.DispatchSettings;
import org.flowwatch.consumers.webhook.Endpoint;
import org.flowwatch.consumers.webhook.EndpointsFile;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.config.ValueReferences;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
import picocli.CommandLine.Command;

@Command(name = "dispatch", description = "Deliver every alert state change to the endpoints of an endpoints file "
        + "(webhooks, Slack, Teams, Alertmanager, SMS over SMPP or an HTTP gateway) until Ctrl-C; metrics, /health and /ready on the ops port.")
final class DispatchCommand extends SettingsCommand {

    @Override
    int run(Settings settings) {
        DispatchSettings dispatch = DispatchSettings.from(settings);
        Path file = dispatch.endpointsFile().orElseThrow(() ->
                new ConfigException("no endpoints file: give --endpoints FILE or set dispatch.endpoints.file"));
        ValueReferences references = ValueReferences.of(System.getenv());
        List<Endpoint> endpoints = EndpointsFile.load(file, dispatch.urlPolicy(), references).stream()
                .map(endpoint -> endpoint.inZone(CommonSettings.timeZone(settings))).toList();
        List<SmsEndpoint> sms = SmsEndpointsFile.load(file, dispatch.urlPolicy(), references);
        TopicsCommand.createMissing(settings, List.of(Topics.ALERT_EVENTS, Topics.WEBHOOK_RETRIES, Topics.WEBHOOK_DLQ, Topics.SMS_RECEIPTS));
        return run(settings, dispatch, endpoints, sms, config.out());
    }

    private Integer run(Settings settings, DispatchSettings dispatch, List<Endpoint> endpoints, List<SmsEndpoint> smsEndpoints,
                        PrintWriter out) {
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(dispatch.registry());
        OpenAlerts openAlerts = new OpenAlerts();
        try (GracefulStop stop = new GracefulStop();
             OpsEndpoint ops = OpsEndpoint.start(settings, "dispatch");
             TopicViewer<Alert> feed = TopicViewer.ofValues(dispatch.kafka(), serdes, Topics.ALERT_EVENTS, openAlerts::apply);
             SmsDispatch sms = SmsDispatch.open(smsEndpoints, SmppSettings.from(settings), dispatch.requestTimeout(),
                     SmsText.inLanguage(CommonSettings.timeZone(settings)), dispatch.kafka(), serdes);
             AlertDispatcher dispatcher = AlertDispatcher.start(dispatch, endpoints, sms.channels(), serdes,
                     new DispatchMetrics(ops.registry()))) {
            openAlerts.register(ops.registry());
            feed.start();
            out.printf("dispatching alerts to %d endpoint(s); metrics on http://127.0.0.1:%d/metrics%n",
                    endpoints.size() + smsEndpoints.size(), ops.port());
            out.flush();
            dispatcher.awaitStopped();
            return dispatcher.failure().map(error -> {
                config.err().println("flowwatch: dispatcher failed: " + OneLineErrors.oneLine(error));
                return OneLineErrors.FAILED;
            }).orElse(0);
        } catch (InterruptedException e) {
            out.println("Stopped.");
            return 0;
        }
    }
}
