package org.flowwatch.producers.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowwatch.producers.sms.SmsSenders.Sender;
import org.flowwatch.schemas.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmsSendersTest {

    @ParameterizedTest
    @ValueSource(strings = {"+37491555123", "0037491555123", "37491555123", "+374 91 555-123", "+374 (91) 555.123"})
    void shouldFindTheEntryWhenTheNumberIsWrittenInAnyCommonNotation(String number) {
        // given
        SmsSenders senders = SmsSenders.of(List.of("kornidzor kor-duty-1 +374 91 555123"));
        // when / then
        assertThat(senders.entriesOf(number)).containsExactly(new Sender("kornidzor", "kor-duty-1"));
    }

    @Test
    void shouldReadEveryEntryOfANumberAndSkipCommentsWhenLoadingAFile(@TempDir Path dir) throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("senders"), """
                # post reference number
                kornidzor kor-duty-1 +37491555123

                goris gor-duty-1 +37491555123
                - ops-lead +37410000001
                """);
        // when
        SmsSenders senders = SmsSenders.load(file);
        // then
        assertThat(senders.entriesOf("+37491555123")).extracting(Sender::postId).containsExactly("kornidzor", "goris");
        assertThat(senders.entriesOf("+37410000001")).singleElement().satisfies(s -> assertThat(s.reportsForAPost()).isFalse());
        assertThat(senders.entriesOf("+37499999999")).isEmpty();
        assertThat(senders.entriesOf("not a number")).isEmpty();
        assertThat(senders.size()).isEqualTo(2);
    }

    @Test
    void shouldRefuseLinesThatAreNotPostReferenceAndInternationalNumberWithoutRepeatingTheNumber() {
        assertThatThrownBy(() -> SmsSenders.of(List.of("kornidzor +37491555123")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("expected '<postId> <reference> <number>'");
        assertThatThrownBy(() -> SmsSenders.of(List.of("kornidzor kor-duty-1 555-123")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not an international number")
                .hasMessageNotContaining("555");
        assertThatThrownBy(() -> SmsSenders.of(List.of("kornidzor +37491555124 +37491555123")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("reference looks like a phone number");
        assertThatThrownBy(() -> SmsSenders.of(List.of("kornidzor a +37491555123", "kornidzor b +37491555123")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listed twice for post kornidzor");
    }
}
