// Rules as code: case tables under tests/data/rules/*-cases.toml give a firm's data and the
// verdict each criterion must reach. Each case line names the criterion it checks.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <map>

#include <fmt/format.h>
#include <toml.hpp>

#include "model/errors.hpp"
#include "model/rules/evaluate.hpp"

namespace fs = std::filesystem;
using namespace ladder;

namespace {

const fs::path kRulesDir = fs::path(LADDER_TEST_DATA_DIR) / ".." / ".." / "resources" / "rules";
const fs::path kCasesDir = fs::path(LADDER_TEST_DATA_DIR) / "rules";

const RuleSetLibrary& library() {
    static const RuleSetLibrary lib = RuleSetLibrary::load_directory(kRulesDir);
    return lib;
}

Date date_of(const toml::value& v) {
    auto d = Date::parse(v.as_string().str);
    if (!d) throw std::runtime_error("bad date in case file: " + v.as_string().str);
    return *d;
}

// Figures are written as text ("2000.00", "12", "yes") and parsed as an import would.
YearFigures figures_of(int year, const toml::value& table) {
    YearFigures f;
    f.year = year;
    for (const auto& [key, v] : table.as_table()) {
        auto m = find_measure(key);
        if (!m) throw std::runtime_error("unknown measure in case file: " + key);
        std::string text = v.is_string() ? v.as_string().str : std::to_string(v.as_integer());
        MeasureKind kind = measure_info(*m).kind;
        std::optional<int64_t> value;
        if (kind == MeasureKind::flag)
            value = text == "yes" ? 1 : 0;
        else if (is_money(kind))
            value = parse_fen(text);
        else if (kind == MeasureKind::score)
            value = parse_hundredths(text);
        else
            value = parse_integer(text);
        if (!value) throw std::runtime_error("bad figure in case file: " + key + "=" + text);
        f.set(*m, value);
    }
    return f;
}

FirmRecord firm_of(const toml::value& c) {
    FirmRecord r;
    r.firm.credit_code = "91360000000000000X";
    r.firm.name = "case";
    r.firm.founded = Date(2010, 1, 1);
    r.firm.industry_code = "C3985";
    if (c.contains("firm")) {
        for (const auto& [key, v] : c.at("firm").as_table()) {
            if (key == "founded")
                r.firm.founded = date_of(v);
            else if (key == "industry_code")
                r.firm.industry_code = v.as_string().str;
            else if (key == "niche_since")
                r.firm.niche_since = static_cast<int>(v.as_integer());
            else if (key == "hnte_field")
                r.firm.hnte_field = v.as_boolean();
            else if (key == "listed_on")
                r.firm.listed_on = date_of(v);
            else if (key == "controlling_shareholder")
                r.firm.controlling_shareholder = v.as_string().str;
            else if (key == "business_group")
                r.firm.business_group = v.as_string().str;
            else
                throw std::runtime_error("unknown firm field in case file: " + key);
        }
    }
    if (c.contains("figures")) {
        std::map<int, YearFigures> rows;
        for (const auto& [year, table] : c.at("figures").as_table())
            rows[std::stoi(year)] = figures_of(std::stoi(year), table);
        for (auto& [year, f] : rows) r.figures.push_back(f);
    }
    if (c.contains("recognitions")) {
        for (const auto& rv : c.at("recognitions").as_array()) {
            Recognition rec;
            rec.tier = rv.at("tier").as_string().str;
            rec.valid_from = date_of(rv.at("from"));
            rec.approved_on = rec.valid_from;
            if (rv.contains("to")) rec.valid_to = date_of(rv.at("to"));
            r.recognitions.push_back(rec);
        }
    }
    // Titles held by another firm under the same control (what the registry finds by the
    // controlling shareholder or group).
    if (c.contains("controlled")) {
        for (const auto& rv : c.at("controlled").as_array()) {
            ControlledTitle held;
            held.firm_name = "sister";
            held.title.credit_code = "91360000000000001X";
            held.title.tier = rv.at("tier").as_string().str;
            held.title.valid_from = date_of(rv.at("from"));
            held.title.approved_on = held.title.valid_from;
            if (rv.contains("to")) held.title.valid_to = date_of(rv.at("to"));
            r.controlled_titles.push_back(held);
        }
    }
    return r;
}

struct CaseFile {
    std::string name;
    int cases = 0;
    int failures = 0;
};

// Runs one case file; every case is checked and reported with its file:line.
CaseFile run_case_file(const fs::path& path) {
    CaseFile result{path.filename().string()};
    const auto data = toml::parse(path.string());
    std::string default_rule_set = toml::find_or<std::string>(data, "rule_set", "jiangxi-2020");
    int default_year = static_cast<int>(toml::find_or<int64_t>(data, "year", 2020));
    for (const auto& c : toml::find<toml::array>(data, "case")) {
        ++result.cases;
        std::string where = fmt::format("{}:{}", result.name, c.location().line());
        std::string rule_set_id = toml::find_or<std::string>(c, "rule_set", default_rule_set);
        int year = static_cast<int>(toml::find_or<int64_t>(c, "year", default_year));
        std::string criterion_id = toml::find<std::string>(c, "criterion");
        const RuleSet* rules = library().find(rule_set_id);
        BOOST_TEST_REQUIRE(rules != nullptr, where << ": no rule set " << rule_set_id);
        std::string tier = criterion_id.substr(0, criterion_id.find('.'));
        FirmRecord firm = firm_of(c);
        EligibilityReport report = evaluate(*rules, firm, year, tier);
        const CriterionResult* got = nullptr;
        for (const auto& r : report.criteria)
            if (r.id == criterion_id) got = &r;
        BOOST_TEST_REQUIRE(got != nullptr, where << ": no criterion " << criterion_id);
        bool ok = true;
        std::string expect = toml::find<std::string>(c, "expect");
        if (std::string(to_string(got->verdict)) != expect) ok = false;
        if (c.contains("tier") &&
            std::string(to_string(report.verdict)) != toml::find<std::string>(c, "tier"))
            ok = false;
        std::string missing_text;
        for (const auto& m : got->missing)
            missing_text += (missing_text.empty() ? "" : " ") + m.to_string();
        if (c.contains("missing")) {
            std::string want;
            for (const auto& m : toml::find<std::vector<std::string>>(c, "missing"))
                want += (want.empty() ? "" : " ") + m;
            if (want != missing_text) ok = false;
        }
        if (c.contains("gap") &&
            got->gap.find(toml::find<std::string>(c, "gap")) == std::string::npos)
            ok = false;
        if (c.contains("actual") &&
            got->actual.find(toml::find<std::string>(c, "actual")) == std::string::npos)
            ok = false;
        if (c.contains("reason") &&
            got->reason.find(toml::find<std::string>(c, "reason")) == std::string::npos)
            ok = false;
        // Explanations never change the verdict.
        EligibilityReport quick = evaluate(*rules, firm, year, tier, Detail::verdicts);
        if (quick.verdict != report.verdict) ok = false;
        if (!ok) ++result.failures;
        BOOST_CHECK_MESSAGE(
            ok, where << ": " << criterion_id << " expected " << expect << ", got "
                      << to_string(got->verdict) << " (tier " << to_string(report.verdict)
                      << "; missing [" << missing_text << "]; actual: " << got->actual
                      << "; threshold: " << got->threshold << "; gap: " << got->gap << ")");
    }
    return result;
}

}  // namespace

