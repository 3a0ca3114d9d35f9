package org.flowwatch.schemas.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"goris", "BP-07", "replay-goris-water-3", "DEMO-WATER-1", "WFP/ARM/2023.0142", "Գորիս", "x"})
    void shouldTakeSiteIdsAndConvoyReferences(String reference) {
        assertThat(ReferenceText.isReference(reference)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Anahit Petrosyan", "+37491234567", "091234567", "AM1234567", "anahit@example.am",
            "Goris, Mashtots 12", "-leading-dash", "a-reference-that-is-far-too-long-to-be-one-41"})
    void shouldRefuseNamesPhonesIdNumbersAndAddresses(String text) {
        assertThat(ReferenceText.isReference(text)).isFalse();
    }
}
