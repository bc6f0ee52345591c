// `csikit import FILE --schema-out schema.json [--lang zh|en] [--sheet NAME] [--json]`: drafts a
// schema from a data file (csikit/draft.hpp), writes it, and prints what was guessed and what
// the analyst must check. --json prints the draft's one serializer's JSON.
#include "cli.hpp"
#include "data_args.hpp"
#include "output_file.hpp"

#include <csikit/draft.hpp>
#include <csikit/report.hpp>
#include <csikit/text.hpp>

#include <ostream>

namespace {

int run_import(const csikit_cli::args& a, std::ostream& out, std::ostream&) {
    if (a.positional().size() != 1)
        throw csikit::argument_error({{}, 0, "FILE"}, "expected one data file (csikit import FILE --schema-out schema.json)");
    const std::string path = a.positional()[0];
    csikit::draft_options o;
    o.language = a.get("lang").value_or("en");
    csikit_cli::apply_data_options(a, o.read);
    const csikit::schema_draft d = csikit::draft_schema(path, o);
    const std::string schema_out = a.require("schema-out");
    csikit_cli::write_output_file(schema_out, csikit::to_json_text(d.schema) + "\n", "the schema");
    if (a.has("json")) {
        out << csikit::to_json(d) << "\n";
        return 0;
    }
    const bool zh = o.language == "zh";
    const csikit::survey& s = d.schema;
    out << (zh ? "文件         " : "file         ") << path << " (" << d.format << ", " << d.respondents
        << (zh ? " 份答卷)\n" : " respondents)\n");
    out << (zh ? "草拟结构     " : "schema draft ") << schema_out << "\n";
    out << (zh ? "题目         " : "items        ") << s.items.size() << (zh ? "，量表 " : ", scales ") << s.scales.size() << "\n";
    if (!s.weight_column.empty()) out << (zh ? "权重         " : "weights      ") << s.weight_column << "\n";
    if (!s.segment_columns.empty()) {
        out << (zh ? "分组列       " : "segments     ");
        for (std::size_t k = 0; k < s.segment_columns.size(); ++k) out << (k ? ", " : "") << s.segment_columns[k];
        out << "\n";
    }
    for (const char* kind : {"guess", "check"}) {
        bool any = false;
        for (const auto& n : d.notes) {
            if (n.kind != kind) continue;
            if (!any)
                out << "\n" << (std::string(kind) == "guess" ? (zh ? "推断：" : "guessed:") : (zh ? "请核对：" : "to check:")) << "\n";
            any = true;
            out << "  " << (n.column.empty() ? std::string("*") : csikit::escape_control(n.column)) << ": "
                << csikit::escape_control(n.text) << "\n";
        }
    }
    return 0;
}

}  // namespace

CSIKIT_COMMAND({"import", "draft a schema from a data file (SPSS, Stata, Excel, CSV)",
                "usage: csikit import FILE --schema-out SCHEMA.json [--lang zh|en] [--encoding NAME] [--header-rows N]\n"
                "                    [--sheet NAME] [--json]\n\n"
                "Drafts a schema from FILE (.sav/.zsav, .dta, .xlsx or CSV, told by its first bytes):\n"
                "variable labels become item texts, value-label sets scales (min, max, labels), user-missing\n"
                "codes missing codes (kind guessed from the label: 不知道/don't know, 拒答/refused,\n"
                "不适用/not applicable), nominal variables segment columns, the weight variable the weights.\n"
                "From CSV or Excel, scales come from the observed values and codes such as 9, 99 or -99 that\n"
                "stand apart from the scale are flagged. A CSV is read as --data is: its encoding, and the\n"
                "Qualtrics, SurveyMonkey and 问卷星 layouts (a Qualtrics question row gives the item texts).\n"
                "Prints what was guessed and what to check.\n"
                "  --schema-out FILE   where to write the drafted schema (required)\n"
                "  --lang zh|en        language of the labels and of the notes (default en)\n"
                "  --encoding NAME     CSV: utf-8, utf-16, gbk, gb18030, latin-1, cp1252 (default: detect)\n"
                "  --header-rows N     CSV: header rows above the data (default: detect the platform)\n"
                "  --sheet NAME        Excel: the sheet to read (default the first)\n"
                "  --json              print the draft with its notes as JSON\n"
                "Exit status: 0 drafted, 2 the file cannot be read.",
                run_import, csikit_cli::with_data_options({{"schema-out", "lang"}, {"json"}})});
