// The guard of "Chinese all the way": the human-facing commands run on a demo registry in zh_CN
// and their output may hold no internal id (tier, measure, state, level, criterion ids) and no
// English word. Credit codes, file names, numbers, units and the rule-set ids people name on
// the command line are allowed.
#include <boost/test/unit_test.hpp>

#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "model/measures.hpp"
#include "model/tiers.hpp"
#include "test_support.hpp"

using namespace ladder;
using namespace ladder::test;

namespace {

// What the output may contain in ASCII letters: rule-set ids (what --rules/--from take),
// units and file formats.
bool allowed(const std::string& word) {
    static const std::set<std::string> words = {"jiangxi", "national", "sha256", "CSV",  "XLSX",
                                                "PDF",     "GBK",      "UTF",    "toml", "SQLite"};
    if (words.count(word)) return true;
    // Credit codes and other codes: capitals and digits only.
    return std::regex_match(word, std::regex("[A-Z0-9]+"));
}

// The ASCII words (letters, with _ joining them as ids do) in `text` that are not allowed.
std::set<std::string> english_in(const std::string& raw, const std::set<std::string>& data = {}) {
    // A command quoted for the user to type (`ladder-cli worklist`) is not prose.
    // Nor is a rule set's digest (sha256:3641…): hex, not words.
    const std::string text = std::regex_replace(std::regex_replace(raw, std::regex("`[^`]*`"), ""),
                                                std::regex("sha256:[0-9a-f]+"), "");
    std::set<std::string> found;
    static const std::regex word("[A-Za-z][A-Za-z0-9_]*(\\.[a-z_]+)?");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), word);
         it != std::sregex_iterator(); ++it) {
        std::string w = it->str();
        if (w.size() < 2 || allowed(w) || data.count(w)) continue;
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
    // The bureau's accounts: admin, a clerk and a reviewer (one password for all).
    void add_accounts() const {
        for (const char* args :
             {"user init-admin --user admin", "user add clerk --role 经办人 --user admin",
              "user add rev --role 审核人 --user admin"}) {
            CliResult r = as(args);
            BOOST_TEST_REQUIRE(r.status == 0, args << ": " << r.err);
        }
    }
    // `args` (with its --user) signed in.
    CliResult as(const std::string& args) const {
        return run_cli(dir.path(), "--db demo.db " + args, "zh_CN",
                       "LADDER_ARGON2_FAST=1 LADDER_PASSWORD=password1 "
                       "LADDER_NEW_PASSWORD=password1");
    }
    // The credit code of the first firm of the registry.
    std::string first_firm() const {
        CliResult r = zh("export firms --format csv");
        auto line = r.out.find('\n');
        return r.out.substr(line + 1, 18);
    }
};

// Account names are the bureau's data, not interface words.
const std::set<std::string> kAccounts = {"admin", "clerk", "rev", "system"};

