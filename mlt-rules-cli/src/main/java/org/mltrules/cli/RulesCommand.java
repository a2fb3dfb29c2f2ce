package org.mltrules.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.mltrules.Technique;
import org.mltrules.analyst.RuleCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mlt-rules rules}: the rule catalogue of a rule set, as a clinician reviews it. */
@Command(name = "rules",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "List the rules of a rule set for review: id, name, techniques, effect, tier, citation, file:line.",
        description = {
            "The rules are grouped by concern (classification, exclusions, cautions, favouring factors, candidacy); "
                    + "each undecided twin, which names the unknown facts that leave its rule undecided, is listed "
                    + "under its rule. Without --rules, lists the bundled rules.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  mlt-rules rules                              the bundled rules, for reading",
            "  mlt-rules rules --rules my-rules --format csv > catalogue.csv",
            "",
            "Exit status: 0 listed; 2 usage error; 4 the rules are unusable."
        })
final class RulesCommand implements Callable<Integer> {
    /** Output layouts. */
    enum Format { text, json, csv }

    static final String CSV_HEADER = "concern,id,name,techniques,effect,tier,undecided,flag,level,text,evidence,file,line\n";

    @ParentCommand
    MltRulesCommand parent;

    @Mixin
    RulesOption rules;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default, grouped for reading), json (one object), csv (one row per rule).")
    Format format;

    @Override
    public Integer call() {
        Main.Io io = parent.io();
        RuleCatalogue catalogue = RuleCatalogue.of(rules.load(io));
        try {
            Writer w = new OutputStreamWriter(io.out(), StandardCharsets.UTF_8);
            switch (format) {
                case text -> w.write(catalogue.renderText());
                case csv -> w.write(csv(catalogue));
                case json -> json(catalogue, w);
            }
            w.flush();
        } catch (IOException e) {
            throw Main.outputFailed(e);
        }
        return Main.OK;
    }

    static String csv(RuleCatalogue c) {
        StringBuilder b = new StringBuilder(32_768).append(CSV_HEADER);
        for (RuleCatalogue.Entry e : c.entries()) {
            b.append(e.concern()).append(',').append(CsvReport.field(e.id())).append(',')
                    .append(CsvReport.field(e.name())).append(',').append(CsvReport.field(techniques(e))).append(',')
                    .append(e.effect()).append(',').append(e.tier() == null ? "" : e.tier().name()).append(',')
                    .append(e.undecided()).append(',').append(e.flag() == null ? "" : e.flag().name()).append(',')
                    .append(e.level() == null ? "" : e.level().name()).append(',')
                    .append(CsvReport.field(e.text())).append(',').append(CsvReport.field(e.citation())).append(',')
                    .append(e.file() == null ? "" : CsvReport.field(e.file())).append(',')
                    .append(e.file() == null ? "" : Integer.toString(e.line())).append('\n');
        }
        return b.toString();
    }

    /** The techniques in the fixed order, separated by {@code ;}. */
    private static String techniques(RuleCatalogue.Entry e) {
        return String.join(";", e.techniques().stream().sorted().map(Technique::name).toList());
    }

    private static void json(RuleCatalogue c, Writer w) throws IOException {
        JsonFactory f = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
        try (JsonGenerator g = f.createGenerator(w)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeObjectFieldStart("rules");
            g.writeStringField("name", c.ruleSet().name());
            g.writeStringField("version", c.ruleSet().version());
            g.writeStringField("fingerprint", c.ruleSet().fingerprint());
            g.writeEndObject();
            g.writeArrayFieldStart("catalogue");
            for (RuleCatalogue.Entry e : c.entries()) {
                g.writeStartObject();
                g.writeStringField("concern", e.concern().name());
                g.writeStringField("id", e.id());
                g.writeStringField("name", e.name());
                g.writeArrayFieldStart("techniques");
                for (Technique t : e.techniques().stream().sorted().toList()) {
                    g.writeString(t.name());
                }
                g.writeEndArray();
                g.writeStringField("effect", e.effect().isEmpty() ? null : e.effect());
                g.writeStringField("tier", e.tier() == null ? null : e.tier().name());
                g.writeBooleanField("undecided", e.undecided());
                g.writeStringField("flag", e.flag() == null ? null : e.flag().name());
                g.writeStringField("level", e.level() == null ? null : e.level().name());
                g.writeStringField("text", e.text());
                g.writeStringField("evidence", e.citation());
                g.writeArrayFieldStart("evidenceKeys");
                for (String k : e.evidenceKeys()) {
                    g.writeString(k);
                }
                g.writeEndArray();
                g.writeStringField("file", e.file());
                if (e.file() == null) {
                    g.writeNullField("line");
                } else {
                    g.writeNumberField("line", e.line());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        w.write('\n');
    }
}
