package org.mltrules.bench.jmh;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.mltrules.fhir.FhirCaseMapper;
import org.mltrules.fhir.MappingResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse + map of a typical mCODE bundle: the GIST example bundle of docs/fhir-mapping.md (17 entries) padded with
 * the everyday content of a chart (laboratory results, earlier sizes, chemotherapy administrations, practitioners)
 * to 47 entries. SampleTime gives p50 and p99. {@code parseAndMap} is what a host calling {@code map(String)} pays;
 * {@code mapParsed} is the mapping alone, on a bundle HAPI already parsed.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 4, time = 3)
public class FhirMapBenchmark {
    private static final String PATIENT = "Patient/gist-patient-b";

    private FhirCaseMapper mapper;
    private String json;
    private Bundle parsed;
    private int entries;

    @Setup(Level.Trial)
    public void setUp() {
        mapper = FhirCaseMapper.builder().build();
        IParser parser = FhirContext.forR4Cached().newJsonParser();
        Bundle b = parser.parseResource(Bundle.class, resource("bundles/gist-induced-oligoprogression-v11.json"));
        pad(b);
        entries = b.getEntry().size();
        json = parser.encodeResourceToString(b);
        parsed = parser.parseResource(Bundle.class, json);
        MappingResult check = mapper.map(json);
        if (!check.isMapped() || entries < 30 || entries > 60) {
            throw new IllegalStateException("benchmark bundle does not map, or is not typical: " + entries);
        }
    }

    /** Parse the JSON with HAPI and map it: what {@code map(String)} costs. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public MappingResult parseAndMap() {
        return mapper.map(json);
    }

    /** Map a bundle HAPI already parsed: the mapping alone. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public MappingResult mapParsed() {
        return mapper.map(parsed);
    }

    private static void pad(Bundle b) {
        String[][] labs = {{"777-3", "10*3/uL"}, {"718-7", "g/dL"}, {"6690-2", "10*3/uL"}, {"2160-0", "mg/dL"},
                {"6301-6", "{INR}"}, {"1742-6", "U/L"}};
        int n = 0;
        for (int month = 7; month <= 12; month++) {
            for (String[] lab : labs) {
                if (n >= 20) {
                    break;
                }
                Observation o = new Observation();
                o.setId("lab-" + n++);
                o.setStatus(Observation.ObservationStatus.FINAL);
                o.getCode().addCoding(new Coding("http://loinc.org", lab[0], null));
                o.setSubject(new Reference(PATIENT));
                o.setEffective(new DateTimeType(String.format("2023-%02d-15", month)));
                o.setValue(new Quantity().setValue(new BigDecimal("1.1")).setSystem("http://unitsofmeasure.org")
                        .setCode(lab[1]));
                add(b, o);
            }
        }
        for (int i = 0; i < 6; i++) {
            MedicationAdministration ma = new MedicationAdministration();
            ma.setId("chemo-" + i);
            ma.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
            ma.setMedication(new CodeableConcept().addCoding(new Coding(
                    "http://www.nlm.nih.gov/research/umls/rxnorm", "3639", "doxorubicin")));
            ma.setSubject(new Reference(PATIENT));
            ma.setEffective(new DateTimeType(String.format("2019-%02d-01", 3 + i)));
            add(b, ma);
        }
        for (int i = 0; i < 4; i++) {
            Practitioner p = new Practitioner();
            p.setId("pract-" + i);
            p.addName().setFamily("Doctor" + i);
            add(b, p);
        }
    }

    private static void add(Bundle b, Resource r) {
        b.addEntry().setFullUrl("http://example.org/fhir/" + r.fhirType() + "/" + r.getIdElement().getIdPart())
                .setResource(r);
    }

    private static String resource(String path) {
        try (InputStream in = FhirMapBenchmark.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