void check_chinese(const Demo& demo, const std::string& args, bool signed_in = false) {
    CliResult r = signed_in ? demo.as(args) : demo.zh(args);
    BOOST_TEST(r.status == 0, args << ": " << r.err);
    std::set<std::string> found = english_in(r.out, kAccounts);
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

BOOST_AUTO_TEST_CASE(workflow_and_audit_output_in_chinese_show_no_ids) {
    Demo demo;
    demo.add_accounts();
    CliResult firms = demo.zh("export firms --format csv");
    std::vector<std::string> codes;
    for (std::size_t at = firms.out.find('\n'); at != std::string::npos && codes.size() < 2;
         at = firms.out.find('\n', at + 1))
        if (at + 19 < firms.out.size()) codes.push_back(firms.out.substr(at + 1, 18));
    BOOST_TEST_REQUIRE(codes.size() == 2u);
    // Apply, list, show, review: the messages and tables name tiers, states and levels.
    check_chinese(demo, "apply submit --firm " + codes[0] + " --tier 规上 --year 2020 --user clerk",
                  true);
    check_chinese(demo, "apply list");
    // The demo left applications waiting; ours is the newest (the CSV's last row).
    const std::string listed = demo.zh("apply list --format csv").out;
    std::string last = listed.substr(listed.rfind('\n', listed.size() - 2) + 1);
    const std::string id = last.substr(0, last.find(','));
    BOOST_TEST_REQUIRE(id != "1", listed);
    check_chinese(demo, "apply show --id " + id);
    check_chinese(demo, "review approve --id " + id + " --comment 资料齐全 --user rev", true);
    check_chinese(demo, "apply show --id " + id);
    // The demo's 专精特新 application needs the reviewer-checked criteria ticked: the refusal
    // names them as the reviewer reads them, and those names are what --confirm takes.
    CliResult refused = demo.as("review approve --id 1 --user rev");
    BOOST_TEST(refused.status != 0);
    // (After the program's name, which every message starts with.)
    BOOST_TEST(english_in(refused.err.substr(refused.err.find(": ") + 2), kAccounts).empty(),
               refused.err);
    const std::string names = refused.err.substr(refused.err.find("：") + 3);
    std::string confirm;
    for (std::size_t at = 0; at < names.size();) {
        auto end = names.find("、", at);
        std::string name =
            names.substr(at, end == std::string::npos ? std::string::npos : end - at);
        while (!name.empty() && (name.back() == '\n' || name.back() == ' ')) name.pop_back();
        confirm += " --confirm '" + name + "'";
        at = end == std::string::npos ? names.size() : end + 3;
    }
    CliResult approved = demo.as("review approve --id 1 --user rev" + confirm);
    BOOST_TEST(approved.status == 0, confirm << ": " << approved.err);
    // A listing stage: proposed by the clerk, shown by its Chinese name.
    check_chinese(
        demo, "listing stage --firm " + codes[1] + " --stage 后备库 --date 2020-03-02 --user clerk",
        true);
    check_chinese(demo, "listing show --firm " + codes[1]);
    check_chinese(demo, "worklist --year 2020");
    check_chinese(demo, "worklist --year 2020 --tier 专精特新");
    // A multi-year target (an administrator's), its progress and the negative list's flags.
    check_chinese(demo, "target set --year 2028 --tier 高新 --value 9000 --user admin", true);
    check_chinese(demo, "target progress");
    check_chinese(demo, "negative flags");
    // The audit log names actions, entities, keys and the before/after records' fields and
    // values: the trail keeps ids (its hashes cover them), the log shows names.
    CliResult log = demo.as("audit log --limit 30 --user admin");
    BOOST_TEST_REQUIRE(log.status == 0, log.err);
    std::string shown;
    std::istringstream lines(log.out);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line);
        for (std::string w; words >> w;)
            if (w.find(".db") == std::string::npos) shown += w + " ";
        shown += "\n";
    }
    std::set<std::string> found = english_in(shown, kAccounts);
    std::string list;
    for (const auto& w : found) list += w + " ";
    BOOST_TEST(found.empty(), "audit log shows ids or English: " << list << "\n" << log.out);
    BOOST_TEST(log.out.find("已提交") != std::string::npos, log.out);
    BOOST_TEST(log.out.find("上市阶段") != std::string::npos, log.out);
    BOOST_TEST(log.out.find("梯度=规模以上工业企业") != std::string::npos, log.out);
    BOOST_TEST(log.out.find("tier=") == std::string::npos, log.out);
}

BOOST_AUTO_TEST_CASE(help_speaks_the_interface_language) {
    TempDir dir;
    // CLI11's own words — labels, headings, the help flag, value types — in Chinese too.
    for (const char* args : {"--help", "import --help"}) {
        CliResult zh = run_cli(dir.path(), args, "zh_CN");
        BOOST_TEST(zh.status == 0, zh.err);
        for (const char* word : {"用法:", "选项:", "显示本帮助并退出", "文本"})
            BOOST_TEST(zh.out.find(word) != std::string::npos, args << " lacks " << word);
        for (const char* word : {"Usage:", "Options:", "Subcommands:", "Positionals:",
                                 "Print this help", "REQUIRED", " TEXT", "Excludes"})
            BOOST_TEST(zh.out.find(word) == std::string::npos, args << " shows " << word);
    }
    CliResult sub = run_cli(dir.path(), "import --help", "zh_CN");
    BOOST_TEST(sub.out.find("位置参数:") != std::string::npos, sub.out);
    BOOST_TEST(sub.out.find("必填") != std::string::npos, sub.out);
    // Descriptions line up at column 30 as the terminal shows it (a Chinese character is two
    // columns and three bytes): every option line with a short left column.
    CliResult target = run_cli(dir.path(), "target set --help", "zh_CN");
    auto columns = [](const std::string& text) {
        std::size_t width = 0;
        for (unsigned char c : text)
            if ((c & 0xC0) != 0x80) width += c >= 0xE0 ? 2 : 1;
        return width;
    };
    std::istringstream lines(target.out);
    std::size_t aligned = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("  -", 0) != 0) continue;
        std::size_t gap = line.find("  ", 2);
        if (gap == std::string::npos) continue;
        std::size_t description = line.find_first_not_of(' ', gap);
        if (description == std::string::npos) continue;
        BOOST_TEST(columns(line.substr(0, description)) == 30u, line);
        ++aligned;
    }
    BOOST_TEST(aligned >= 3u, target.out);
    // English stays CLI11's.
    CliResult en = run_cli(dir.path(), "--help", "en");
    BOOST_TEST(en.out.find("Usage:") != std::string::npos, en.out);
    BOOST_TEST(en.out.find("Subcommands:") != std::string::npos, en.out);
}
