// SQL only with bound parameters: scans the sources for statements whose text is built from
// values. A statement built with operator+, fmt::format / std::format, or streamed into a
// session with `<<` may only splice in string literals and the expressions allow-listed below
// (identifiers from the schema, placeholder names, integers); every value travels through
// soci::use. SQL text outside db/ fails outright (db/ is the only place with SQL).
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// --- A small C++ lexer: enough to see literals, identifiers and operators -------------------

enum class Kind { str, word, punct };
struct Token {
    Kind kind;
    std::string text;  // a Str holds the literal's content (adjacent literals joined)
    int line;
};

std::vector<Token> lex(const std::string& src) {
    std::vector<Token> out;
    int line = 1;
    std::size_t i = 0, n = src.size();
    bool line_start = true;
    auto push_str = [&](std::string content, int at) {
        if (!out.empty() && out.back().kind == Kind::str)
            out.back().text += content;  // "a" "b" is one literal
        else
            out.push_back({Kind::str, std::move(content), at});
    };
    while (i < n) {
        char c = src[i];
        if (c == '\n') {
            ++line;
            ++i;
            line_start = true;
            continue;
        }
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        if (line_start && c == '#') {  // preprocessor line (with continuations)
            while (i < n && src[i] != '\n') {
                if (src[i] == '\\' && i + 1 < n && src[i + 1] == '\n') {
                    ++line;
                    ++i;
                }
                ++i;
            }
            continue;
        }
        line_start = false;
        if (src.compare(i, 2, "//") == 0) {
            while (i < n && src[i] != '\n') ++i;
            continue;
        }
        if (src.compare(i, 2, "/*") == 0) {
            std::size_t end = src.find("*/", i + 2);
            end = end == std::string::npos ? n : end + 2;
            line +=
                static_cast<int>(std::count(src.begin() + static_cast<std::ptrdiff_t>(i),
                                            src.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
            i = end;
            continue;
        }
        if (c == 'R' && i + 1 < n && src[i + 1] == '"') {  // raw string R"delim(...)delim"
            std::size_t open = src.find('(', i + 2);
            std::string delim = ")" + src.substr(i + 2, open - i - 2) + "\"";
            std::size_t end = src.find(delim, open);
            std::string content = src.substr(open + 1, end - open - 1);
            int at = line;
            line += static_cast<int>(std::count(content.begin(), content.end(), '\n'));
            push_str(content, at);
            i = end + delim.size();
            continue;
        }
        if (c == '"') {
            std::string content;
            ++i;
            while (i < n && src[i] != '"') {
                if (src[i] == '\\' && i + 1 < n) content += src[i++];
                content += src[i++];
            }
            ++i;
            push_str(content, line);
            continue;
        }
        if (c == '\'') {  // character literal (or digit separator: both skip harmlessly)
            ++i;
            while (i < n && src[i] != '\'') {
                if (src[i] == '\\') ++i;
                ++i;
            }
            ++i;
            out.push_back({Kind::word, "'c'", line});
            continue;
        }
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
            std::size_t b = i;
            while (i < n && (std::isalnum(static_cast<unsigned char>(src[i])) || src[i] == '_'))
                ++i;
            std::string word = src.substr(b, i - b);
            // u8"..", L"..": the prefix belongs to the literal.
            if (i < n && src[i] == '"' &&
                (word == "u8" || word == "L" || word == "u" || word == "U"))
                continue;
            out.push_back({Kind::word, word, line});
            continue;
        }
        static const char* const kOps[] = {"<<=", ">>=", "<<", ">>", "+=", "-=", "::", "->",
                                           "==",  "!=",  "<=", ">=", "&&", "||", "++", "--"};
        std::string op(1, c);
        for (const char* o : kOps)
            if (src.compare(i, std::strlen(o), o) == 0) {
                op = o;
                break;
            }
        out.push_back({Kind::punct, op, line});
        i += op.size();
    }
    return out;
}

// --- What counts as SQL, and what may be spliced into it ----------------------------------

// Outside db/ only keywords count: "{} = {}" is common in messages there, and any SQL statement
// outside db/ is refused anyway.
bool g_keywords_only = false;

bool looks_like_sql(const std::string& literal) {
    static const std::regex kSql(
        R"(\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE|DROP|ALTER|WHERE|FROM|JOIN|ORDER BY|)"
        R"(GROUP BY|LIMIT|OFFSET|VALUES|PRAGMA|COPY|LIKE|MATCH|AND|OR|IN|SET|BEGIN|COMMIT|)"
        R"(ROLLBACK|ESCAPE|BIGINT|INTEGER|PRIMARY KEY|GRANT|REVOKE)\b)");
    // A comparison with a placeholder ("chain = {}") or a quoted one ('{}') is a WHERE
    // condition being assembled, keywords or not.
    static const std::regex kCondition(R"(\s(=|<>|!=|<|>|<=|>=)\s+\{\}|'\{[^}]*\}')");
    return std::regex_search(literal, kSql) ||
           (!g_keywords_only && std::regex_search(literal, kCondition));
}

// A literal that is a whole statement on its own: only db/ may have those.
bool is_sql_statement(const std::string& literal) {
    static const std::regex kStatement(
        R"(^\s*(SELECT\s.+\sFROM\s|INSERT INTO\s|UPDATE\s+\w+\s+SET\s|DELETE FROM\s|CREATE (TABLE|INDEX|TRIGGER)\s|PRAGMA\s+\w))");
    return std::regex_search(literal, kStatement);
}

struct Finding {
    std::string file;
    int line;
    std::string operand;
    std::string why;
    std::string to_string() const {
        return file + ":" + std::to_string(line) + ": " + why + ": " + operand;
    }
};

struct Allowed {
    const char* file;     // path under the source root
    const char* operand;  // the spliced expression, spaces removed between punctuation
    const char* why;
};

// Every expression spliced into SQL text in the product, and why it cannot carry a value.
// An entry no longer matched fails the test too, so the list stays exact.
const Allowed kAllowed[] = {
    // The audit columns and the WHERE / ORDER BY tails are literals chosen by the callers in
    // the same file; the only number spliced is LIMIT's, a std::size_t.
    {"db/src/audit_repository.cpp", "kColumns", "constant column list"},
    {"db/src/audit_repository.cpp", "where_order", "literal tails passed by history/recent/verify"},
    {"db/src/audit_repository.cpp", "limit", "std::size_t row count"},
    {"db/src/audit_repository.cpp", "payloads?\", payload\":\"\"",
     "a literal column name or nothing"},
    // Bulk insert: the table and column names come from the repository's constant schema
    // description; the markers are "?" / "$n" text generated here.
    {"db/src/bulk_insert.cpp", "table", "table name from the repository's constant schema"},
    {"db/src/bulk_insert.cpp", "column_list(columns)", "column names from the constant schema"},
    {"db/src/bulk_insert.cpp", "marks", "generated \"?\" markers"},
    // Firm queries: a WHERE clause of conditions whose every value is a named placeholder
    // (Where::param binds the value and returns ":pN"); ORDER BY from a closed enum; numbers.
    {"db/src/firm_query.cpp", "(sql.empty()?\" WHERE \":\" AND \")", "choice between two literals"},
    {"db/src/firm_query.cpp", "condition", "condition text built below from placeholders only"},
    {"db/src/firm_query.cpp", "kDenseMatches+1", "integer constant"},
    {"db/src/firm_query.cpp", "pattern", "placeholder name from Where::param"},
    {"db/src/firm_query.cpp", "from", "placeholder name from Where::param"},
    {"db/src/firm_query.cpp", "to", "placeholder name from Where::param"},
    {"db/src/firm_query.cpp", "name", "condition text built from placeholders"},
    {"db/src/firm_query.cpp", "code", "condition text built from placeholders"},
    {"db/src/firm_query.cpp", "w.param(f.chain)", "placeholder name; the value is bound"},
    {"db/src/firm_query.cpp", "w.param(upper+\"%\")", "placeholder name; the value is bound"},
    {"db/src/firm_query.cpp", "w.param(like_escaped(f.region_prefix)+\"%\")",
     "placeholder name; the value is bound"},
    {"db/src/firm_query.cpp", "w.param(f.held_on.add_years(-*f.held_validity_years).to_string())",
     "placeholder name; the value is bound"},
    {"db/src/firm_query.cpp", "dir", "\" ASC\" or \" DESC\" from the sort direction"},
    {"db/src/firm_query.cpp", "w.sql", "WHERE clause of placeholders (see Where)"},
    {"db/src/firm_query.cpp", "order_of(sort)", "ORDER BY from the FirmSortKey enum"},
    {"db/src/firm_query.cpp", "at_most", "integer row cap"},
    {"db/src/firm_query.cpp", "limit", "integer page size"},
    {"db/src/firm_query.cpp", "offset", "integer page start"},
    {"db/src/firm_query.cpp", "kColumns", "constant column list"},
    {"db/src/firm_query.cpp", "in", "generated \":pN\" placeholder list"},
    // Backup and migration copy every table of the schema: identifiers cannot be bound, and
    // these are the table and column names the schema itself lists (sqlite_master /
    // PRAGMA table_info of a Ladder registry), never text a user typed.
    {"db/src/backup_store.cpp", "table", "table name read from the schema"},
    {"db/src/backup_store.cpp", "*it", "table name read from the schema"},
    {"db/src/backup_store.cpp", "column_list", "column names read from the schema"},
    {"db/src/backup_store.cpp", "params", "generated \":pN\" placeholder list"},
    // Repositories: column lists and table names are constants of the repository's record
    // types; the numbers are std::size_t chunk sizes.
    {"db/src/registry_repository.cpp", "kFirmColumns", "constant column list"},
    {"db/src/registry_repository.cpp", "figure_columns()",
     "column list from the compiled-in measures"},
    {"db/src/registry_repository.cpp", "kRecognitionColumns", "constant column list"},
    {"db/src/registry_repository.cpp", "kControlled", "constant subquery text"},
    {"db/src/registry_reader.cpp", "kFirmColumns", "constant column list"},
    {"db/src/registry_reader.cpp", "figure_columns()", "column list from the compiled-in measures"},
    {"db/src/registry_reader.cpp", "kRecognitionColumns", "constant column list"},
    {"db/src/registry_reader.cpp", "limit", "std::to_string of a std::size_t chunk size"},
    {"db/src/registry_rows.hpp", "columns", "constant column list of the record type"},
    {"db/src/registry_rows.hpp", "table", "constant table name of the record type"},
    {"db/src/registry_upsert.cpp", "table", "constant table name of the record type"},
    {"db/src/registry_upsert.cpp", "set_list", "\"<measure> = :vN\" from the compiled-in measures"},
    // The registry's proof from the trail: cursors named here, queries and column lists that
    // are constants of the same file (the measures compiled in), entity names from literals,
    // COLLATE "C" or nothing by backend, and a chunk size.
    {"db/src/registry_check_walk.hpp", "cursor_", "\"ladder_check_N\" generated here"},
    {"db/src/registry_check_walk.hpp",
     "fmt::format(\"DECLARE {} NO SCROLL CURSOR WITH HOLD FOR {}\",cursor_,query)",
     "a cursor named here over the constant queries of the registry check's callers"},
    {"db/src/registry_check_walk.hpp", "fmt::format(\"CLOSE {}\",cursor_)",
     "the cursor named here"},
    {"db/src/registry_check_walk.hpp", "kFetch", "integer chunk size"},
    {"db/src/registry_check_walk.hpp", "entity", "entity name from a literal of the callers"},
    {"db/src/registry_check_walk.hpp", "byte_order(db)", "COLLATE \"C\" or nothing, by backend"},
    {"db/src/registry_check_tables.cpp", "byte_order(db)", "COLLATE \"C\" or nothing, by backend"},
    {"db/src/registry_check_cycle.cpp", "byte_order(db)", "COLLATE \"C\" or nothing, by backend"},
    {"db/src/registry_check_tables.cpp", "columns", "column list from the compiled-in measures"},
    {"db/src/registry_check_applications.cpp", "order", "byte_order(db): COLLATE \"C\" or nothing"},
    {"db/src/user_repository.cpp", "kUserColumns", "constant column list"},
    {"db/src/user_repository.cpp", "lock_clause", "\" FOR UPDATE\" or nothing, by backend"},
    {"db/src/tally_repository.cpp", "column",
     "\"chain\" or \"region_code\" from the grouping enum"},
    {"db/src/tally_repository.cpp", "group_column(grouping)",
     "\"chain\" or \"region_code\" from the grouping enum"},
    {"db/src/tally_repository.cpp", "query",
     "constant recognitions join; its one spliced name is group_column(grouping)"},
    {"db/src/firm_query.cpp", "phrase", "placeholder name from Where::param"},
    {"db/src/firm_query.cpp", "tier", "placeholder name from Where::param"},
    {"db/src/firm_query.cpp", "open_to", "placeholder condition or \"1 = 1\""},
    // Migrations are SQL text compiled into the program.
    {"db/src/migrations.cpp", "kMeasures[i].id", "measure id from the compiled-in measure table"},
    {"db/src/migrations.cpp", "table", "table name from a compiled-in add_column migration"},
    {"db/src/migrations.cpp", "column", "column name from a compiled-in add_column migration"},
    {"db/src/migrations.cpp", "type", "column type from a compiled-in add_column migration"},
    {"db/src/migrations.cpp", "kAuditGenesisHash", "constant hash text"},
    {"db/src/migrations.cpp", "backend_sql(db.backend(),m.refuse_if)",
     "a migration's constant check query"},
    {"db/src/migrations.cpp", "backend_sql(db.backend(),std::string(text))",
     "compiled-in migration text"},
    // PostgreSQL roles: GRANT, REVOKE and SET ROLE take identifiers, never parameters. Each is
    // quoted by the server's own quote_ident, of a name it read from its catalogue (pg_roles,
    // pg_tables, current_schema()); the rights are constants of the table in the same file.
    {"db/src/migrations.cpp", "act_as", "owner role name quoted by quote_ident"},
    {"db/src/database_roles.cpp", "schema", "quote_ident(current_schema())"},
    {"db/src/database_roles.cpp", "quoted", "role name from pg_roles quoted by quote_ident"},
    {"db/src/database_roles.cpp", "identifier", "table name from pg_tables quoted by quote_ident"},
    {"db/src/database_roles.cpp", "rights", "constant privilege list of kApplicationRights"},
};

std::string operand_text(const std::vector<Token>& t, std::size_t b, std::size_t e) {
    std::string s;
    for (std::size_t k = b; k < e; ++k) {
        if (t[k].kind == Kind::str) {
            s += "\"" + t[k].text + "\"";
            continue;
        }
        bool word = t[k].kind == Kind::word;
        if (word && !s.empty() &&
            (std::isalnum(static_cast<unsigned char>(s.back())) || s.back() == '_'))
            s += ' ';
        s += t[k].text;
    }
    return s;
}

bool contains_sql(const std::vector<Token>& t, std::size_t b, std::size_t e) {
    for (std::size_t k = b; k < e; ++k)
        if (t[k].kind == Kind::str && looks_like_sql(t[k].text)) return true;
    return false;
}

bool is_open(const Token& t) {
    return t.kind == Kind::punct && (t.text == "(" || t.text == "[" || t.text == "{");
}
bool is_close(const Token& t) {
    return t.kind == Kind::punct && (t.text == ")" || t.text == "]" || t.text == "}");
}

// Index just past the bracket group opening at `k`.
std::size_t skip_group(const std::vector<Token>& t, std::size_t k, std::size_t e) {
    int depth = 0;
    for (; k < e; ++k) {
        if (is_open(t[k])) ++depth;
        if (is_close(t[k]) && --depth == 0) return k + 1;
    }
    return e;
}

// Splits [b, e) at the top-level tokens `sep` (nested groups stay whole).
std::vector<std::pair<std::size_t, std::size_t>> split(const std::vector<Token>& t, std::size_t b,
                                                       std::size_t e,
                                                       const std::set<std::string>& seps) {
    std::vector<std::pair<std::size_t, std::size_t>> parts;
    std::size_t start = b;
    for (std::size_t k = b; k < e;) {
        if (is_open(t[k])) {
            k = skip_group(t, k, e);
            continue;
        }
        if (t[k].kind == Kind::punct && seps.count(t[k].text)) {
            parts.emplace_back(start, k);
            start = k + 1;
        }
        ++k;
    }
    parts.emplace_back(start, e);
    return parts;
}

bool single_literal(const std::vector<Token>& t, std::size_t b, std::size_t e) {
    return e == b + 1 && t[b].kind == Kind::str;
}

bool session_like(const std::vector<Token>& t, std::size_t b, std::size_t e) {
    // `sql <<`, `db.impl().sql <<`, `to <<`, `from <<`, `(from.prepare <<`, `session <<`
    if (e == b) return false;
    const std::string& last = t[e - 1].text;
    return last == "sql" || last == "session" || last == "prepare" ||
           ((last == "to" || last == "from") && e == b + 1);
}

void scan_range(const std::string& file, const std::vector<Token>& t, std::size_t b, std::size_t e,
                std::vector<Finding>& out) {
    // Expressions at this level, between separators that end an operand chain.
    static const std::set<std::string> kBoundaries = {",",  ";",  "=",  "+=", "?",     ":",
                                                      "==", "!=", "&&", "||", "return"};
    auto report = [&](std::size_t ob, std::size_t oe, const std::string& why) {
        if (ob < oe) out.push_back({file, t[ob].line, operand_text(t, ob, oe), why});
    };
    // What follows `throw` is an exception message, not SQL.
    for (std::size_t k = b; k < e;) {
        if (t[k].kind == Kind::word && t[k].text == "throw") {
            e = k;
            break;
        }
        k = is_open(t[k]) ? skip_group(t, k, e) : k + 1;
    }
    for (auto [xb, xe] : split(t, b, e, kBoundaries)) {
        // `<<` binds looser than `+`: split at `<<` first, then each operand at `+`.
        auto shifts = split(t, xb, xe, {"<<"});
        for (auto [sb, se] : shifts) {
            // `+` chains containing an SQL literal: every other operand is spliced text.
            auto plus = split(t, sb, se, {"+"});
            if (plus.size() < 2) continue;
            bool sql = false;
            for (auto [pb, pe] : plus) sql = sql || contains_sql(t, pb, pe);
            if (sql)
                for (auto [pb, pe] : plus)
                    if (!single_literal(t, pb, pe)) report(pb, pe, "spliced into SQL with +");
        }
        // `<<` chains into a session, or carrying an SQL literal: each streamed operand is
        // statement text. Operands holding SQL literals are checked by the + and format rules.
        if (shifts.size() > 1) {
            bool sql = session_like(t, shifts[0].first, shifts[0].second);
            for (std::size_t k = 1; k < shifts.size(); ++k)
                sql = sql || contains_sql(t, shifts[k].first, shifts[k].second);
            if (sql)
                for (std::size_t k = 1; k < shifts.size(); ++k) {
                    auto [sb, se] = shifts[k];
                    if (!contains_sql(t, sb, se))
                        report(sb, se, "streamed into a SQL statement with <<");
                }
        }
    }
    // Format calls whose format string is SQL: every argument is spliced text.
    for (std::size_t k = b; k + 3 < e; k = is_open(t[k]) ? skip_group(t, k, e) : k + 1) {
        bool call = t[k].kind == Kind::word && (t[k].text == "fmt" || t[k].text == "std") &&
                    t[k + 1].text == "::" &&
                    (t[k + 2].text == "format" || t[k + 2].text == "format_to") &&
                    t[k + 3].text == "(";
        if (!call) continue;
        std::size_t open = k + 3, close = skip_group(t, open, e) - 1;
        auto args = split(t, open + 1, close, {","});
        std::size_t fmt_index = t[k + 2].text == "format_to" ? 1 : 0;
        if (args.size() <= fmt_index) continue;
        auto [fb, fe] = args[fmt_index];
        // fmt::runtime("...") or the literal itself
        bool sql_format =
            contains_sql(t, fb, fe) && (single_literal(t, fb, fe) || t[fb].text == "runtime");
        if (!sql_format) continue;
        for (std::size_t a = fmt_index + 1; a < args.size(); ++a)
            report(args[a].first, args[a].second, "formatted into SQL");
    }
    // Recurse into groups (call arguments, lambdas, blocks).
    for (std::size_t k = b; k < e;) {
        if (is_open(t[k])) {
            std::size_t end = skip_group(t, k, e);
            if (end - k > 2) scan_range(file, t, k + 1, end - 1, out);
            k = end;
        } else {
            ++k;
        }
    }
}

// Findings of one source text (path relative to the source root).
std::vector<Finding> scan_source(const std::string& file, const std::string& text) {
    std::vector<Token> t = lex(text);
    std::vector<Finding> found;
    // gettext messages are never SQL: drop `_("...")` literals before looking.
    for (std::size_t k = 0; k + 2 < t.size(); ++k)
        if (t[k].kind == Kind::word && t[k].text == "_" && t[k + 1].text == "(" &&
            t[k + 2].kind == Kind::str)
            t[k + 2].text.clear();
    bool in_db = file.rfind("db/", 0) == 0;
    g_keywords_only = !in_db;
    if (!in_db) {
        for (const auto& tok : t)
            if (tok.kind == Kind::str && is_sql_statement(tok.text))
                found.push_back({file, tok.line, "\"" + tok.text + "\"", "SQL outside db/"});
    }
    // Statements: split at top-level ';', '{' and '}' so each function body is scanned whole
    // once and blocks are scanned by recursion.
    std::size_t start = 0;
    int depth = 0;
    for (std::size_t k = 0; k <= t.size(); ++k) {
        bool end = k == t.size();
        if (!end && t[k].kind == Kind::punct) {
            if (t[k].text == "(" || t[k].text == "[") ++depth;
            if (t[k].text == ")" || t[k].text == "]") --depth;
            end = depth == 0 && (t[k].text == ";" || t[k].text == "{" || t[k].text == "}");
        }
        if (end) {
            scan_range(file, t, start, k, found);
            start = k + 1;
        }
    }
    return found;
}

fs::path source_root() {
    return fs::path(LADDER_TEST_DATA_DIR).parent_path().parent_path();
}

std::vector<Finding> scan_tree(std::set<std::pair<std::string, std::string>>* used) {
    std::vector<Finding> violations;
    fs::path root = source_root();
    for (const char* dir : {"model", "db", "app", "report"}) {
        for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
            auto ext = entry.path().extension();
            if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
            std::ifstream in(entry.path(), std::ios::binary);
            std::stringstream text;
            text << in.rdbuf();
            std::string rel = fs::relative(entry.path(), root).generic_string();
            for (auto& f : scan_source(rel, text.str())) {
                auto allowed = std::find_if(
                    std::begin(kAllowed), std::end(kAllowed),
                    [&](const Allowed& a) { return f.file == a.file && f.operand == a.operand; });
                if (allowed != std::end(kAllowed) && f.why != "SQL outside db/") {
                    used->emplace(allowed->file, allowed->operand);
                    continue;
                }
                violations.push_back(std::move(f));
            }
        }
    }
    return violations;
}

