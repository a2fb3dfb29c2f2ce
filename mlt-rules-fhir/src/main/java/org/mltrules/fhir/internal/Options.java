package org.mltrules.fhir.internal;

import java.time.LocalDate;
import org.mltrules.fhir.FhirCaseMapper;
import org.mltrules.fhir.FhirCaseMapper.ConditionWithoutTumour;
import org.mltrules.fhir.FhirCaseMapper.PartialDates;
import org.mltrules.fhir.FhirCaseMapper.RegionalNodeBasins;
import org.mltrules.fhir.FhirCaseMapper.UnconfirmedMetastases;
import org.mltrules.fhir.FhirCaseMapper.UnspecifiedBone;

/** The mapper's named options (docs/fhir-mapping.md), frozen. Not part of the API. */
public record Options(LocalDate asOf, String caseId, String primaryConditionId, String localFactSystem,
                      String localEnumSystem, boolean allowRecordedDate, PartialDates partialDates,
                      UnconfirmedMetastases unconfirmedMetastases, ConditionWithoutTumour conditionWithoutTumour,
                      UnspecifiedBone unspecifiedBone, boolean sacrumIsSpine, RegionalNodeBasins regionalNodeBasins,
                      int deNovoOnsetWindowDays, int ecogLookbackDays, int labLookbackDays, int responseWindowDays,
                      boolean sizeBasedResponse, boolean karnofskyToEcog, boolean medicationRecordComplete,
                      boolean procedureRecordComplete, boolean inferBehaviourFromMetastasis,
                      boolean rejectNonSarcomaPrimary, int maxLesions) {

    /** The builder's working copy, with the defaults. */
    public static final class Mutable {
        public LocalDate asOf;
        public String caseId;
        public String primaryConditionId;
        public String localFactSystem = FhirCaseMapper.DEFAULT_LOCAL_FACT_SYSTEM;
        public String localEnumSystem = FhirCaseMapper.DEFAULT_LOCAL_ENUM_SYSTEM;
        public boolean allowRecordedDate;
        public PartialDates partialDates = PartialDates.UNKNOWN;
        public UnconfirmedMetastases unconfirmedMetastases = UnconfirmedMetastases.UNKNOWN;
        public ConditionWithoutTumour conditionWithoutTumour = ConditionWithoutTumour.UNKNOWN;
        public UnspecifiedBone unspecifiedBone = UnspecifiedBone.UNKNOWN;
        public boolean sacrumIsSpine = true;
        public RegionalNodeBasins regionalNodeBasins = RegionalNodeBasins.TABLE;
        public int deNovoOnsetWindowDays = 31;
        public int ecogLookbackDays = 90;
        public int labLookbackDays = 30;
        public int responseWindowDays = 30;
        public boolean sizeBasedResponse;
        public boolean karnofskyToEcog;
        public boolean medicationRecordComplete;
        public boolean procedureRecordComplete;
        public boolean inferBehaviourFromMetastasis;
        public boolean rejectNonSarcomaPrimary = true;
        public int maxLesions = 5;

        public Options freeze() {
            return new Options(asOf, caseId, primaryConditionId, localFactSystem, localEnumSystem,
                    allowRecordedDate, partialDates, unconfirmedMetastases, conditionWithoutTumour,
                    unspecifiedBone, sacrumIsSpine, regionalNodeBasins, deNovoOnsetWindowDays, ecogLookbackDays,
                    labLookbackDays, responseWindowDays, sizeBasedResponse, karnofskyToEcog,
                    medicationRecordComplete, procedureRecordComplete, inferBehaviourFromMetastasis,
                    rejectNonSarcomaPrimary, maxLesions);
        }
    }
}
