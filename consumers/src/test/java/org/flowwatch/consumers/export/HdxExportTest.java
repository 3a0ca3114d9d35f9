package org.flowwatch.consumers.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.consumers.export.Counts.T0;
import static org.flowwatch.consumers.export.Counts.bands;
import static org.flowwatch.consumers.export.Counts.hour;
import static org.flowwatch.consumers.export.Counts.post;
import static org.flowwatch.consumers.export.Counts.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Granularity;
import org.junit.jupiter.api.Test;

class HdxExportTest {

    private static final ZoneId YEREVAN = ZoneId.of("Asia/Yerevan");

    @Test
    void shouldWriteHxlHashtagRowUnderHeaderWhenWritingCsv() throws Exception {
        // given
        List<ExportRow> rows = ExportRows.of(List.of(hour(CountScope.POST, "kornidzor", T0, 12, bands(1, 2, 1, 3, 0), bands(0, 1, 1, 2, 1))),
                Map.of("kornidzor", site("kornidzor", "Kornidzor", "AM-SU", "Syunik")), Granularity.HOUR, Set.of(Direction.ARRIVAL), YEREVAN);
        StringWriter out = new StringWriter();

        // when
        HdxExport.writeCsv(rows, out);

        // then
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("date,scope,adm1_code,adm1_name,location,location_code,direction,status,"
                + "people,female,male,age_0_4,age_5_11,age_12_17,age_18_59,age_60_plus,late,suppressed");
        assertThat(lines.get(1)).isEqualTo("#date,#meta+scope,#adm1+code,#adm1+name,#loc+name,#loc+code,#meta+direction,#status,"
                + "#affected+refugees+ind,#affected+refugees+f,#affected+refugees+m,#affected+refugees+infants+age_0_4,"
                + "#affected+refugees+children+age_5_11,#affected+refugees+adolescents+age_12_17,"
                + "#affected+refugees+adults+age_18_59,#affected+refugees+elderly+age_60_plus,#affected+refugees+x_late,#meta+suppressed");
        assertThat(lines.get(2)).isEqualTo("2023-09-25T10:00+04:00,post,AM-SU,Syunik,Kornidzor,kornidzor,arrival,final,12,7,5,1,3,2,5,1,0,");
        assertThat(lines).hasSize(3);
    }

    @Test
    void shouldRollHoursIntoLocalDaysAndMarkSuppressedCellsWhenExportingPublicJson() throws Exception {
        // given 3 people at 10:00 and 1 at 11:00 on the 25th (Yerevan), 20 at 23:00 UTC = 03:00 on the 26th
        List<ExportRow> rows = ExportRows.of(List.of(post("tegh", T0, 3), post("tegh", T0.plus(Duration.ofHours(1)), 1),
                post("tegh", Counts.T0.plus(Duration.ofHours(17)), 20)), Map.of(), Granularity.DAY, Set.of(Direction.ARRIVAL), YEREVAN);
        StringWriter out = new StringWriter();

        // when
        HdxExport.writeJson(SmallCellSuppression.apply(rows, 5), OptionalInt.of(5), out);

        // then
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("suppressedBelow").asInt()).isEqualTo(5);
        assertThat(json.get("hxl").get("people").asText()).isEqualTo("#affected+refugees+ind");
        JsonNode first = json.get("rows").get(0);
        assertThat(first.get("date").asText()).isEqualTo("2023-09-25");
        assertThat(first.get("people").isNull()).as("4 people: hidden").isTrue();
        assertThat(first.get("suppressed").toString()).isEqualTo("[\"people\"]");
        assertThat(json.get("rows").get(1).get("date").asText()).isEqualTo("2023-09-26");
        assertThat(json.get("rows").get(1).get("people").asLong()).isEqualTo(20);
    }
}
