package org.mltrules.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.BodyStructure;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mltrules.Feature;
import org.mltrules.Laterality;
import org.mltrules.PatientCase;
import org.mltrules.Response;
import org.mltrules.Site;
import org.mltrules.TherapyKind;
import org.mltrules.TherapyStatus;

/**
 * One mapping rule at a time: change one resource of an example bundle and see exactly the one case field change
 * (or go unknown). Resources come from the two example bundles and from the mCODE examples.
 */
class MappingRulesTest {
    static final String SCT = "http://snomed.info/sct";
    static final String LOCAL = "urn:mlt-rules:case-field";
    static final String ENUM = "urn:mlt-rules:case-enum";
    static final String V02_PATIENT = "Patient/lms-patient-a";
    static final String V11_PATIENT = "Patient/gist-patient-b";

    static MappingResult map(Bundle b) {
        return map(FhirCaseMapper.builder(), b);
    }

    static MappingResult map(FhirCaseMapper.Builder builder, Bundle b) {
        return builder.caseId("t").build().map(Fixtures.json(b));
    }

    static PatientCase base(String path) {
        return map(Fixtures.bundle(path)).patientCase().orElseThrow();
    }

    /** Maps the bundle after the edit; asserts which case fields changed against the unedited bundle. */
    static MappingResult after(String path, Consumer<Bundle> edit, String... changed) {
        return after(FhirCaseMapper.builder(), path, edit, changed);
    }

    static MappingResult after(FhirCaseMapper.Builder options, String path, Consumer<Bundle> edit,
                               String... changed) {
        Bundle b = Fixtures.bundle(path);
        edit.accept(b);
        MappingResult r = map(options, b);
        assertThat(CaseDiff.changed(base(path), r.patientCase().orElseThrow()))
                .containsExactlyInAnyOrder(changed);
        return r;
    }

