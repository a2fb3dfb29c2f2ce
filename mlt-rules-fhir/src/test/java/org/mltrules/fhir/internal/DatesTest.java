package org.mltrules.fhir.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.DateTimeType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mltrules.fhir.FhirCaseMapper.PartialDates;

class DatesTest {

    @ParameterizedTest(name = "{0} -> {1} (partial {2})")
    @CsvSource({"2023-05-02,2023-05-02,false", "2023-05-01T23:30:00-05:00,2023-05-01,false",
            "2018-04-01T00:00:00Z,2018-04-01,false", "2019-03,2019-03-01,true", "2019,2019-01-01,true"})
    void aDateIsTheCalendarDateAsWritten(String written, LocalDate day, boolean partial) {
        assertThat(Dates.parse(written)).isEqualTo(new Dates.Day(day, partial));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "2023-13-01", "2023-02-30", "20230502", "2023-5-2", "2023-05-02X", "abcd",
            "2023-05-0", "-2023-05-02"})
    void malformedDatesAreNoDate(String written) {
        assertThat(Dates.parse(written)).isNull();
    }

    @Test
    void aLateEveningWestOfUtcIsNotTheNextDay() {
        DateTimeType t = new DateTimeType("2023-05-01T23:30:00-05:00");
        assertThat(Dates.day(t, PartialDates.UNKNOWN)).isEqualTo(LocalDate.of(2023, 5, 1));
        assertThat(Dates.day(new DateTimeType("2019-03"), PartialDates.UNKNOWN)).isNull();
        assertThat(Dates.day(new DateTimeType("2019-03"), PartialDates.FIRST_DAY)).isEqualTo(LocalDate.of(2019, 3, 1));
    }
}
