package org.mltrules.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.mltrules.Feature;
import org.mltrules.History;
import org.mltrules.Laterality;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;
import org.mltrules.Response;
import org.mltrules.Site;
import org.mltrules.SystemicTherapy;
import org.mltrules.TherapyKind;
import org.mltrules.TherapyStatus;

/**
 * Generators of valid cases that reach every corner of the classification: unknown facts in every field, the
 * synchronous-window boundary in calendar months from month ends and 29 February, last doses 0-400 days before
 * the OMD date with the K2 boundaries, every therapy status and kind, 0-8 lesions with regional nodes, every
 * response. Valid means what {@code PatientCase.problems()} accepts: dates in order, a stopped therapy's last dose
 * not after the OMD date.
 */
final class CaseArbitraries {
    private CaseArbitraries() {
    }

    /** Month ends, leap days and ordinary days, so that {@code plusMonths} clamping is exercised. */
    private static final List<LocalDate> SPECIAL_DATES = List.of(
            LocalDate.of(2023, 8, 31), LocalDate.of(2024, 2, 29), LocalDate.of(2020, 2, 29),
            LocalDate.of(2023, 2, 28), LocalDate.of(2024, 1, 31), LocalDate.of(2023, 12, 31),
            LocalDate.of(2021, 3, 31), LocalDate.of(2023, 5, 31), LocalDate.of(2019, 3, 12),
            LocalDate.of(2022, 6, 30), LocalDate.of(2023, 9, 29), LocalDate.of(2023, 9, 1));

    /** Windows whose boundaries matter: every synchronous window used by {@link #conventionVariants()}. */
    private static final List<Integer> MONTH_OFFSETS = List.of(0, 1, 3, 5, 6, 7, 11, 12, 13, 24, 60);
    /** Days around the month boundary. */
    private static final List<Integer> DAY_OFFSETS = List.of(-2, -1, 0, 1, 2);
    /** Days from the last dose to the OMD date, around every K2 window used (0, 14, 30, 60). */
    private static final List<Integer> DOSE_GAPS = List.of(0, 1, 13, 14, 15, 29, 30, 31, 32, 59, 60, 61);

    /** The three dates and how they relate; each may be unknown. */
    record Dates(LocalDate primary, LocalDate omd, LocalDate lastDose) { }

    static Arbitrary<Dates> dates() {
        Arbitrary<LocalDate> anyDate = Arbitraries.longs()
                .between(LocalDate.of(2000, 1, 1).toEpochDay(), LocalDate.of(2025, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
        Arbitrary<LocalDate> primary = Arbitraries.oneOf(Arbitraries.of(SPECIAL_DATES), anyDate);
        Arbitrary<Integer> months = Arbitraries.of(MONTH_OFFSETS);
        Arbitrary<Integer> days = Arbitraries.oneOf(Arbitraries.of(DAY_OFFSETS),
                Arbitraries.integers().between(-40, 400));
        Arbitrary<Integer> doseGap = Arbitraries.oneOf(Arbitraries.of(DOSE_GAPS),
                Arbitraries.integers().between(0, 400));
        // Each date unknown in one case out of ten, independently.
        Arbitrary<Boolean> rareUnknown = Arbitraries.integers().between(0, 9).map(i -> i == 0);
        return Combinators.combine(primary, months, days, doseGap, anyDate, rareUnknown, rareUnknown, rareUnknown)
                .as((p, m, d, gap, other, noPrimary, noOmd, noDose) -> {
                    LocalDate omd = p.plusMonths(m).plusDays(d);
                    if (omd.isBefore(p)) {
                        omd = p;
                    }
                    LocalDate lastDose = omd.minusDays(gap);
                    return new Dates(noPrimary ? null : p, noOmd ? null : omd,
                            noDose ? null : noOmd ? other : lastDose);
                });
    }

    static Arbitrary<History> history() {
        Arbitrary<Boolean> fact = Arbitraries.of(true, false).injectNull(0.1);
        return Combinators.combine(fact, fact).as(History::new);
    }

    static Arbitrary<Lesion> lesion() {
        Arbitrary<Site> site = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(Site.LUNG)),
                Tuple.of(2, Arbitraries.just(Site.LYMPH_NODE_REGIONAL)),
                Tuple.of(4, Arbitraries.of(Site.class)));
        Arbitrary<Laterality> laterality = Arbitraries.of(Laterality.class).injectNull(0.15);
        Arbitrary<Double> size = Arbitraries.oneOf(Arbitraries.of(5.0, 10.0, 10.5, 30.0, 31.0, 35.0, 36.0, 50.0, 51.0),
                Arbitraries.integers().between(1, 90).map(Integer::doubleValue)).injectNull(0.1);
        Arbitrary<Response> response = Arbitraries.of(Response.class).injectNull(0.1);
        // Mostly true, so that most cases get past P3 into the tree; false and unknown now and then.
        Arbitrary<Boolean> treatable = Arbitraries.frequencyOf(
                Tuple.of(18, Arbitraries.of(Boolean.TRUE, Boolean.TRUE, Boolean.TRUE, Boolean.TRUE,
                        Boolean.TRUE, Boolean.TRUE, Boolean.TRUE, Boolean.TRUE, Boolean.FALSE)),
                Tuple.of(2, Arbitraries.of(Boolean.TRUE).injectNull(1.0)));
        Arbitrary<Boolean> fact = Arbitraries.of(true, false).injectNull(0.15);
        Arbitrary<Set<Feature>> features = Arbitraries.of(Feature.class).set().ofMaxSize(3).injectNull(0.2);
        Arbitrary<Lesion> partial = Combinators.combine(site, laterality, size, response, treatable, fact, fact, fact)
                .as((s, lat, sz, r, st, r0, sabr, irr) -> Lesion.builder("L", s).laterality(lat).sizeMm(sz)
                        .response(r).safelyTreatable(st).resectableR0(r0).sabrConstraintsAchievable(sabr)
                        .previouslyIrradiated(irr).build());
        return Combinators.combine(partial, features).as((l, f) -> l.toBuilder().features(f).build());
    }

