package org.mltrules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sarcoma histologies known to the rules, with their ICD-O-3 morphology codes (both ICD-O-3.1 and 3.2 codes are
 * accepted, e.g. GIST 8936/1 and 8936/3, Ewing sarcoma 9260/3 and 9364/3).
 */
public enum Histology {
    SARCOMA_NOS("8800/3", "8801/3", "8805/3"),
    UNDIFFERENTIATED_PLEOMORPHIC_SARCOMA("8802/3", "8830/3"),
    MYXOFIBROSARCOMA("8811/3"),
    SOLITARY_FIBROUS_TUMOUR("8815/3"),
    LIPOSARCOMA("8850/3"),
    WELL_DIFFERENTIATED_LIPOSARCOMA("8851/3"),
    MYXOID_LIPOSARCOMA("8852/3"),
    PLEOMORPHIC_LIPOSARCOMA("8854/3"),
    DEDIFFERENTIATED_LIPOSARCOMA("8858/3"),
    LEIOMYOSARCOMA("8890/3", "8891/3", "8896/3"),
    RHABDOMYOSARCOMA("8900/3", "8901/3", "8912/3"),
    EMBRYONAL_RHABDOMYOSARCOMA("8910/3"),
    ALVEOLAR_RHABDOMYOSARCOMA("8920/3"),
    ENDOMETRIAL_STROMAL_SARCOMA("8930/3", "8931/3", "8935/3"),
    GIST("8936/3", "8936/1"),
    SYNOVIAL_SARCOMA("9040/3", "9041/3", "9042/3", "9043/3"),
    CLEAR_CELL_SARCOMA("9044/3"),
    EPITHELIOID_SARCOMA("8804/3"),
    ANGIOSARCOMA("9120/3"),
    OSTEOSARCOMA("9180/3", "9181/3", "9182/3", "9183/3", "9184/3", "9185/3", "9186/3", "9187/3", "9192/3",
            "9193/3", "9194/3", "9195/3"),
    CHONDROSARCOMA("9220/3", "9243/3"),
    EWING_SARCOMA("9364/3", "9260/3"),
    MPNST("9540/3"),
    ALVEOLAR_SOFT_PART_SARCOMA("9581/3"),
    /** A well-formed malignant ICD-O-3 code outside this table, or a sarcoma the host names only as "other". */
    OTHER_SARCOMA();

    private static final Pattern CODE = Pattern.compile("^\\d{4}/\\d$");
    private static final Map<String, Histology> BY_CODE = new HashMap<>();

    static {
        for (Histology h : values()) {
            for (String c : h.codes) {
                BY_CODE.put(c, h);
            }
        }
    }

    private final List<String> codes;

    Histology(String... codes) {
        this.codes = List.of(codes);
    }

    /** The ICD-O-3 morphology codes that map to this histology (empty for {@link #OTHER_SARCOMA}). */
    public List<String> codes() {
        return codes;
    }

    /**
     * How a histology given as a code or a name was understood.
     *
     * @param histology the histology the rules see
     * @param recognised false when a well-formed code is outside the table (then {@code histology} is
     *                   {@link #OTHER_SARCOMA} and the flag {@link Flag#HISTOLOGY_NOT_RECOGNISED} is raised)
     */
    public record Resolution(Histology histology, boolean recognised) { }

    /**
     * Resolves an ICD-O-3 morphology code ({@code 8890/3}) or a histology name ({@code LEIOMYOSARCOMA}).
     *
     * @return empty when the value is neither a name of this enum nor an acceptable code: an unknown name, a
     *         malformed code, or a behaviour code other than /3 (except 8936/1)
     */
    public static Optional<Resolution> resolve(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (CODE.matcher(value).matches()) {
            Histology known = BY_CODE.get(value);
            if (known != null) {
                return Optional.of(new Resolution(known, true));
            }
            return value.endsWith("/3") ? Optional.of(new Resolution(OTHER_SARCOMA, false)) : Optional.empty();
        }
        for (Histology h : values()) {
            if (h.name().equals(value)) {
                return Optional.of(new Resolution(h, true));
            }
        }
        return Optional.empty();
    }

    /** Why {@link #resolve(String)} refuses a value, for error messages. */
    public static String whyRefused(String value) {
        if (value != null && CODE.matcher(value).matches()) {
            return "ICD-O-3 behaviour code must be /3 (malignant), or 8936/1 for GIST";
        }
        if (value != null && value.matches("^\\d.*")) {
            return "malformed ICD-O-3 morphology code: expected four digits, '/', one digit (e.g. 8890/3)";
        }
        return "unknown histology name: expected an ICD-O-3 code (e.g. 8890/3) or one of " + List.of(values());
    }
}
