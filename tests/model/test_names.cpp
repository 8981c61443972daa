// The catalogue of names people read and the resolver of names people type (model/names.hpp).
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <ctime>
#include <string>

#include "model/industry.hpp"
#include "model/measures.hpp"
#include "model/names.hpp"
#include "model/workflow.hpp"

using namespace ladder;

namespace {
// The language names follow is the one gettext reads (LANGUAGE), as init_i18n leaves it.
struct Language {
    explicit Language(const char* lang) { setenv("LANGUAGE", lang, 1); }
    ~Language() { unsetenv("LANGUAGE"); }
};
}  // namespace

BOOST_AUTO_TEST_CASE(typed_names_resolve_to_ids) {
    struct Case {
        std::string typed, tier;
    };
    const Case cases[] = {
        {"specialized", "specialized"},       // the id
        {"SPECIALIZED", "specialized"},       // ASCII case does not matter
        {"专精特新中小企业", "specialized"},  // the Chinese name
        {"专精特新", "specialized"},          // the short form clerks say
        {"高新", "high_tech"},
        {"高新技术企业", "high_tech"},
        {"小巨人", "little_giant"},
        {"专业化", "little_giant"},  // an unambiguous prefix
        {"瞪羚", "gazelle"},
        {"规上", "above_scale"},
        {"little", "little_giant"},
        {"Innovative SME", "innovative"},
    };
    for (const auto& c : cases) BOOST_TEST(resolve_tier(c.typed) == c.tier, c.typed);
}

BOOST_AUTO_TEST_CASE(an_ambiguous_name_lists_the_candidates) {
    // 专 starts both 专精特新中小企业 and 专业化小巨人企业.
    try {
        resolve_tier("专");
        BOOST_FAIL("专 resolved");
    } catch (const AmbiguousName& e) {
        std::string what = e.what();
        BOOST_TEST(what.find("专精特新中小企业") != std::string::npos, what);
        BOOST_TEST(what.find("专业化小巨人企业") != std::string::npos, what);
        BOOST_TEST(what.find("瞪羚") == std::string::npos, what);
    }
    BOOST_CHECK_THROW(resolve_state("已"), AmbiguousName);  // 已提交, 已通过, 已撤回, …
    BOOST_CHECK_THROW(resolve_tier("s"), AmbiguousName);    // specialized, single_champion
}

BOOST_AUTO_TEST_CASE(an_unknown_name_is_a_usage_error) {
    BOOST_CHECK_THROW(resolve_tier("不存在的梯度"), UsageError);
    BOOST_CHECK_THROW(resolve_role("boss"), UsageError);
    BOOST_CHECK_THROW(resolve_tier(""), UsageError);
}

BOOST_AUTO_TEST_CASE(states_chains_roles_and_levels_resolve) {
    struct Case {
        std::string (*resolve)(std::string_view);
        std::string typed, id;
    };
    const Case cases[] = {
        {resolve_state, "已提交", "submitted"}, {resolve_state, "待审核", "submitted"},
        {resolve_state, "草稿", "draft"},       {resolve_state, "withdrawn", "withdrawn"},
        {resolve_state, "已撤", "withdrawn"},   {resolve_chain, "有色金属", "nonferrous"},
        {resolve_chain, "有色", "nonferrous"},  {resolve_chain, "电子", "electronics"},
        {resolve_role, "经办人", "clerk"},      {resolve_role, "审核", "reviewer"},
        {resolve_role, "admin", "admin"},       {resolve_review_level, "省级", "province"},
        {resolve_review_level, "市", "city"},   {resolve_review_level, "national", "national"},
    };
    for (const auto& c : cases) BOOST_TEST(c.resolve(c.typed) == c.id, c.typed);
}

BOOST_AUTO_TEST_CASE(measures_are_named_with_the_fiscal_year_the_chinese_way) {
    {
        Language zh("zh_CN");
        BOOST_TEST(ui_is_chinese());
        BOOST_TEST(names::measure("rd_expense", 2019) == "研发费用（2019年）");
        BOOST_TEST(names::missing_input({MissingInput::Kind::figure, "rank_global", 2019}) ==
                   "全球市场排名（2019年）");
        BOOST_TEST(names::tier("specialized") == "专精特新中小企业");
        BOOST_TEST(names::chain("nonferrous") == "有色金属");
        // What a reviewer reads when an application's inputs changed since it was submitted.
        BOOST_TEST(describe_drift({"main_revenue", 2019, "2500.00", "2600.00"}) ==
                   "主营业务收入（2019年）: 2500.00 → 2600.00");
    }
    {
        Language en("en");
        BOOST_TEST(!ui_is_chinese());
        BOOST_TEST(names::measure("employees", 2021) == "employees (2021)");
        BOOST_TEST(names::measure("rd_expense") == "R&D expense");
        BOOST_TEST(names::chain("nonferrous") == "nonferrous metals");
        BOOST_TEST(names::tier("little_giant") == "Specialised little giant");
        // Firm fields by their names, not their ids (the catalogue gives the Chinese ones).
        BOOST_TEST(
            describe_drift({"firm.controlling_shareholder", 0, std::nullopt, "赣江控股有限公司"}) ==
            "controlling shareholder: (absent) → 赣江控股有限公司");
        BOOST_TEST(names::missing_input({MissingInput::Kind::firm_field, "control", 0}) ==
                   "controlling shareholder or group");
    }
    // Ids the catalogue does not know stay as they are rather than vanish.
    BOOST_TEST(names::measure("no_such_measure") == "no_such_measure");
    BOOST_TEST(names::chain("") == "");
}