std::string joined(const std::vector<Finding>& findings) {
    std::string s;
    for (const auto& f : findings) s += f.to_string() + "\n";
    return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(statements_built_from_values_are_found) {
    // The forms an injection takes: each must be reported with the value it splices in.
    const std::string bad = R"cpp(
        void f(soci::session& sql, const std::string& name, const std::string& city, int year) {
            sql << "SELECT credit_code FROM firms WHERE name = '" + name + "'", soci::into(code);
            sql << fmt::format("DELETE FROM figures WHERE fiscal_year = {}", year);
            std::string q = "UPDATE firms SET city = '" + city + "'";
            st.prepare(std::format("SELECT * FROM firms WHERE chain = '{}'", city));
            sql << "SELECT COUNT(*) FROM firms WHERE city = " << city;
            sql << user_text;
            w.add(fmt::format("chain = '{}'", chain));
        }
    )cpp";
    auto found = scan_source("db/src/example.cpp", bad);
    std::multiset<std::string> operands;
    for (const auto& f : found) operands.insert(f.operand);
    BOOST_TEST_INFO(joined(found));
    BOOST_TEST(operands.count("name") == 1);
    BOOST_TEST(operands.count("year") == 1);
    BOOST_TEST(operands.count("city") == 3);
    BOOST_TEST(operands.count("user_text") == 1);
    BOOST_TEST(operands.count("chain") == 1);
    BOOST_TEST(found.size() == 7u);
}

