package org.mltrules.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.mltrules.SafeText;
import org.mltrules.fhir.FhirCaseMapper;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --as-of DATE} and the FHIR mapper of a run: HL7 FHIR R4 / mCODE STU4 bundles found in the input are mapped
 * to cases (docs/fhir-mapping.md) with the mapper's defaults and this date.
 */
final class FhirOption {
    @Option(names = "--as-of", paramLabel = "DATE", converter = DateConverter.class,
            description = "Read FHIR bundles as the record stood on DATE (yyyy-mm-dd); default: each bundle's "
                    + "timestamp, else its latest dated resource. Cases in the case format are not affected.")
    LocalDate asOf;

    private volatile FhirCaseMapper mapper;

    /**
     * The mapper, made when the first bundle is met (HAPI FHIR takes a moment to start, which an input of cases
     * alone never pays). Thread-safe.
     *
     * @param maxLesions the rules' lesion limit, which the mapper uses to recognise a polymetastatic history
     */
    FhirCaseMapper mapper(int maxLesions) {
        FhirCaseMapper m = mapper;
        if (m == null) {
            synchronized (this) {
                m = mapper;
                if (m == null) {
                    m = FhirCaseMapper.builder().asOf(asOf).maxLesions(maxLesions).build();
                    mapper = m;
                }
            }
        }
        return m;
    }

    /** A calendar date, as the FHIR record writes it. */
    static final class DateConverter implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + SafeText.escape(value)
                        + "' is not a date (yyyy-mm-dd, e.g. 2024-05-02)");
            }
        }
    }
}
