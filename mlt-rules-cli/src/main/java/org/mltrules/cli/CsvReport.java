package org.mltrules.cli;

import java.util.List;
import java.util.stream.Collectors;
import org.mltrules.Assessment;
import org.mltrules.Exclusion;
import org.mltrules.LesionAssessment;
import org.mltrules.RankedOption;
import org.mltrules.Reason;
import org.mltrules.json.ErrorRecord;

/**
 * One CSV row per lesion and technique (RFC 4180 quoting, rows ending in LF: fields quoted when they contain a
 * comma, a quote or a line break, quotes doubled). A case without lesions gets one row with the lesion columns
 * empty, so that every case appears; a case that was not assessed gets one row with status {@code ERROR}, its
 * failing rule (if any) in {@code rules}, and the details on standard error.
 *
 * <p><b>Formula injection.</b> A text cell (case id, lesion id, rule ids or name) that starts with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return would be run as a formula by a spreadsheet: it is
 * written with a single quote in front ({@code '=HYPERLINK(...)}), as OWASP advises. Numbers (rank, score, a score of
 * -2) stay numbers. The JSON formats keep the exact value.
 */
final class CsvReport {
    static final String HEADER = "caseId,category,candidacy,lesionId,technique,status,rank,score,rules\n";

    private CsvReport() {
    }

    static String render(Assessment a) {
        StringBuilder b = new StringBuilder(512);
        String prefix = field(a.caseId()) + ',' + a.category() + ',' + a.candidacy().level() + ',';
        if (a.lesions().isEmpty()) {
            b.append(prefix).append(",,,,,\n");
        }
        for (LesionAssessment l : a.lesions()) {
            String lesion = prefix + field(l.lesionId()) + ',';
            for (RankedOption o : l.options()) {
                b.append(lesion).append(o.technique()).append(",RANKED,").append(o.rank()).append(',')
                        .append(o.score()).append(',').append(field(ruleIds(o.reasons()))).append('\n');
            }
            for (Exclusion x : l.excluded()) {
                b.append(lesion).append(x.technique()).append(",EXCLUDED,,,").append(field(ruleIds(x.reasons())))
                        .append('\n');
            }
        }
        return b.toString();
    }

    static String renderError(ErrorRecord e) {
        String rule = e.failure() == null ? "" : e.failure().rule();
        return field(e.caseId() == null ? "" : e.caseId()) + ",,,,,ERROR,,," + field(rule) + '\n';
    }

    private static String ruleIds(List<Reason> reasons) {
        return reasons.stream().map(Reason::rule).collect(Collectors.joining(";"));
    }

    /** A text field: neutralised as a formula when it could be one, then quoted when it has to be. */
    static String field(String value) {
        return quoted(isFormula(value) ? "'" + value : value);
    }

    /** Whether a spreadsheet would take the text as a formula (OWASP's list of first characters). */
    static boolean isFormula(String value) {
        if (value.isEmpty()) {
            return false;
        }
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** A field, quoted when it has to be. */
    private static String quoted(String value) {
        boolean quote = false;
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') {
                quote = true;
                break;
            }
        }
        if (!quote && (value.startsWith(" ") || value.endsWith(" "))) {
            quote = true;
        }
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
