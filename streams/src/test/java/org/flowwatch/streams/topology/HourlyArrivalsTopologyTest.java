package org.flowwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.flowwatch.schemas.testing.CrossingBuilder.T0;
import static org.flowwatch.schemas.testing.CrossingBuilder.aCrossing;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.serde.InMemorySchemaRegistryClient;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HourlyArrivalsTopologyTest {

    private final FlowwatchSerdes serdes = new FlowwatchSerdes(new InMemorySchemaRegistryClient());
    private TopologyTestDriver driver;
    private TestInputTopic<String, CrossingEvent> crossings;
    private TestOutputTopic<String, ArrivalCount> counts;

    @BeforeEach
    void startDriver() {
        Properties props = driverProps();
        driver = new TopologyTestDriver(new HourlyArrivalsTopology(serdes, Duration.ofHours(6)).build(props), props);
        crossings = driver.createInputTopic(Topics.CROSSINGS.name(), serdes.key(Topics.CROSSINGS).serializer(),
                serdes.value(Topics.CROSSINGS).serializer());
        counts = driver.createOutputTopic(Topics.ARRIVALS_HOURLY.name(), serdes.key(Topics.ARRIVALS_HOURLY).deserializer(),
                serdes.value(Topics.ARRIVALS_HOURLY).deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldSumPeopleNotGroupsWithinTheHourOfTheCrossing() {
        // given two groups in the 06:00 hour and one in the 07:00 hour
        pipe(aCrossing().atPost("BP-07").people(5).vehicles(1).at(T0.plusSeconds(60)).build());
        pipe(aCrossing().atPost("BP-07").people(3).vehicles(1).at(T0.plusSeconds(900)).build());
        pipe(aCrossing().atPost("BP-07").people(1).at(T0.plus(Duration.ofMinutes(61))).build());

        // when
        var updates = counts.readKeyValuesToList();

        // then each update carries the running total of its own window
        assertThat(updates).extracting(kv -> kv.value.getPeople()).containsExactly(5L, 8L, 1L);
        ArrivalCount sixOClock = updates.get(1).value;
        assertThat(sixOClock.getGroups()).isEqualTo(2);
        assertThat(sixOClock.getVehicles()).isEqualTo(2);
        assertThat(sixOClock.getScope()).isEqualTo(CountScope.POST);
        assertThat(sixOClock.getScopeId()).isEqualTo("BP-07");
        assertThat(sixOClock.getGranularity()).isEqualTo(Granularity.HOUR);
        assertThat(sixOClock.getWindowStart()).isEqualTo(T0);
        assertThat(sixOClock.getWindowEnd()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(updates.get(1).key).isEqualTo("post/BP-07/HOUR/ARRIVAL/2023-09-01T06:00:00Z");
        assertThat(counts.isEmpty()).isTrue();
    }

    @Test
    void shouldCountEachPostApartWhenGroupsCrossInTheSameHour() {
        // given
        pipe(aCrossing().atPost("BP-07").people(4).at(T0).build());
        pipe(aCrossing().atPost("BP-09").people(2).at(T0.plusSeconds(10)).build());

        // when
        var byPost = counts.readKeyValuesToMap();

        // then
        assertThat(byPost).hasSize(2);
        assertThat(byPost.get("post/BP-07/HOUR/ARRIVAL/2023-09-01T06:00:00Z").getPeople()).isEqualTo(4);
        assertThat(byPost.get("post/BP-09/HOUR/ARRIVAL/2023-09-01T06:00:00Z").getPeople()).isEqualTo(2);
    }

    @Test
    void shouldCountByTheTimeOfCrossingWhenAPostDeliversLate() {
        // given stream time has moved on three hours
        pipe(aCrossing().people(2).at(T0.plus(Duration.ofHours(3))).build());

        // when a post that was offline delivers a crossing of 06:10, within the 6 h grace
        pipe(aCrossing().people(7).at(T0.plusSeconds(600)).build());

        // then it lands in the 06:00 window, not the current one
        assertThat(counts.readValuesToList()).extracting(ArrivalCount::getWindowStart, ArrivalCount::getPeople)
                .containsExactly(tuple(T0.plus(Duration.ofHours(3)), 2L),
                        tuple(T0, 7L));
    }

    @Test
    void shouldLeaveDeparturesOutOfArrivalCounts() {
        // given
        pipe(aCrossing().people(3).departure().build());
        pipe(aCrossing().people(2).build());

        // then
        assertThat(counts.readValuesToList()).extracting(ArrivalCount::getPeople).containsExactly(2L);
    }

    @Test
    void shouldNameEveryOperatorExplicitly() {
        // when
        String description = new HourlyArrivalsTopology(serdes, Duration.ofHours(6)).build(driverProps()).describe().toString();

        // then no generated KSTREAM-...-0000000001 names, which would move state on the next change
        assertThat(description).doesNotContainPattern("KSTREAM-\\w+-\\d{10}").doesNotContainPattern("KTABLE-\\w+-\\d{10}")
                .contains("crossings-source", "arrivals-only", HourlyArrivalsTopology.STORE, "arrivals-hourly-sink");
    }

    private static Properties driverProps() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "flowwatch-arrivals-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "driver:9092"); // never contacted by the test driver
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        return props;
    }

    private void pipe(CrossingEvent crossing) {
        crossings.pipeInput(crossing.getPostId(), crossing, crossing.getOccurredAt());
    }
}
