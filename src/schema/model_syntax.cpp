// parse_model_syntax: lavaan-style model text -> constructs, paths, HOCs, interaction terms.
// A hand-written tokenizer and a recursive-descent parser, so every error can name its line and
// column (and the fuzz target fuzz/fuzz_model_syntax.cpp has no hidden recursion to exhaust).
#include "csikit/model_syntax.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

CSIKIT_NAMESPACE_BEGIN

const char* to_string(hoc_approach a) noexcept {
    switch (a) {
        case hoc_approach::repeated_indicators: return "repeated_indicators";
        case hoc_approach::two_stage: return "two_stage";
        case hoc_approach::embedded_two_stage: return "embedded_two_stage";
    }
    return "";
}

const char* to_string(interaction_approach a) noexcept {
    switch (a) {
        case interaction_approach::product_indicator: return "product_indicator";
        case interaction_approach::two_stage: return "two_stage";
        case interaction_approach::orthogonal: return "orthogonal";
    }
    return "";
}

namespace {

enum class tok { name, reflective, formative, regress, plus, colon, end_stmt, directive, eof };

struct token {
    tok kind = tok::eof;
    std::string text;
    std::size_t line = 1, column = 1;
};

const char* describe_c(tok k) {
    switch (k) {
        case tok::name: return "a name";
        case tok::reflective: return "\"=~\"";
        case tok::formative: return "\"<~\"";
        case tok::regress: return "\"~\"";
        case tok::plus: return "\"+\"";
        case tok::colon: return "\":\"";
        case tok::end_stmt: return "the end of the statement";
        case tok::directive: return "a directive";
        case tok::eof: return "the end of the text";
    }
    return "";
}

std::string describe(tok k) { return describe_c(k); }

/// Characters that end a name. Everything else (letters of any script, digits, '_', '.', '-')
/// is part of one, as item ids in schemas are free text.
bool is_delimiter(unsigned char c) {
    return c <= ' ' || c == '+' || c == ':' || c == '#' || c == ';' || c == '~' || c == '=' || c == '<' ||
           c == '\\' || c == '*' || c == '(' || c == ')' || c == ',' || c == '@' || c == '"' || c == '\'' || c == 0x7f;
}

std::string show(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c < 0x20 || c == 0x7f) {
            static const char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

class lexer {
public:
    lexer(std::string_view text, const std::string& source) : t_(text), source_(source) {}

    std::vector<token> run() {
        std::vector<token> out;
        while (true) {
            token k = next();
            const bool done = k.kind == tok::eof;
            // Collapse runs of statement ends; they carry no meaning.
            if (!(k.kind == tok::end_stmt && !out.empty() && out.back().kind == tok::end_stmt)) out.push_back(std::move(k));
            if (out.size() > 4 * max_model_syntax_terms)
                fail("the model has more than " + std::to_string(max_model_syntax_terms) +
                     " terms (the limit max_model_syntax_terms)");
            if (done) return out;
        }
    }

private:
    std::string_view t_;
    const std::string& source_;
    std::size_t i_ = 0, line_ = 1, col_ = 1;

    [[noreturn]] void fail(const std::string& what) const {
        throw parse_error(location{source_, line_, "column " + std::to_string(col_)}, what);
    }
    void advance() {
        if (t_[i_] == '\n') {
            ++line_;
            col_ = 1;
        } else if ((static_cast<unsigned char>(t_[i_]) & 0xC0) != 0x80) {
            ++col_;  // columns count characters, not UTF-8 continuation bytes
        }
        ++i_;
    }
    token make(tok k, std::string text = {}) const { return token{k, std::move(text), line_, col_}; }

    token next() {
        while (i_ < t_.size()) {
            const char c = t_[i_];
            if (c == '#') {
                while (i_ < t_.size() && t_[i_] != '\n') advance();
            } else if (c == '\\') {
                // Line continuation: a backslash, optional blanks, then the line end.
                std::size_t j = i_ + 1;
                while (j < t_.size() && (t_[j] == ' ' || t_[j] == '\t' || t_[j] == '\r')) ++j;
                if (j < t_.size() && t_[j] != '\n') fail("a backslash continues a line only at its end (expected a line end after it)");
                while (i_ < j) advance();
                if (i_ < t_.size()) advance();
            } else if (c == '\n' || c == ';') {
                token k = make(tok::end_stmt);
                advance();
                return k;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
                advance();
            } else if (zero_width_at(i_)) {
                // U+FEFF past the start (a BOM pasted mid-text) is blank, so no name holds an
                // invisible character that would not survive being written out and read back.
                for (int b = 0; b < 3; ++b) advance();
            } else {
                break;
            }
        }
        if (i_ >= t_.size()) return make(tok::eof);
        const char c = t_[i_];
        auto two = [&](char second) { return i_ + 1 < t_.size() && t_[i_ + 1] == second; };
        auto op = [&](tok k, int width) {
            token out = make(k);
            for (int w = 0; w < width; ++w) advance();
            return out;
        };
        if (c == '=' && two('~')) return op(tok::reflective, 2);
        if (c == '<' && two('~')) return op(tok::formative, 2);
        if (c == '~') {
            if (two('~')) fail("\"~~\" (covariances) is not part of a PLS model (expected \"=~\", \"<~\" or \"~\")");
            return op(tok::regress, 1);
        }
        if (c == '+') return op(tok::plus, 1);
        if (c == ':') {
            if (two('=')) fail("\":=\" (defined parameters) is not supported (expected a name)");
            return op(tok::colon, 1);
        }
        if (c == '*') fail("labels and fixed values (lavaan's a*x) are not supported (expected a name)");
        if (c == '@') {
            token out = make(tok::directive);
            advance();
            out.text = read_name();
            if (out.text.empty()) fail("expected a directive name after \"@\" (higher_order or interaction)");
            return out;
        }
        if (c == '"' || c == '\'') fail("quoted names are not supported (expected a name without quotes)");
        if (is_delimiter(static_cast<unsigned char>(c))) {
            std::string what = "unexpected character " + show(std::string(1, c));
            if (c == '=') what += " (expected \"=~\")";
            else if (c == '<') what += " (expected \"<~\")";
            else what += " (expected a name or an operator)";
            fail(what);
        }
        token out = make(tok::name);
        out.text = read_name();
        return out;
    }

    bool zero_width_at(std::size_t i) const { return t_.substr(i, 3) == "\xEF\xBB\xBF"; }

    std::string read_name() {
        const std::size_t from = i_;
        while (i_ < t_.size() && !is_delimiter(static_cast<unsigned char>(t_[i_])) && !zero_width_at(i_)) advance();
        return std::string(t_.substr(from, i_ - from));
    }
};

/// A name as written, with where it was.
struct term {
    std::string name;
    std::string moderator;  ///< non-empty for X:M
    std::size_t line = 0, column = 0;
};

struct statement {
    term lhs;
    tok op = tok::reflective;
    std::vector<term> rhs;
};

class parser {
public:
    parser(std::vector<token> toks, const std::string& source) : k_(std::move(toks)), source_(source) {}

    model_syntax run() {
        while (peek().kind != tok::eof) {
            if (peek().kind == tok::end_stmt) {
                ++i_;
                continue;
            }
            if (peek().kind == tok::directive) {
                directive();
                continue;
            }
            statements_.push_back(parse_statement());
        }
        return resolve();
    }

private:
    std::vector<token> k_;
    const std::string& source_;
    std::size_t i_ = 0;
    std::vector<statement> statements_;
    hoc_approach hoc_ = hoc_approach::two_stage;
    interaction_approach inter_ = interaction_approach::product_indicator;
    std::vector<problem> problems_;
    struct categorical_mark {
        std::string id, reference;
        std::size_t line = 0, column = 0;
    };
    std::vector<categorical_mark> categorical_;

    const token& peek(std::size_t ahead = 0) const {
        const std::size_t j = std::min(i_ + ahead, k_.size() - 1);
        return k_[j];
    }
    [[noreturn]] void fail_at(const token& t, const std::string& what) const {
        throw parse_error(location{source_, t.line, "column " + std::to_string(t.column)}, what);
    }
    void problem_at(std::size_t line, std::size_t column, const std::string& what) {
        problems_.push_back(problem{location{source_, line, "column " + std::to_string(column)}, what});
    }

    void directive() {
        const token d = k_[i_++];
        if (peek().kind != tok::name)
            fail_at(peek(), std::string(d.text == "categorical" ? "expected a construct after @" : "expected the approach after @") + d.text +
                                ", got " + describe(peek().kind));
        const token v = k_[i_++];
        if (d.text == "higher_order") {
            if (v.text == "repeated_indicators") hoc_ = hoc_approach::repeated_indicators;
            else if (v.text == "two_stage") hoc_ = hoc_approach::two_stage;
            else if (v.text == "embedded_two_stage") hoc_ = hoc_approach::embedded_two_stage;
            else fail_at(v, "unknown higher-order approach " + show(v.text) + " (expected repeated_indicators, two_stage or embedded_two_stage)");
        } else if (d.text == "interaction") {
            if (v.text == "product_indicator") inter_ = interaction_approach::product_indicator;
            else if (v.text == "two_stage") inter_ = interaction_approach::two_stage;
            else if (v.text == "orthogonal") inter_ = interaction_approach::orthogonal;
            else fail_at(v, "unknown interaction approach " + show(v.text) + " (expected product_indicator, two_stage or orthogonal)");
        } else if (d.text == "categorical") {
            // @categorical ID [REFERENCE]: resolved once every construct is known.
            categorical_mark mark{v.text, {}, v.line, v.column};
            if (peek().kind == tok::name) mark.reference = k_[i_++].text;
            categorical_.push_back(std::move(mark));
        } else {
            fail_at(d, "unknown directive @" + d.text + " (expected @higher_order, @interaction or @categorical)");
        }
        if (peek().kind != tok::end_stmt && peek().kind != tok::eof)
            fail_at(peek(), "expected the end of the directive, got " + describe(peek().kind));
    }

    /// Skips line ends where the statement must go on (after an operator or '+').
    void skip_ends() {
        while (peek().kind == tok::end_stmt) ++i_;
    }

    term parse_term(bool allow_interaction) {
        skip_ends();
        const token& t = peek();
        if (t.kind != tok::name) fail_at(t, "expected a name, got " + std::string(describe(t.kind)));
        term out{t.text, {}, t.line, t.column};
        ++i_;
        if (peek().kind == tok::colon) {
            if (!allow_interaction)
                fail_at(peek(), "an interaction term (\":\") may only stand on the right of \"~\" (expected \"+\" or a line end)");
            ++i_;
            skip_ends();
            if (peek().kind != tok::name) fail_at(peek(), "expected the moderator's name after \":\", got " + std::string(describe(peek().kind)));
            out.moderator = peek().text;
            ++i_;
            if (peek().kind == tok::colon) fail_at(peek(), "three-way interactions are not supported (expected \"+\" or a line end)");
        }
        return out;
    }

    statement parse_statement() {
        statement s;
        s.lhs = parse_term(false);
        const token& op = peek();
        if (op.kind != tok::reflective && op.kind != tok::formative && op.kind != tok::regress)
            fail_at(op, "expected \"=~\", \"<~\" or \"~\" after " + show(s.lhs.name) + ", got " + describe(op.kind));
        s.op = op.kind;
        ++i_;
        const bool structural = s.op == tok::regress;
        s.rhs.push_back(parse_term(structural));
        while (true) {
            // A '+' at the start of the next line continues the statement.
            std::size_t j = i_;
            while (k_[j].kind == tok::end_stmt) ++j;
            if (k_[j].kind != tok::plus) break;
            i_ = j + 1;
            s.rhs.push_back(parse_term(structural));
            if (s.rhs.size() > max_model_syntax_terms)
                fail_at(peek(), "a statement has more than " + std::to_string(max_model_syntax_terms) +
                                    " terms (the limit max_model_syntax_terms)");
        }
        const token& end = peek();
        if (end.kind != tok::end_stmt && end.kind != tok::eof)
            fail_at(end, "expected \"+\" or the end of the statement, got " + std::string(describe(end.kind)) +
                             (end.kind == tok::name ? " " + show(end.text) : ""));
        return s;
    }

    static std::string where(const term& t) {
        return "line " + std::to_string(t.line) + ", column " + std::to_string(t.column);
    }

    model_syntax resolve() {
        model_syntax m;
        // Measurement statements define constructs; remember where each was defined.
        std::map<std::string, const statement*> defined;
        for (const auto& s : statements_) {
            if (s.op == tok::regress) continue;
            auto [it, fresh] = defined.emplace(s.lhs.name, &s);
            if (!fresh) problem_at(s.lhs.line, s.lhs.column, "construct " + show(s.lhs.name) + " is defined twice (first at " + where(it->second->lhs) + ")");
        }
        std::set<std::string> hoc_ids;
        for (const auto& s : statements_) {
            if (s.op == tok::regress || defined.at(s.lhs.name) != &s) continue;
            std::size_t constructs = 0;
            for (const auto& r : s.rhs) constructs += defined.count(r.name) && r.name != s.lhs.name;
            const outer_mode mode = s.op == tok::formative ? outer_mode::B : outer_mode::A;
            std::set<std::string> seen;
            for (const auto& r : s.rhs)
                if (!seen.insert(r.name).second)
                    problem_at(r.line, r.column, show(r.name) + " is listed twice in construct " + show(s.lhs.name));
            if (constructs == 0) {
                construct c;
                c.id = s.lhs.name;
                c.mode = mode;
                for (const auto& r : s.rhs) c.items.push_back(r.name);
                m.constructs.push_back(std::move(c));
                continue;
            }
            if (constructs != s.rhs.size()) {
                for (const auto& r : s.rhs)
                    if (r.name == s.lhs.name)
                        problem_at(r.line, r.column, "construct " + show(r.name) + " is defined over itself");
                    else if (!defined.count(r.name))
                        problem_at(r.line, r.column, "higher-order construct " + show(s.lhs.name) + " mixes constructs and the item " + show(r.name) +
                                                         " (expected only constructs defined with =~ or <~)");
                continue;
            }
            if (s.rhs.size() < 2)
                problem_at(s.lhs.line, s.lhs.column, "higher-order construct " + show(s.lhs.name) + " has one lower-order construct " + show(s.rhs[0].name) +
                                                         " (expected at least two)");
            higher_order_construct h;
            h.id = s.lhs.name;
            h.mode = mode;
            h.approach = hoc_;
            for (const auto& r : s.rhs) {
                if (r.name == s.lhs.name) problem_at(r.line, r.column, "construct " + show(r.name) + " is defined over itself");
                h.components.push_back(r.name);
            }
            hoc_ids.insert(h.id);
            m.higher_order.push_back(std::move(h));
        }
        // @categorical marks: a first-order construct over one column becomes categorical.
        std::set<std::string> marked;
        for (const auto& k : categorical_) {
            auto it = std::find_if(m.constructs.begin(), m.constructs.end(), [&](const construct& c) { return c.id == k.id; });
            if (!marked.insert(k.id).second) {
                problem_at(k.line, k.column, "construct " + show(k.id) + " is marked @categorical twice");
            } else if (it == m.constructs.end()) {
                problem_at(k.line, k.column, "@categorical " + show(k.id) + ": " +
                                                 (hoc_ids.count(k.id) ? "a higher-order construct" : "unknown construct") +
                                                 " (expected a construct defined as " + k.id + " =~ column)");
            } else if (it->items.size() != 1) {
                problem_at(k.line, k.column, "@categorical " + show(k.id) + ": the construct has " + std::to_string(it->items.size()) +
                                                 " indicators (expected one column of categories)");
            } else {
                m.categorical.push_back(categorical_construct{it->id, it->items[0], k.reference, it->label});
                m.constructs.erase(it);
            }
        }
        for (const auto& h : m.higher_order)
            for (const auto& c : h.components)
                if (hoc_ids.count(c))
                    problem_at(defined.at(h.id)->lhs.line, defined.at(h.id)->lhs.column,
                               "higher-order construct " + show(h.id) + " is defined over the higher-order construct " + show(c) +
                                   " (expected second-order constructs over first-order ones)");
        // Structural statements: every name a construct, X:M (or X.M) an interaction term.
        std::map<std::string, std::size_t> interaction_of;
        std::set<std::pair<std::string, std::string>> seen_paths;
        auto known = [&](const std::string& id) { return defined.count(id) != 0; };
        auto interaction = [&](const term& r, const std::string& x, const std::string& z) -> std::optional<std::string> {
            bool ok = true;
            for (const auto& id : {x, z})
                if (!known(id)) problem_at(r.line, r.column, "interaction " + show(x + ":" + z) + ": unknown construct " + show(id) +
                                                                 " (expected a construct defined with =~ or <~)"), ok = false;
            if (!ok) return std::nullopt;
            if (x == z) {
                problem_at(r.line, r.column, "interaction " + show(x + ":" + z) + " of a construct with itself (expected two constructs)");
                return std::nullopt;
            }
            const std::string id = x + "*" + z;
            if (!interaction_of.count(id)) {
                interaction_of[id] = m.interactions.size();
                m.interactions.push_back(interaction_term{id, x, z, inter_});
            }
            return id;
        };
        for (const auto& s : statements_) {
            if (s.op != tok::regress) continue;
            if (!s.lhs.moderator.empty() || !known(s.lhs.name)) {
                problem_at(s.lhs.line, s.lhs.column, "unknown construct " + show(s.lhs.name) + " on the left of \"~\" (expected a construct defined with =~ or <~)");
                continue;
            }
            for (const auto& r : s.rhs) {
                std::optional<std::string> from;
                if (!r.moderator.empty()) {
                    from = interaction(r, r.name, r.moderator);
                } else if (known(r.name)) {
                    from = r.name;
                } else if (auto dot = r.name.find('.'); dot != std::string::npos && known(r.name.substr(0, dot)) &&
                                                         known(r.name.substr(dot + 1))) {
                    from = interaction(r, r.name.substr(0, dot), r.name.substr(dot + 1));  // CUSA.SC
                } else {
                    problem_at(r.line, r.column, "unknown construct " + show(r.name) + " in the paths of " + show(s.lhs.name) +
                                                     " (expected a construct defined with =~ or <~, or X:M)");
                }
                if (!from) continue;
                if (!seen_paths.insert({*from, s.lhs.name}).second) {
                    problem_at(r.line, r.column, "duplicate path " + *from + " -> " + s.lhs.name);
                    continue;
                }
                m.paths.push_back(path{*from, s.lhs.name});
            }
        }
        if (!problems_.empty()) throw schema_error(problems_);
        if (m.constructs.empty() && !statements_.empty())
            throw schema_error(location{source_, 1, ""}, "the model defines no construct over items (expected NAME =~ item + item)");
        if (statements_.empty()) throw parse_error(location{source_, 1, ""}, "the model is empty (expected statements such as IMAG =~ IMAG1 + IMAG2)");
        return m;
    }
};

}  // namespace

model_syntax parse_model_syntax(std::string_view text, const std::string& source) {
    if (text.size() > max_model_syntax_bytes)
        throw parse_error(location{source, 0, ""}, "the model text has " + std::to_string(text.size()) +
                                                       " bytes, more than the limit max_model_syntax_bytes (16 MiB)");
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM
    return parser(lexer(text, source).run(), source).run();
}

std::string to_model_syntax(const model_syntax& m) {
    std::string out;
    auto list = [&](const std::vector<std::string>& xs) {
        for (std::size_t i = 0; i < xs.size(); ++i) out += (i ? " + " : "") + xs[i];
    };
    if (!m.higher_order.empty()) out += std::string("@higher_order ") + to_string(m.higher_order[0].approach) + "\n";
    if (!m.interactions.empty()) out += std::string("@interaction ") + to_string(m.interactions[0].approach) + "\n";
    for (const auto& c : m.categorical)
        out += "@categorical " + c.id + (c.reference.empty() ? "" : " " + c.reference) + "\n" + c.id + " =~ " + c.column + "\n";
    for (const auto& c : m.constructs) {
        out += c.id + (c.mode == outer_mode::B ? " <~ " : " =~ ");
        list(c.items);
        out += "\n";
    }
    for (const auto& h : m.higher_order) {
        out += h.id + (h.mode == outer_mode::B ? " <~ " : " =~ ");
        list(h.components);
        out += "\n";
    }
    std::map<std::string, std::string> inter;
    for (const auto& x : m.interactions) inter[x.id] = x.predictor + ":" + x.moderator;
    for (const auto& p : m.paths) {
        auto it = inter.find(p.from);
        out += p.to + " ~ " + (it != inter.end() ? it->second : p.from) + "\n";
    }
    return out;
}

CSIKIT_NAMESPACE_END