BOOST_AUTO_TEST_CASE(every_measure_and_chain_has_a_name_in_both_languages) {
    // A name is words: no id's underscore; in Chinese never the id itself.
    for (const char* lang : {"zh_CN", "en"}) {
        Language l(lang);
        const bool zh = std::string_view(lang) == "zh_CN";
        for (const auto& m : kMeasures) {
            std::string name = names::measure(m.id);
            BOOST_TEST((name.find('_') == std::string::npos && (!zh || name != m.id)), m.id);
        }
        for (const auto& c : kChains) {
            std::string name = names::chain(c.id);
            BOOST_TEST((name.find('_') == std::string::npos && (!zh || name != c.id)), c.id);
        }
    }
}

BOOST_AUTO_TEST_CASE(times_are_shown_in_the_machine_time_zone_to_the_minute) {
    const char* old = std::getenv("TZ");
    std::string saved = old ? old : "";
    setenv("TZ", "Asia/Shanghai", 1);
    tzset();
    BOOST_TEST(names::local_time("2026-12-06T14:47:26Z") == "2026-12-06 22:47");
    BOOST_TEST(names::local_time("2026-12-31T16:30:00Z") == "2027-01-01 00:30");  // next day
    setenv("TZ", "UTC", 1);
    tzset();
    BOOST_TEST(names::local_time("2026-12-06T14:47:26Z") == "2026-12-06 14:47");
    BOOST_TEST(names::local_time("not a time") == "not a time");
    if (old)
        setenv("TZ", saved.c_str(), 1);
    else
        unsetenv("TZ");
    tzset();
}

BOOST_AUTO_TEST_CASE(audit_records_are_shown_with_names_and_stored_with_ids) {
    struct Case {
        const char* entity;
        const char* stored;
        const char* shown;  // Chinese interface
    };
    const Case values[] = {
        {"recognition", "credit_code=91360102073981591Q; tier=high_tech; valid_to=2020-06-29",
         "统一社会信用代码=91360102073981591Q；梯度=高新技术企业；有效期止=2020-06-29"},
        {"firm", "name=南昌宏晟服装有限公司; region_code=360102; chain=textiles",
         "企业名称=南昌宏晟服装有限公司；地区=东湖区（360102）；产业链=纺织"},
        {"figures", "year=2015; rd_expense=13.13", "年度=2015；研发费用=13.13"},
        {"quota", "quota=1000;rule_set=jiangxi-2020",
         "目标任务=1000；认定规则=江西省企业梯度培育认定条件（2020）"},
        {"application", "next_level=1;rule_set=national-2026@sha256:ab12",
         "待审核层级=第 2 级；认定规则=优质中小企业梯度培育认定条件（2026 国家标准）（版本 "
         "sha256:ab12）"},
        {"negative_check",
         "verdict=not_checked;source=;checked_on=", "结论=未核查；核查来源=；核查日期="},
        {"title_exit", "cause=revoked;exit_on=2020-06-30;doc_no=赣〔2020〕8号;reason=数据造假",
         "退出原因=撤销；退出日期=2020-06-30；文号=赣〔2020〕8号；说明=数据造假"},
        {"user", "name=rev", "用户名=rev"},
        {"target", "target=9000", "目标数=9000"},
        {"registry", "firms=500 figures=2175", "企业=500；年度数据=2175"},
        {"firm", "an unknown=field", "an unknown=field"},
    };
    const std::pair<const char*, const char*> keys[][2] = {
        {{"quota", "2020/high_tech/36"}, {"", "2020/高新技术企业/江西省"}},
        {{"quota", "2020/gazelle/electronics"}, {"", "2020/瞪羚企业/电子信息"}},
        {{"negative_check", "91360102073981591Q/quality"}, {"", "91360102073981591Q/严重质量问题"}},
        {{"application", "12"}, {"", "12"}},
    };
    {
        Language zh("zh_CN");
        for (const auto& c : values)
            BOOST_TEST(names::audit_values(c.entity, c.stored) == c.shown,
                       c.stored << " → " << names::audit_values(c.entity, c.stored));
        for (const auto& k : keys)
            BOOST_TEST(names::audit_key(k[0].first, k[0].second) == k[1].second, k[0].second);
    }
    {
        // In English the stored text is already words and ids people use: shown as it is.
        Language en("en");
        for (const auto& c : values)
            BOOST_TEST(names::audit_values(c.entity, c.stored) == c.stored);
        BOOST_TEST(names::audit_key("quota", "2020/high_tech/36") == "2020/high_tech/36");
    }
}
