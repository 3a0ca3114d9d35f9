package org.flowwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChildJvmTest {

    private static final String STATUS = "Name:\tjava\nVmPeak:\t 5000000 kB\nVmHWM:\t  501234 kB\nVmRSS:\t  412345 kB\nRssAnon:\t  400000 kB\n";

    @Test
    void shouldReadTheResidentSetFromProcStatus() {
        assertThat(ChildJvm.rssKib(STATUS)).isEqualTo(412_345);
    }

    @Test
    void shouldReadThePeakResidentSetNotThePeakOfVirtualMemory() {
        assertThat(ChildJvm.peakRssKib(STATUS)).isEqualTo(501_234);
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

        assertThat(ChildJvm.heapUsedKib(heapInfo)).isEqualTo(98_765);
    }

    @Test
    void shouldAddBothGenerationsOfTheSerialCollectorButNotTheirSpaces() {
        // jcmd <pid> GC.heap_info with -XX:+UseSerialGC on Java 17
        String heapInfo = """
                24008:
                 def new generation   total 19648K, used 14081K [0x00000000fc000000, 0x00000000fd550000, 0x00000000fd550000)
                  eden space 17472K,  80% used [0x00000000fc000000, 0x00000000fcdc0478, 0x00000000fd110000)
                  from space 2176K,   0% used [0x00000000fd110000, 0x00000000fd110000, 0x00000000fd330000)
                 tenured generation   total 43712K, used 5000K [0x00000000fd550000, 0x0000000100000000, 0x0000000100000000)
                   the space 43712K,  11% used [0x00000000fd550000, 0x00000000fd550000, 0x00000000fd550200, 0x0000000100000000)
                 Metaspace       used 8920K, committed 9088K, reserved 1114112K
                """;

        assertThat(ChildJvm.heapUsedKib(heapInfo)).isEqualTo(14_081 + 5_000);
    }

    @Test
    void shouldFailClearlyWhenJcmdPrintsSomethingElse() {
        assertThatThrownBy(() -> ChildJvm.heapUsedKib("12345:\nCommand executed successfully\n"))
                .hasMessageContaining("GC.heap_info");
    }
}
