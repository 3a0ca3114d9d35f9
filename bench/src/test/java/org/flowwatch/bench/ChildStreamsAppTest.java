package org.flowwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChildStreamsAppTest {

    @Test
    void shouldReadTheResidentSetFromProcStatus() {
        String status = "Name:\tjava\nVmPeak:\t 5000000 kB\nVmRSS:\t  412345 kB\nRssAnon:\t  400000 kB\n";

        assertThat(ChildStreamsApp.rssKib(status)).isEqualTo(412_345);
    }

    @Test
    void shouldReadTheWholeHeapInUseNotARegion() {
        // jcmd <pid> GC.heap_info of G1 (the default collector) on Java 17
        String heapInfo = """
                12345:
                 garbage-first heap   total 262144K, used 98765K [0x00000000f0000000, 0x0000000100000000)
                  region size 1024K, 3 young (3072K), 1 survivors (1024K)
                 Metaspace       used 61234K, committed 61888K, reserved 1114112K
                """;

        assertThat(ChildStreamsApp.heapUsedKib(heapInfo)).isEqualTo(98_765);
    }

    @Test
    void shouldFailClearlyWhenJcmdPrintsSomethingElse() {
        assertThatThrownBy(() -> ChildStreamsApp.heapUsedKib("12345:\nCommand executed successfully\n"))
                .hasMessageContaining("GC.heap_info");
    }
}
