package org.flowwatch.cli;

import java.util.Optional;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.flowwatch.embedded.PortInUseException;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.serde.RegistryUnavailableException;
import org.flowwatch.schemas.serde.SchemaRegistryException;
import org.flowwatch.schemas.serde.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * A user sees one line saying what is wrong and what to do, never a stack trace (that goes to the log at DEBUG).
 * Exit codes: 2 for bad usage or settings, 1 when running failed.
 */
final class OneLineErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final Logger LOG = LoggerFactory.getLogger(OneLineErrors.class);

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("flowwatch: " + e.getMessage() + " (see: " + cmd.getCommandSpec().qualifiedName() + " --help)");
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        LOG.debug("{} failed", cmd.getCommandSpec().qualifiedName(), e);
        cmd.getErr().println("flowwatch: " + oneLine(e));
        return e instanceof ConfigException ? USAGE : FAILED;
    }

    static String oneLine(Throwable e) {
        if (e instanceof PortInUseException port) {
            String option = "kafka".equals(port.component()) ? "--kafka-port" : "--registry-port";
            return port.getMessage() + ": stop what uses it, or choose another port with " + option + " PORT";
        }
        String kafkaRefusal = KafkaRefusals.explain(e);
        if (kafkaRefusal != null) {
            return kafkaRefusal;
        }
        return registryTrouble(e).or(() -> clientSettingTrouble(e)).orElseGet(() -> firstLine(e));
    }

    // A Kafka client refuses a bad setting as "Failed to create new KafkaAdminClient" (or "... construct kafka
    // producer"), which names no setting: its cause does.
    private static Optional<String> clientSettingTrouble(Throwable e) {
        return Optional.ofNullable(ExceptionUtils.throwableOfType(e, org.apache.kafka.common.config.ConfigException.class))
                .map(bad -> "a Kafka client setting is wrong: " + firstLine(bad) + " (settings kafka.*; see them with: flowwatch config)");
    }

    // Kafka wraps what our deserializer threw in "Error deserializing VALUE ... please seek past the record", which
    // sends the user the wrong way: say what was wrong with the registry or the record instead.
    private static Optional<String> registryTrouble(Throwable e) {
        RegistryUnavailableException unavailable = ExceptionUtils.throwableOfType(e, RegistryUnavailableException.class);
        if (unavailable != null) {
            return Optional.of(firstLine(unavailable) + "; check that it runs and registry.url, then try again");
        }
        Throwable unreadable = ExceptionUtils.throwableOfType(e, SchemaRegistryException.class);
        if (unreadable == null) {
            unreadable = ExceptionUtils.throwableOfType(e, WireFormatException.class);
        }
        return Optional.ofNullable(unreadable).map(OneLineErrors::firstLine);
    }

    static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
