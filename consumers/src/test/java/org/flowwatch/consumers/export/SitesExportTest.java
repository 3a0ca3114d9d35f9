package org.flowwatch.consumers.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.consumers.export.Counts.T0;
import static org.flowwatch.consumers.export.Counts.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.VulnerablePeople;
import org.junit.jupiter.api.Test;

class SitesExportTest {

    private static final ZoneId YEREVAN = ZoneId.of("Asia/Yerevan");
    private static final Map<String, org.flowwatch.schemas.avro.Site> PLACES = Map.of(
            "goris-1", site("goris-1", "Goris reception centre", "AM-SU", "Syunik"));

    @Test
    void shouldWritePeopleAndVulnerablePeoplePerSiteWithHxlTagsWhenExportingSites() throws Exception {
        // given
        List<ExportRow> rows = SiteRows.of(List.of(goris(), kapan()), PLACES, YEREVAN);
        StringWriter out = new StringWriter();

        // when
        HdxExport.writeCsv(rows, HdxExport.Layout.SITES, out);

        // then: no direction column; needs the sites app does not know are empty, not 0
        assertThat(out.toString().lines().toList()).containsExactly(
                "date,scope,adm1_code,adm1_name,location,location_code,status,people,capacity,unaccompanied_children,disabled,"
                        + "needs_medical_care,pregnant,over_60,suppressed",
                "#date,#meta+scope,#adm1+code,#adm1+name,#loc+name,#loc+code,#status,#affected+refugees+ind,#capacity+ind,"
                        + "#affected+refugees+children+unaccompanied,#affected+refugees+disabled,#affected+refugees+x_medical_care,"
                        + "#affected+refugees+f+pregnant,#affected+refugees+elderly+age_60_plus,#meta+suppressed",
                "2023-09-25T10:00+04:00,site,AM-SU,Syunik,Goris reception centre,goris-1,reported,1840,2000,37,3,0,9,210,",
                "2023-09-25T10:00+04:00,site,AM-SU,Syunik,Kapan school,kapan-2,estimated,4,3,,,,,,");
    }

    @Test
    void shouldHideSmallCountsOfPeopleButNotCapacityWhenSitesExportIsPublic() throws Exception {
        // given
        List<ExportRow> rows = SmallCellSuppression.apply(SiteRows.of(List.of(goris(), kapan()), PLACES, YEREVAN), 5);
        StringWriter csv = new StringWriter();
        StringWriter json = new StringWriter();

        // when
        HdxExport.writeCsv(rows, HdxExport.Layout.SITES, csv);
        HdxExport.writeJson(rows, HdxExport.Layout.SITES, OptionalInt.of(5), json);

        // then: 3 people with disabilities and 4 people at Kapan are hidden; zeros and capacity stay
        assertThat(csv.toString().lines().skip(2).toList()).containsExactly(
                "2023-09-25T10:00+04:00,site,AM-SU,Syunik,Goris reception centre,goris-1,reported,1840,2000,37,,0,9,210,disabled",
                "2023-09-25T10:00+04:00,site,AM-SU,Syunik,Kapan school,kapan-2,estimated,,3,,,,,,people");
        JsonNode document = new ObjectMapper().readTree(json.toString());
        assertThat(document.get("suppressedBelow").asInt()).isEqualTo(5);
        assertThat(document.at("/hxl/unaccompanied_children").asText()).isEqualTo("#affected+refugees+children+unaccompanied");
        assertThat(document.at("/hxl").has("direction")).isFalse();
        assertThat(document.at("/rows/0/disabled").isNull()).isTrue();
        assertThat(document.at("/rows/0/unaccompanied_children").asLong()).isEqualTo(37);
        assertThat(document.at("/rows/1/suppressed/0").asText()).isEqualTo("people");
    }

    private static SiteStatus goris() {
        return SiteStatus.newBuilder().setSiteId("goris-1").setName("Goris reception centre").setAdm1Code("AM-SU")
                .setPopulation(1_840).setCapacityPeople(2_000).setItems(List.of()).setUpdatedAt(T0)
                .setVulnerable(new VulnerablePeople(37L, 3L, 0L, 9L, 210L)).build();
    }

    /** A small transit site whose departures are estimated and whose vulnerable people nobody recorded. */
    private static SiteStatus kapan() {
        return SiteStatus.newBuilder(goris()).setSiteId("kapan-2").setName("Kapan school").setPopulation(4).setCapacityPeople(3)
                .setPopulationEstimated(true).setVulnerable(null).build();
    }
}
