package org.flowwatch.schemas.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * We count movements, not individuals: the build fails if any contract gains a field that looks like it identifies
 * a person (a name, a phone number, an identity document, a birth date, an address, biometrics). A field that is
 * truly about a place or a thing, not a person, is named below with the reason.
 */
class NoPersonalDataTest {

    private static final Path CONTRACTS = Path.of("src", "main", "avro");
    private static final Pattern PERSONAL = Pattern.compile("(?i).*("
            + "^name$|first_?name|last_?name|given_?name|family_?name|full_?name|middle_?name|surname|maiden"
            + "|phone|mobile|msisdn|e_?mail|whatsapp|telegram"
            + "|passport|national_?id|id_?number|identity|document_?(no|number)|ssn|tax_?id|registration_?number"
            + "|birth|dob|^age$|address|street|house_?number"
            + "|photo|picture|fingerprint|biometric|iris|face|signature|ip_?address|imei|device_?id).*");
    // Record.field -> why it is not about a person.
    private static final Set<String> NOT_PERSONAL = Set.of(
            "Site.name", /* the name of a border post, reception centre or shelter */
            "SiteStatus.name" /* the same site name, carried with its status */);

    @Test
    void shouldHaveNoFieldThatIdentifiesAPerson() throws IOException {
        // when
        List<String> offending = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CONTRACTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).toList()) {
                offending.addAll(personalFields(new ObjectMapper().readTree(file.toFile())));
            }
        }

        // then
        assertThat(offending).as("fields that look like personal data; flowwatch counts movements, not individuals")
                .isEmpty();
    }

    @Test
    void shouldCatchAPhoneNumberHiddenInANestedRecord() throws IOException {
        // given a contract someone might propose
        JsonNode proposal = new ObjectMapper().readTree("""
                {"type": "record", "name": "CrossingEvent", "fields": [
                  {"name": "people", "type": "int"},
                  {"name": "contact", "type": ["null", {"type": "record", "name": "Contact", "fields": [
                    {"name": "headOfFamilyPhone", "type": "string"}]}]}]}
                """);

        // then
        assertThat(personalFields(proposal)).containsExactly("Contact.headOfFamilyPhone");
    }

    static List<String> personalFields(JsonNode schema) {
        List<String> found = new ArrayList<>();
        walk(schema, found);
        return found;
    }

    private static void walk(JsonNode node, List<String> found) {
        if (node.isArray()) {
            node.forEach(child -> walk(child, found));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.path("type").asText().equals("record")) {
            String record = node.path("name").asText();
            node.path("fields").forEach(field -> {
                String path = record + "." + field.path("name").asText();
                if (PERSONAL.matcher(field.path("name").asText()).matches() && !NOT_PERSONAL.contains(path)) {
                    found.add(path);
                }
                walk(field.path("type"), found);
            });
        }
        walk(node.path("items"), found);
        walk(node.path("values"), found);
        if (node.path("type").isContainerNode()) {
            walk(node.path("type"), found);
        }
    }
}