BOOST_AUTO_TEST_CASE(case_tables) {
    int files = 0, cases = 0;
    std::vector<fs::path> paths;
    for (const auto& entry : fs::directory_iterator(kCasesDir))
        if (entry.path().filename().string().ends_with("-cases.toml"))
            paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
        CaseFile f = run_case_file(p);
        BOOST_TEST_MESSAGE(f.name << ": " << f.cases << " cases, " << f.failures << " failed");
        ++files;
        cases += f.cases;
    }
    BOOST_TEST(files >= 1);
    BOOST_TEST(cases >= 100);
}

// Every criterion of jiangxi-2020 is exercised by at least one case line.
BOOST_AUTO_TEST_CASE(every_jiangxi_criterion_has_cases) {
    const RuleSet* rules = library().find("jiangxi-2020");
    BOOST_TEST_REQUIRE(rules != nullptr);
    std::map<std::string, int> seen;
    for (const auto& entry : fs::directory_iterator(kCasesDir)) {
        if (!entry.path().filename().string().ends_with("-cases.toml")) continue;
        const auto data = toml::parse(entry.path().string());
        for (const auto& c : toml::find<toml::array>(data, "case"))
            if (toml::find_or<std::string>(
                    c, "rule_set", toml::find_or<std::string>(data, "rule_set", "jiangxi-2020")) ==
                "jiangxi-2020")
                ++seen[toml::find<std::string>(c, "criterion")];
    }
    for (const auto& t : rules->tiers)
        for (const auto& c : t.criteria)
            BOOST_TEST(seen[c.id] >= 3, c.id << " has " << seen[c.id] << " cases");
}