BOOST_AUTO_TEST_CASE(bound_parameters_and_messages_pass) {
    const std::string good = R"cpp(
        void f(soci::session& sql, const std::string& name, int year) {
            sql << "SELECT credit_code FROM firms WHERE name = :n AND year = :y", soci::use(name),
                soci::use(year);
            sql << "SELECT COUNT(*) FROM firms "
                   "WHERE chain = :c",
                soci::into(n), soci::use(chain);
            throw StorageError("COPY: " + message);
            auto text = fmt::format(
                fmt::runtime(_("no firm with credit code {} in the registry FROM {}")), code, name);
            std::string total = std::to_string(year + 1) + " firms";
            int next = year + 1;
        }
    )cpp";
    auto found = scan_source("db/src/example.cpp", good);
    BOOST_TEST(found.empty(), joined(found));
}

BOOST_AUTO_TEST_CASE(sql_outside_db_is_reported) {
    auto found = scan_source(
        "app/gui/example.cpp",
        "void f() { session << \"SELECT name FROM firms WHERE credit_code = :c\", use(c); }");
    BOOST_TEST_REQUIRE(!found.empty());
    BOOST_TEST(found.front().why == "SQL outside db/");
}

BOOST_AUTO_TEST_CASE(the_sources_splice_no_values_into_sql) {
    std::set<std::pair<std::string, std::string>> used;
    auto violations = scan_tree(&used);
    BOOST_TEST(violations.empty(),
               "SQL built from values (bind them with soci::use, or add a justified entry "
               "to kAllowed when the text is an identifier from the schema):\n"
                   << joined(violations));
    // An allow-list entry that nothing matches any more is stale: remove it.
    for (const auto& a : kAllowed)
        BOOST_TEST(used.count({a.file, a.operand}) == 1u, "stale allow-list entry "
                                                              << a.file << ": " << a.operand << " ("
                                                              << a.why << ")");
}
