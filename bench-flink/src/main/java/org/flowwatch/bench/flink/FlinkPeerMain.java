package org.flowwatch.bench.flink;

/**
 * {@code java -jar flowwatch-flink-peer.jar --bootstrap-servers .. --input-topic .. ...}: runs the Flink 1 h windowed
 * count once over the input as it stands and prints one line on stdout,
 * {@code flink-peer: elapsed.nanos=<n> running.nanos=<m>}: the time to the job's end, its output committed, from the
 * first crossing read and from the job's RUNNING status. Failures print one line on stderr: exit 1 when the job
 * failed, 2 on bad usage.
 */
public final class FlinkPeerMain {

    static final String RESULT_PREFIX = "flink-peer: elapsed.nanos=";

    private FlinkPeerMain() {
    }

    public static void main(String[] args) {
        PeerArgs parsed;
        try {
            parsed = PeerArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("flowwatch-flink-peer: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            WindowedCountJob.Timing timing = new WindowedCountJob(parsed).run();
            System.out.println(RESULT_PREFIX + timing.fromFirstRecord().toNanos() + " running.nanos=" + timing.fromRunning().toNanos());
            System.out.flush();
            System.exit(0);
        } catch (Exception e) {
            System.err.println("flowwatch-flink-peer: the job failed: " + rootCause(e));
            System.exit(1);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
