// The guard of "Chinese all the way": the human-facing commands run on a demo registry in zh_CN
// and their output may hold no internal id (tier, measure, state, level, criterion ids) and no
// English word. Credit codes, file names, numbers, units and the rule-set ids people name on
// the command line are allowed.
#include <boost/test/unit_test.hpp>

#include <regex>
#include <set>
#include <string>

#include "model/measures.hpp"
#include "model/tiers.hpp"
#include "test_support.hpp"

using namespace ladder;
using namespace ladder::test;

namespace {

// What the output may contain in ASCII letters: rule-set ids (what --rules/--from take),
// units and file formats.
bool allowed(const std::string& word) {
    static const std::set<std::string> words = {"jiangxi", "national", "sha256", "CSV", "XLSX",
                                                "PDF",     "GBK",      "UTF",    "toml"};
    if (words.count(word)) return true;
    // Credit codes and other codes: capitals and digits only.
    return std::regex_match(word, std::regex("[A-Z0-9]+"));
}

// The ASCII words (letters, with _ joining them as ids do) in `text` that are not allowed.
std::set<std::string> english_in(const std::string& raw) {
    // A command quoted for the user to type (`ladder-cli worklist`) is not prose.
    const std::string text = std::regex_replace(raw, std::regex("`[^`]*`"), "");
    std::set<std::string> found;
    static const std::regex word("[A-Za-z][A-Za-z0-9_]*(\\.[a-z_]+)?");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), word);
         it != std::sregex_iterator(); ++it) {
        std::string w = it->str();
        if (w.size() < 2 || allowed(w)) continue;
        found.insert(w);
    }
    return found;
}

struct Demo {
    TempDir dir;
    Demo() {
        CliResult r = run_cli(dir.path(), "--db demo.db demo --firms 40 --seed 7", "zh_CN");
        BOOST_TEST_REQUIRE(r.status == 0, r.err);
    }
    CliResult zh(const std::string& args) const {
        return run_cli(dir.path(), "--db demo.db " + args, "zh_CN");
    }
    // The credit code of the first firm of the registry.
    std::string first_firm() const {
        CliResult r = zh("export firms --format csv");
        auto line = r.out.find('\n');
        return r.out.substr(line + 1, 18);
    }
};

void check_chinese(const Demo& demo, const std::string& args) {
    CliResult r = demo.zh(args);
    BOOST_TEST(r.status == 0, args << ": " << r.err);
    std::set<std::string> found = english_in(r.out);
    std::string list;
    for (const auto& w : found) list += w + " ";
    BOOST_TEST(found.empty(), args << " shows ids or English: " << list << "\n" << r.out);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_guard_finds_ids_and_english) {
    // The guard itself: what it must catch and what it must let through.
    BOOST_TEST(english_in("评价结论为eligible").count("eligible"));
    BOOST_TEST(english_in("缺少：rank_global@2019").count("rank_global"));
    BOOST_TEST(english_in("specialized.rd；").count("specialized.rd"));
    BOOST_TEST(english_in("（见 `ladder-cli worklist`）").empty());
    BOOST_TEST(english_in("91360100MA35ABCD1X 研发费用（2019年） 3.00% 万元 jiangxi-2020").empty());
}

BOOST_AUTO_TEST_CASE(human_formats_in_chinese_show_no_ids) {
    Demo demo;
    const std::string firm = demo.first_firm();
    BOOST_TEST_REQUIRE(firm.size() == 18u);
    check_chinese(demo, "evaluate --year 2020 --firm " + firm + " --format table");
    check_chinese(demo, "evaluate --year 2020 --tier 专精特新 --format table");
    check_chinese(demo, "rules list --year 2020");
    check_chinese(demo, "expiring --year 2020");
    check_chinese(demo, "tally --year 2020 --by chain");
    check_chinese(demo, "candidates --year 2020 --tier 小巨人 --near 3");
    check_chinese(demo,
                  "rules diff --from jiangxi-2020 --to national-2022 --year 2022 --tier 高新 "
                  "--format table");
}

BOOST_AUTO_TEST_CASE(chinese_arguments_and_languages) {
    Demo demo;
    // Short forms and names give the same rows as the ids.
    CliResult by_id = demo.zh("evaluate --year 2020 --tier specialized");
    CliResult by_name = demo.zh("evaluate --year 2020 --tier 专精特新");
    BOOST_TEST(by_id.status == 0, by_id.err);
    BOOST_TEST(by_name.out == by_id.out);
    // An ambiguous prefix is a usage error naming the candidates.
    CliResult ambiguous = demo.zh("evaluate --year 2020 --tier 专");
    BOOST_TEST(ambiguous.status == 2);
    BOOST_TEST(ambiguous.err.find("专精特新中小企业") != std::string::npos, ambiguous.err);
    BOOST_TEST(ambiguous.err.find("专业化小巨人企业") != std::string::npos, ambiguous.err);
    // An unknown language is refused with the ones there are.
    CliResult fr = run_cli(demo.dir.path(), "--db demo.db --lang fr rules list", "en");
    BOOST_TEST(fr.status == 2);
    BOOST_TEST(fr.err.find("zh_CN") != std::string::npos, fr.err);
}