    static Observation localFact(String id, String patient, String code, org.hl7.fhir.r4.model.Type value,
                                 String focus) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().addCoding().setSystem(LOCAL).setCode(code);
        o.setSubject(new Reference(patient));
        o.setEffective(new DateTimeType("2023-05-09"));
        if (focus != null) {
            o.addFocus(new Reference(focus));
        }
        o.setValue(value);
        return o;
    }

    static CodeableConcept sct(String code) {
        return new CodeableConcept().addCoding(new Coding(SCT, code, null));
    }

    static CodeableConcept enumValue(String name) {
        return new CodeableConcept().addCoding(new Coding(ENUM, name, null));
    }

    static Extension histology(Bundle b) {
        return Edits.<Condition>find(b, "lms-primary-a")
                .getExtensionByUrl("http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-histology-morphology-behavior");
    }

    static void setMorphology(Bundle b, String code) {
        ((CodeableConcept) histology(b).getValue()).getCodingFirstRep().setCode(code);
    }

    @Nested
    class Histology {
        @ParameterizedTest(name = "{0} reads as 8890/3")
        @CsvSource({"8890/32", "8890/3 2", "88903"})
        void gradeDigitsAndSeerStyleCodesAreNormalised(String written) {
            after(Fixtures.V02, b -> setMorphology(b, written));
        }

        @Test
        void behaviourSixDescribesAMetastasisAndLeavesTheHistologyUnknown() {
            after(Fixtures.V02, b -> setMorphology(b, "8890/6"), "histology");
            after(FhirCaseMapper.builder().inferBehaviourFromMetastasis(true), Fixtures.V02,
                    b -> setMorphology(b, "8890/6"));
        }

        @Test
        void aMalformedCodeLeavesItUnknown() {
            MappingResult r = after(Fixtures.V02, b -> setMorphology(b, "80463/3"), "histology");
            assertThat(ReportAssertions.entry(r, "histology").rule()).isEqualTo("MAP-HISTOLOGY-2");
        }

        @Test
        void aDisagreeingHistologicBehaviorObservationLeavesItUnknown() {
            // the IG's own HistologicBehaviorAndType example, re-pointed at our primary with another morphology
            MappingResult r = after(Fixtures.V02, b -> {
                Observation o = (Observation) Fixtures.example("Observation-histologic-behavior-and-type-non-small-cell.json");
                Edits.pointAtPatient(o, V02_PATIENT);
                o.getExtension().get(0).setValue(new Reference("Condition/lms-primary-a"));
                ((CodeableConcept) o.getValue()).getCodingFirstRep().setCode("8891/3");
                Edits.add(b, o);
            }, "histology");
            assertThat(ReportAssertions.entry(r, "histology").rule()).isEqualTo("MAP-HISTOLOGY-5");
        }

        @Test
        void anIcd10CmGistCodeAloneGivesGist() {
            MappingResult r = after(Fixtures.V11, b -> Edits.<Condition>find(b, "gist-primary-b").getExtension()
                    .clear(), "histology");
            assertThat(r.patientCase().orElseThrow().histology()).isEqualTo("GIST");
        }

        @Test
        void gistOfTheOlderRevisionIsKept() {
            String json = Fixtures.text(Fixtures.V11).replace("\"8936/3\"", "\"8936/1\"");
            MappingResult r = FhirCaseMapper.builder().build().map(json);
            assertThat(r.patientCase().orElseThrow().histology()).isEqualTo("8936/1");
        }

        @Test
        void aSnomedOnlyMorphologyLeavesItUnknown() {
            after(Fixtures.V02, b -> ((CodeableConcept) histology(b).getValue()).getCodingFirstRep()
                    .setSystem(SCT).setCode("51549004"), "histology");
        }
    }

    @Nested
    class Dates {
        @Test
        void anOnsetWithATimeZoneIsTheDayAsWritten() {
            after(Fixtures.V02, b -> Edits.<Condition>find(b, "lms-primary-a")
                    .setOnset(new DateTimeType("2019-03-12T23:30:00-05:00")));
        }

        @Test
        void aMonthOnlyOnsetFallsBackToTheAssertedDate() {
            MappingResult r = after(Fixtures.V02, b -> Edits.<Condition>find(b, "lms-primary-a")
                    .setOnset(new DateTimeType("2019-03")), "primaryDiagnosisDate");
            assertThat(r.patientCase().orElseThrow().primaryDiagnosisDate()).isEqualTo(LocalDate.of(2019, 3, 19));
            assertThat(ReportAssertions.entry(r, "primaryDiagnosisDate").rule()).isEqualTo("MAP-PDATE-2");
        }

        @Test
        void withFirstDayAMonthOnlyOnsetIsTheFirstOfTheMonth() {
            MappingResult r = after(FhirCaseMapper.builder().partialDates(FhirCaseMapper.PartialDates.FIRST_DAY),
                    Fixtures.V02, b -> Edits.<Condition>find(b, "lms-primary-a")
                            .setOnset(new DateTimeType("2019-03")), "primaryDiagnosisDate");
            assertThat(r.patientCase().orElseThrow().primaryDiagnosisDate()).isEqualTo(LocalDate.of(2019, 3, 1));
        }

        @Test
        void theRecordedDateCountsOnlyWhenAllowed() {
            Consumer<Bundle> noOnset = b -> {
                Condition c = Edits.find(b, "lms-primary-a");
                c.setOnset(null);
                c.getExtension().removeIf(e -> e.getUrl().endsWith("condition-assertedDate"));
            };
            // without a diagnosis date, NEW is not provable either (earlier imaging "after the diagnosis")
            after(Fixtures.V02, noOnset, "primaryDiagnosisDate", "lesions[0].response", "lesions[1].response");
            MappingResult r = after(FhirCaseMapper.builder().allowRecordedDate(true), Fixtures.V02, noOnset,
                    "primaryDiagnosisDate");
            assertThat(r.patientCase().orElseThrow().primaryDiagnosisDate()).isEqualTo(LocalDate.of(2019, 3, 21));
        }

        @Test
        void anAsOfBeforeTheMetastasesReadsTheRecordAsItStoodThen() {
            Bundle b = Fixtures.bundle(Fixtures.V02);
            MappingResult r = map(FhirCaseMapper.builder().asOf(LocalDate.of(2023, 1, 1)), b);
            PatientCase c = r.patientCase().orElseThrow();
            assertThat(c.lesions()).isNull();
            assertThat(r.asOfSource()).isEqualTo(MappingResult.AsOfSource.ARGUMENT);
            assertThat(r.report()).anyMatch(e -> e.rule().equals("MAP-ASOF-5"));
        }

        @Test
        void withoutATimestampTheLatestDatedResourceSetsAsOf() {
            MappingResult r = after(Fixtures.V02, b -> b.setTimestamp(null));
            assertThat(r.asOfSource()).isEqualTo(MappingResult.AsOfSource.LATEST_RESOURCE);
            assertThat(r.asOf()).isEqualTo(LocalDate.of(2023, 5, 9));
        }

        @Test
        void aTimestampLateInTheDayWestOfUtcStaysOnItsDay() {
            MappingResult r = after(Fixtures.V02, b -> b.getTimestampElement()
                    .setValueAsString("2023-05-10T23:30:00-05:00"));
            assertThat(r.asOf()).isEqualTo(LocalDate.of(2023, 5, 10));
        }
    }

    @Nested
    class History {
        @Test
        void withoutAHistoryStatementBothFactsStayUnknown() {
            MappingResult r = after(Fixtures.V02, b -> Edits.remove(b, "lms-no-metastatic-history-a"),
                    "history.polymetastatic", "history.oligometastatic");
            assertThat(r.factsToRecord()).contains("history.polymetastatic", "history.oligometastatic");
        }

        @Test
        void anEarlierResolvedMetastasisContradictsNoHistory() {
            MappingResult r = after(Fixtures.V02, b -> {
                Condition prior = Edits.<Condition>find(b, "lms-lung-mets-a").copy();
                prior.setId("lms-prior-mets");
                prior.getClinicalStatus().getCodingFirstRep().setCode("resolved");
                prior.setOnset(new DateTimeType("2020-06-01"));
                Edits.add(b, prior);
            }, "history.polymetastatic", "history.oligometastatic");
            assertThat(r.report()).anyMatch(e -> e.rule().equals("MAP-HISTORY-5"));
        }

        @Test
        void localFactsWinAndDisagreementIsReported() {
            MappingResult r = after(Fixtures.V02, b -> Edits.add(b, localFact("h", V02_PATIENT,
                    "history.oligometastatic", new BooleanType(true), null)), "history.oligometastatic");
            assertThat(r.report()).anyMatch(e -> e.rule().equals("MAP-LOCAL-2"));
        }
    }

    @Nested
    class Therapy {
        @Test
        void withoutTheLocalFactNoMedicationIsNotNoTherapy() {
            after(Fixtures.V02, b -> Edits.remove(b, "lms-therapy-status-a"), "systemicTherapy.status");
            after(FhirCaseMapper.builder().medicationRecordComplete(true), Fixtures.V02,
                    b -> Edits.remove(b, "lms-therapy-status-a"));
        }

        @Test
        void imatinibStoppedBeforeTheOmdDateIsStoppedWithItsLastDose() {
            MappingResult r = after(Fixtures.V11, b -> {
                MedicationRequest m = Edits.find(b, "gist-imatinib-b");
                m.setStatus(MedicationRequest.MedicationRequestStatus.STOPPED);
                m.getDosageInstructionFirstRep().getTiming().getRepeat().getBoundsPeriod()
                        .setEndElement(new DateTimeType("2023-12-01"));
            }, "systemicTherapy.status", "systemicTherapy.lastDoseDate");
            PatientCase c = r.patientCase().orElseThrow();
            assertThat(c.systemicTherapy().status()).isEqualTo(TherapyStatus.STOPPED);
            assertThat(c.systemicTherapy().lastDoseDate()).isEqualTo(LocalDate.of(2023, 12, 1));
            assertThat(c.systemicTherapy().kind()).isEqualTo(TherapyKind.TARGETED);
        }

        @Test
        void aCompletedRequestWithoutEndIsStoppedWithAnUnknownLastDose() {
            MappingResult r = after(Fixtures.V11, b -> Edits.<MedicationRequest>find(b, "gist-imatinib-b")
                    .setStatus(MedicationRequest.MedicationRequestStatus.COMPLETED), "systemicTherapy.status");
            assertThat(r.patientCase().orElseThrow().systemicTherapy().lastDoseDate()).isNull();
            assertThat(r.factsToRecord()).contains("systemicTherapy.lastDoseDate");
        }

        @Test
        void aPlannedRequestIsNoExposure() {
            after(Fixtures.V11, b -> Edits.<MedicationRequest>find(b, "gist-imatinib-b")
                    .setIntent(MedicationRequest.MedicationRequestIntent.PLAN),
                    "systemicTherapy.status", "systemicTherapy.kind");
        }

        @Test
        void discreteChemotherapyAdministrationsStopWithTheLastCycle() {
            MappingResult r = after(Fixtures.V02, b -> {
                Edits.remove(b, "lms-therapy-status-a");
                for (String date : new String[] {"2023-03-01", "2023-03-22"}) {
                    MedicationAdministration ma = (MedicationAdministration) Fixtures.example(
                            "MedicationAdministration-cancer-related-medication-admin-doxorubicin-jenny-m.json");
                    ma.setId("dox-" + date);
                    Edits.pointAtPatient(ma, V02_PATIENT);
                    ma.getReasonReference().clear();
                    ma.getRequest().setReference(null);
                    ma.setEffective(new DateTimeType(date));
                    Edits.add(b, ma);
                }
                MedicationAdministration anti = (MedicationAdministration) Fixtures.example(
                        "MedicationAdministration-cancer-related-medication-admin-doxorubicin-jenny-m.json");
                anti.setId("ondansetron");
                Edits.pointAtPatient(anti, V02_PATIENT);
                anti.setMedication(new CodeableConcept().setText("ondansetron 8 mg"));
                anti.setEffective(new DateTimeType("2023-04-20"));
                Edits.add(b, anti);
            }, "systemicTherapy.status", "systemicTherapy.lastDoseDate", "systemicTherapy.kind");
            PatientCase c = r.patientCase().orElseThrow();
            assertThat(c.systemicTherapy().status()).isEqualTo(TherapyStatus.STOPPED);
            assertThat(c.systemicTherapy().lastDoseDate()).isEqualTo(LocalDate.of(2023, 3, 22));
            assertThat(c.systemicTherapy().kind()).isEqualTo(TherapyKind.CHEMOTHERAPY);
        }

        @Test
        void anUnrecognisedCancerDrugMayBeActiveSoTheStatusIsUnknown() {
            MappingResult r = after(Fixtures.V11, b -> Edits.<MedicationRequest>find(b, "gist-imatinib-b")
                    .setMedication(new CodeableConcept().setText("investigational agent XY-123")),
                    "systemicTherapy.status", "systemicTherapy.kind");
            assertThat(r.report()).anyMatch(e -> e.rule().equals("MAP-THERAPY-5"));
        }
    }

    @Nested
    class Ecog {
        @Test
        void anEcogOutsideTheLookbackIsUnknown() {
            after(Fixtures.V02, b -> Edits.<Observation>find(b, "lms-ecog-a")
                    .setEffective(new DateTimeType("2022-12-01")), "ecog");
        }

        @Test
        void anAnswerCodeValueIsRead() {
            after(Fixtures.V02, b -> Edits.<Observation>find(b, "lms-ecog-a").setValue(new CodeableConcept()
                    .addCoding(new Coding("http://loinc.org", "LA9624-3", null))), "ecog");
        }

        @Test
        void twoDifferentScoresOnOneDayLeaveItUnknown() {
            after(Fixtures.V02, b -> {
                Observation second = Edits.<Observation>find(b, "lms-ecog-a").copy();
                second.setId("ecog-2");
                second.setValue(new IntegerType(2));
                Edits.add(b, second);
            }, "ecog");
        }

        @Test
        void karnofskyConvertsOnlyWhenAsked() {
            Consumer<Bundle> kps = b -> {
                Edits.remove(b, "lms-ecog-a");
                Observation k = (Observation) Fixtures.example("Observation-karnofsky-performance-status-normal-activity.json");
                Edits.pointAtPatient(k, V02_PATIENT);
                k.setEffective(new DateTimeType("2023-04-28"));
                Edits.add(b, k);
            };
            after(Fixtures.V02, kps, "ecog");
            after(FhirCaseMapper.builder().karnofskyToEcog(true), Fixtures.V02, kps);
        }
    }

    @Nested
    class Labs {
        static Observation platelets(String value, String unit) {
            Observation o = new Observation();
            o.setId("plt");
            o.setStatus(Observation.ObservationStatus.FINAL);
            o.getCode().addCoding().setSystem("http://loinc.org").setCode("777-3");
            o.setSubject(new Reference(V02_PATIENT));
            o.setEffective(new DateTimeType("2023-05-05"));
            o.setValue(new Quantity().setValue(new BigDecimal(value)).setSystem("http://unitsofmeasure.org")
                    .setCode(unit));
            return o;
        }

        @Test
        void plateletsPerMicrolitreAreConverted() {
            MappingResult r = after(Fixtures.V02, b -> Edits.add(b, platelets("250000", "/uL")),
                    "plateletsPerNanolitre");
            assertThat(r.patientCase().orElseThrow().plateletsPerNanolitre()).isEqualTo(250.0);
        }

        @Test
        void anUnknownUnitLeavesThemUnknown() {
            after(Fixtures.V02, b -> Edits.add(b, platelets("250", "K/mcL")));
        }
    }

    @Nested
    class Lesions {
        static void locate(Bundle b, String snomed) {
            Condition c = Edits.find(b, "lms-lung-mets-a");
            c.setCode(sct("128462008"));
            c.getBodySite().clear();
            c.addBodySite(sct(snomed));
            for (String t : new String[] {"lms-tumor-a-l1", "lms-tumor-a-l2"}) {
                BodyStructure bs = Edits.find(b, t);
                bs.setLocation(sct(snomed));
                bs.getLocationQualifier().clear();
            }
        }

        @ParameterizedTest(name = "SNOMED {0} -> {1}")
        @CsvSource({"35769007,BONE_SPINE", "87141009,BONE_SPINE", "71341001,BONE_OTHER", "10200004,LIVER",
                "12738006,BRAIN", "23451007,ADRENAL", "3120008,PLEURA", "87784001,SOFT_TISSUE"})
        void siteCodesMapToTheSiteEnum(String code, Site site) {
            after(Fixtures.V02, b -> locate(b, code), "lesions[0].site", "lesions[1].site",
                    "lesions[0].laterality", "lesions[1].laterality");
            MappingResult r = map(locatedBundle(code));
            assertThat(r.patientCase().orElseThrow().lesions()).allMatch(l -> l.site() == site);
        }

        static Bundle locatedBundle(String code) {
            Bundle b = Fixtures.bundle(Fixtures.V02);
            locate(b, code);
            return b;
        }

        @Test
        void theSacrumIsOtherBoneWhenTheCentreSaysSo() {
            MappingResult r = map(FhirCaseMapper.builder().sacrumIsSpine(false), locatedBundle("87141009"));
            assertThat(r.patientCase().orElseThrow().lesions()).allMatch(l -> l.site() == Site.BONE_OTHER);
        }

        @Test
        void boneOfUnspecifiedSiteLeavesTheLesionsUnknownUnlessTheHostOptsIn() {
            MappingResult r = map(locatedBundle("272673000"));
            assertThat(r.patientCase().orElseThrow().lesions()).isNull();
            assertThat(ReportAssertions.entry(r, "lesions").rule()).isEqualTo("MAP-SITE-0");
            MappingResult opted = map(FhirCaseMapper.builder()
                    .unspecifiedBone(FhirCaseMapper.UnspecifiedBone.BONE_OTHER), locatedBundle("272673000"));
            assertThat(opted.patientCase().orElseThrow().lesions()).allMatch(l -> l.site() == Site.BONE_OTHER);
        }

        @Test
        void codesNamingDifferentOrgansLeaveTheLesionsUnknown() {
            after(Fixtures.V02, b -> Edits.<BodyStructure>find(b, "lms-tumor-a-l1").setLocation(sct("10200004")),
                    "lesions", "lesions[0].id", "lesions[0].site", "lesions[0].laterality", "lesions[0].sizeMm",
                    "lesions[0].response", "lesions[0].safelyTreatable", "lesions[1].id", "lesions[1].site",
                    "lesions[1].laterality", "lesions[1].sizeMm", "lesions[1].response",
                    "lesions[1].safelyTreatable", "omdDiagnosisDate");
        }

        @ParameterizedTest(name = "ICD-10-CM {0} after a thigh primary -> {1}")
        @CsvSource({"C77.4,LYMPH_NODE_REGIONAL", "C77.3,LYMPH_NODE_DISTANT", "C77.2,LYMPH_NODE_DISTANT"})
        void nodesAreRegionalOrDistantByThePrimarySite(String code, Site site) {
            Bundle b = Fixtures.bundle(Fixtures.V02);
            Condition c = Edits.find(b, "lms-lung-mets-a");
            c.setCode(new CodeableConcept().addCoding(new Coding("http://hl7.org/fhir/sid/icd-10-cm", code, null)));
            c.getBodySite().clear();
            for (String t : new String[] {"lms-tumor-a-l1", "lms-tumor-a-l2"}) {
                Edits.<BodyStructure>find(b, t).setLocation(null);
            }
            assertThat(map(b).patientCase().orElseThrow().lesions()).allMatch(l -> l.site() == site);
            assertThat(map(FhirCaseMapper.builder().regionalNodeBasins(FhirCaseMapper.RegionalNodeBasins.EXPLICIT_ONLY),
                    b).patientCase().orElseThrow().lesions()).isNull();
        }

        @Test
        void aLocalSiteFactOverridesTheCodes() {
            MappingResult r = after(Fixtures.V02, b -> Edits.add(b, localFact("s", V02_PATIENT, "lesions[].site",
                    enumValue("PLEURA"), "BodyStructure/lms-tumor-a-l1")), "lesions[0].site");
            assertThat(r.patientCase().orElseThrow().lesions().get(0).site()).isEqualTo(Site.PLEURA);
        }

        @Test
        void theTumorQualifierGivesTheSideAndTheConditionsQualifierIsTheFallback() {
            after(Fixtures.V02, b -> Edits.<BodyStructure>find(b, "lms-tumor-a-l1").getLocationQualifier()
                    .get(0).getCodingFirstRep().setCode("7771000"), "lesions[0].laterality");
            after(Fixtures.V02, b -> Edits.<BodyStructure>find(b, "lms-tumor-a-l1").getLocationQualifier().clear());
            MappingResult both = after(Fixtures.V02, b -> Edits.<BodyStructure>find(b, "lms-tumor-a-l1")
                    .getLocationQualifier().get(0).getCodingFirstRep().setCode("51440002"), "lesions[0].laterality");
            assertThat(both.report()).anyMatch(e -> e.rule().equals("MAP-LAT-2"));
        }

        @Test
        void aSizeInCentimetresIsConvertedAndAnotherUnitLeavesItUnknown() {
            after(Fixtures.V02, b -> ((Quantity) Edits.<Observation>find(b, "lms-size-a-l1").getComponentFirstRep()
                    .getValue()).setValue(new BigDecimal("1.5")).setCode("cm").setUnit("cm"));
            after(Fixtures.V02, b -> ((Quantity) Edits.<Observation>find(b, "lms-size-a-l1").getComponentFirstRep()
                    .getValue()).setCode("[in_i]").setUnit("in"), "lesions[0].sizeMm");
        }

        @Test
        void withoutTumorsTheLesionSetIsUnknownUnlessOneLesionPerCondition() {
            Bundle b = Fixtures.bundle(Fixtures.V02);
            Edits.remove(b, "lms-tumor-a-l1", "lms-tumor-a-l2");
            PatientCase c = map(b).patientCase().orElseThrow();
            assertThat(c.lesions()).isNull();
            assertThat(c.omdDiagnosisDate()).isNull();
            PatientCase one = map(FhirCaseMapper.builder().conditionWithoutTumour(
                    FhirCaseMapper.ConditionWithoutTumour.ONE_LESION), b).patientCase().orElseThrow();
            assertThat(one.lesions()).singleElement().satisfies(l -> {
                assertThat(l.id()).isEqualTo("lms-lung-mets-a");
                assertThat(l.site()).isEqualTo(Site.LUNG);
                assertThat(l.laterality()).isEqualTo(Laterality.RIGHT);
            });
        }

        @Test
        void aMetastasisInRemissionIsNoCurrentLesionAndNeverNoMetastasis() {
            Consumer<Bundle> remission = b -> Edits.<Condition>find(b, "lms-lung-mets-a").getClinicalStatus()
                    .getCodingFirstRep().setCode("remission");
            Bundle b = Fixtures.bundle(Fixtures.V02);
            remission.accept(b);
            assertThat(map(b).patientCase().orElseThrow().lesions()).isNull();
            Edits.add(b, localFact("none", V02_PATIENT, "lesions", new IntegerType(0), null));
            assertThat(map(b).patientCase().orElseThrow().lesions()).isEmpty();
        }

        @ParameterizedTest(name = "unconfirmedMetastases = {0}")
        @CsvSource({"UNKNOWN,true", "COUNT,false", "IGNORE,true"})
        void unconfirmedMetastasesFollowTheOption(FhirCaseMapper.UnconfirmedMetastases option, boolean unknown) {
            Bundle b = Fixtures.bundle(Fixtures.V02);
            Edits.<Condition>find(b, "lms-lung-mets-a").getVerificationStatus().getCodingFirstRep()
                    .setCode("provisional");
            PatientCase c = map(FhirCaseMapper.builder().unconfirmedMetastases(option), b).patientCase().orElseThrow();
            assertThat(c.lesions() == null).isEqualTo(unknown);
        }

        @Test
        void aStableStatusOnTheTumorIsItsResponse() {
            MappingResult r = after(Fixtures.V02, b -> {
                Observation s = Edits.<Observation>find(b, "lms-status-surveillance-a").copy();
                s.setId("l1-stable");
                s.getFocus().clear();
                s.addFocus(new Reference("BodyStructure/lms-tumor-a-l1"));
                s.setEffective(new DateTimeType("2023-05-02"));
                Edits.add(b, s);
            }, "lesions[0].response");
            assertThat(r.patientCase().orElseThrow().lesions().get(0).response()).isEqualTo(Response.STABLE);
        }

        @Test
        void withoutEarlierImagingNewIsNotProvable() {
            after(Fixtures.V02, b -> Edits.remove(b, "lms-status-surveillance-a"), "lesions[0].response",
                    "lesions[1].response");
        }

        @Test
        void aStatusOnASiteWithSeveralLesionsIsNotCopiedToThem() {
            MappingResult r = after(Fixtures.V11, b -> {
                for (String id : new String[] {"gist-status-b-l1", "gist-status-b-l2"}) {
                    Edits.<Observation>find(b, id).getFocus().get(0).setReference("Condition/gist-liver-mets-b")
                            .setResource(null);
                }
            }, "lesions[0].response", "lesions[1].response");
            assertThat(r.report()).anyMatch(e -> e.rule().equals("MAP-RESP-2") && e.status() == MappingEntry.Status.NOTE);
        }

        @Test
        void aTumorInFullRemissionIsNotCurrent() {
            MappingResult r = map(Fixtures.bundle(Fixtures.V11));
            Bundle b = Fixtures.bundle(Fixtures.V11);
            Edits.<Observation>find(b, "gist-status-b-l2").setValue(sct("550991000124107"));
            PatientCase c = map(b).patientCase().orElseThrow();
            assertThat(c.lesions()).extracting(org.mltrules.Lesion::id).containsExactly("L1");
            assertThat(r.patientCase().orElseThrow().lesions()).hasSize(2);
        }

        @Test
        void radiotherapyOfTheConditionOfASingleLesionMeansPreviouslyIrradiated() {
            Bundle b = Fixtures.bundle(Fixtures.V02);
            Edits.remove(b, "lms-tumor-a-l2", "lms-size-a-l2", "lms-treatable-a-l2");
            PatientCase before = map(b).patientCase().orElseThrow();
            Procedure rt = (Procedure) Fixtures.example("Procedure-radiotherapy-treatment-summary-chest-wall-jenny-m.json");
            rt.setId("rt");
            Edits.pointAtPatient(rt, V02_PATIENT);
            rt.getReasonReference().clear();
            rt.addReasonReference(new Reference("Condition/lms-lung-mets-a"));
            rt.setPerformed(new Period().setStartElement(new DateTimeType("2023-05-03"))
                    .setEndElement(new DateTimeType("2023-05-08")));
            Edits.add(b, rt);
            PatientCase after = map(b).patientCase().orElseThrow();
            assertThat(CaseDiff.changed(before, after)).containsExactly("lesions[0].previouslyIrradiated");
            assertThat(after.lesions().get(0).previouslyIrradiated()).isTrue();
        }

        @Test
        void localFactsSetTheMdtJudgementsOfALesion() {
            MappingResult r = after(Fixtures.V02, b -> {
                Edits.add(b, localFact("r0", V02_PATIENT, "lesions[].resectableR0", new BooleanType(false),
                        "BodyStructure/lms-tumor-a-l1"));
                Observation f = localFact("feat", V02_PATIENT, "lesions[].features", null,
                        "BodyStructure/lms-tumor-a-l1");
                f.setValue(null);
                for (Feature ft : Feature.values()) {
                    f.addComponent().setCode(enumValue(ft.name())).setValue(new BooleanType(ft == Feature.SUBPLEURAL));
                }
                Edits.add(b, f);
            }, "lesions[0].resectableR0", "lesions[0].features");
            assertThat(r.patientCase().orElseThrow().lesions().get(0).features()).containsExactly(Feature.SUBPLEURAL);
        }

        @Test
        void anIncompleteFeatureListStaysUnknown() {
            after(Fixtures.V02, b -> {
                Observation f = localFact("feat", V02_PATIENT, "lesions[].features", null,
                        "BodyStructure/lms-tumor-a-l1");
                f.addComponent().setCode(enumValue("CENTRAL")).setValue(new BooleanType(true));
                Edits.add(b, f);
            });
        }

        @Test
        void aLocalFactStatedAsUnknownIsUnknown() {
            after(Fixtures.V02, b -> {
                Observation o = Edits.find(b, "lms-treatable-a-l1");
                o.setValue(null);
                o.setDataAbsentReason(new CodeableConcept().addCoding(new Coding(
                        "http://terminology.hl7.org/CodeSystem/data-absent-reason", "asked-unknown", null)));
            }, "lesions[0].safelyTreatable");
        }

        @Test
        void twoLocalFactsOfOneDayThatDisagreeLeaveTheFactUnknown() {
            after(Fixtures.V02, b -> Edits.add(b, localFact("t2", V02_PATIENT, "lesions[].safelyTreatable",
                    new BooleanType(false), "BodyStructure/lms-tumor-a-l1")), "lesions[0].safelyTreatable");
        }
    }

    @Nested
    class Procedures {
        @Test
        void aPartialLobectomyBeforeTheOmdDateCountsAsALungResection() {
            MappingResult r = after(Fixtures.V02, b -> {
                Procedure p = (Procedure) Fixtures.example("Procedure-cancer-related-surgical-procedure-lobectomy.json");
                Edits.pointAtPatient(p, V02_PATIENT);
                p.getReasonReference().clear();
                p.setPerformed(new DateTimeType("2021-06-01"));
                Edits.add(b, p);
            }, "priorLungResections");
            assertThat(r.patientCase().orElseThrow().priorLungResections()).isEqualTo(1);
            assertThat(FhirCaseMapper.builder().procedureRecordComplete(true).build().map(Fixtures.text(Fixtures.V02))
                    .patientCase().orElseThrow().priorLungResections()).isZero();
        }

        @Test
        void theLatestLocalTreatmentOfAnEarlierMetastasisIsTheLastLocalTherapyDate() {
            Bundle b = Fixtures.bundle(Fixtures.V11);
            Procedure p = (Procedure) Fixtures.example("Procedure-cancer-related-surgical-procedure-lobectomy.json");
            p.setId("peritonectomy");
            Edits.pointAtPatient(p, V11_PATIENT);
            p.getReasonReference().clear();
            p.addReasonReference(new Reference("Condition/gist-peritoneal-mets-b"));
            p.setPerformed(new DateTimeType("2020-06-01"));
            p.setCode(sct("387713003"));
            p.getBodySite().clear();
            Edits.add(b, p);
            MappingResult r = map(b);
            MappingEntry e = ReportAssertions.entry(r, "lastLocalTherapyDate");
            assertThat(e.status()).isEqualTo(MappingEntry.Status.SET);
            assertThat(e.message()).startsWith("2020-06-01");
            assertThat(e.source()).isEqualTo("Procedure/peritonectomy");
            PatientCase c = r.patientCase().orElseThrow();
            assertThat(c.lastLocalTherapyDate()).isEqualTo(LocalDate.of(2020, 6, 1));
            assertThat(CaseDiff.changed(base(Fixtures.V11), c)).containsExactly("lastLocalTherapyDate");
        }

        @Test
        void aLocalLastLocalTherapyDateWinsOverTheProcedures() {
            MappingResult r = after(Fixtures.V11, b -> Edits.add(b, localFact("llt", V11_PATIENT,
                    "lastLocalTherapyDate", new DateTimeType("2021-03-04"), null)), "lastLocalTherapyDate");
            assertThat(r.patientCase().orElseThrow().lastLocalTherapyDate()).isEqualTo(LocalDate.of(2021, 3, 4));
        }

        @Test
        void aTreatmentOfTheCurrentMetastasisIsNotALastLocalTherapy() {
            Bundle b = Fixtures.bundle(Fixtures.V11);
            Procedure p = (Procedure) Fixtures.example("Procedure-cancer-related-surgical-procedure-lobectomy.json");
            p.setId("liver-ablation");
            Edits.pointAtPatient(p, V11_PATIENT);
            p.getReasonReference().clear();
            p.addReasonReference(new Reference("Condition/gist-liver-mets-b"));
            p.setPerformed(new DateTimeType("2023-06-01"));
            Edits.add(b, p);
            MappingResult r = map(b);
            assertThat(r.patientCase().orElseThrow().lastLocalTherapyDate()).isNull();
            assertThat(r.factsToRecord()).contains("lastLocalTherapyDate");
        }

        @Test
        void aDeNovoOmdIsNotAskedForALastLocalTherapyDate() {
            MappingResult r = map(Fixtures.bundle(Fixtures.V02));
            PatientCase c = r.patientCase().orElseThrow();
            assertThat(c.history().polymetastatic()).isFalse();
            assertThat(c.history().oligometastatic()).isFalse();

            MappingEntry e = ReportAssertions.entry(r, "lastLocalTherapyDate");

            assertThat(e.status()).isEqualTo(MappingEntry.Status.NOT_APPLICABLE);
            assertThat(e.rule()).isEqualTo("MAP-LLT-2");
            assertThat(c.lastLocalTherapyDate()).isNull();
            assertThat(r.factsToRecord()).doesNotContain("lastLocalTherapyDate");
        }
    }

    @Nested
    class Omd {
        @Test
        void deNovoLesionsSeenFarApartLeaveTheOmdDateUnknown() {
            after(Fixtures.V02, b -> Edits.<Observation>find(b, "lms-size-a-l2")
                    .setEffective(new DateTimeType("2023-03-01")), "omdDiagnosisDate", "lesions[0].response",
                    "lesions[1].response");
        }

        @Test
        void aLocalOmdDateWins() {
            MappingResult r = after(Fixtures.V02, b -> Edits.add(b, localFact("omd", V02_PATIENT,
                    "omdDiagnosisDate", new DateTimeType("2023-05-03"), null)), "omdDiagnosisDate");
            assertThat(r.patientCase().orElseThrow().omdDiagnosisDate()).isEqualTo(LocalDate.of(2023, 5, 3));
        }
    }
}