    /** 0-8 lesions with unique ids, or unknown. */
    static Arbitrary<List<Lesion>> lesions() {
        return lesion().list().ofMinSize(0).ofMaxSize(8).map(CaseArbitraries::withIds).injectNull(0.03);
    }

    private static List<Lesion> withIds(List<Lesion> lesions) {
        List<Lesion> out = new ArrayList<>(lesions.size());
        for (int i = 0; i < lesions.size(); i++) {
            out.add(lesions.get(i).toBuilder().id("L" + (i + 1)).build());
        }
        return out;
    }

    /** Every case the classification can meet. */
    static Arbitrary<PatientCase> cases() {
        Arbitrary<TherapyStatus> status = Arbitraries.of(TherapyStatus.class).injectNull(0.1);
        Arbitrary<TherapyKind> kind = Arbitraries.of(TherapyKind.class).injectNull(0.15);
        Arbitrary<PatientCase> classification = Combinators.combine(dates(), history(), status, kind, lesions())
                .as((d, h, s, k, ls) -> PatientCase.builder("generated")
                        .primaryDiagnosisDate(d.primary()).omdDiagnosisDate(d.omd()).history(h)
                        .systemicTherapy(new SystemicTherapy(s, d.lastDose(), k)).lesions(ls).build());
        return Combinators.combine(classification, patientFacts()).as((c, f) -> f.apply(c));
    }

    /** Cases whose every fact is known and every response assessable: never indeterminate. */
    static Arbitrary<PatientCase> fullyKnownCases() {
        Arbitrary<Dates> dates = dates().filter(d -> d.primary() != null && d.omd() != null && d.lastDose() != null);
        Arbitrary<History> history = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as(History::new);
        Arbitrary<Lesion> lesion = lesion().filter(l -> l.safelyTreatable() != null && l.response() != null
                && l.response() != Response.NOT_ASSESSABLE);
        Arbitrary<List<Lesion>> lesions = lesion.list().ofMaxSize(8).map(CaseArbitraries::withIds);
        return Combinators.combine(dates, history, Arbitraries.of(TherapyStatus.class),
                        Arbitraries.of(TherapyKind.class), lesions)
                .as((d, h, s, k, ls) -> PatientCase.builder("known")
                        .primaryDiagnosisDate(d.primary()).omdDiagnosisDate(d.omd()).history(h)
                        .systemicTherapy(new SystemicTherapy(s, d.lastDose(), k)).lesions(ls).build());
    }

    /** The facts the ranking reads, so that engine-wide properties see reasons and exclusions. */
    private static Arbitrary<java.util.function.UnaryOperator<PatientCase>> patientFacts() {
        Arbitrary<Integer> ecog = Arbitraries.integers().between(0, 4).injectNull(0.15);
        Arbitrary<Boolean> fact = Arbitraries.of(true, false).injectNull(0.15);
        Arbitrary<Double> platelets = Arbitraries.of(20.0, 50.0, 51.0, 240.0).injectNull(0.15);
        Arbitrary<Double> inr = Arbitraries.of(0.9, 1.0, 1.49, 1.5, 2.0).injectNull(0.15);
        Arbitrary<Double> doubling = Arbitraries.of(20.0, 39.0, 40.0, 75.0).injectNull(0.15);
        Arbitrary<Double> lifeExpectancy = Arbitraries.of(2.0, 3.0, 4.0, 24.0).injectNull(0.15);
        Arbitrary<Integer> resections = Arbitraries.integers().between(0, 2).injectNull(0.15);
        Arbitrary<String> histology = Arbitraries.of("8890/3", "8936/3", "9180/3", "9364/3", "8852/3", "8910/3",
                "8802/3", "8000/3", "LEIOMYOSARCOMA", "GIST").injectNull(0.1);
        Arbitrary<java.util.function.UnaryOperator<PatientCase>> first = Combinators.combine(ecog, fact, fact, fact,
                fact, histology).as((e, op, dec, pulm, spare, h) -> c -> c.toBuilder().ecog(e).medicallyOperable(op)
                .declinesSurgery(dec).pulmonaryReserveAdequate(pulm).parenchymaSparingNeeded(spare).histology(h)
                .build());
        Arbitrary<java.util.function.UnaryOperator<PatientCase>> second = Combinators.combine(platelets, inr,
                doubling, lifeExpectancy, resections).as((p, i, d, l, r) -> c -> c.toBuilder()
                .plateletsPerNanolitre(p).inr(i).tumourDoublingTimeDays(d).lifeExpectancyMonths(l)
                .priorLungResections(r).build());
        return Combinators.combine(first, second).as((f, s) -> c -> s.apply(f.apply(c)));
    }
}
