#include "model/names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <utility>

#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/industry.hpp"
#include "model/measures.hpp"
#include "model/regions.hpp"
#include "model/tiers.hpp"

namespace ladder {

bool ui_is_chinese() {
    const char* lang = std::getenv("LANGUAGE");
    return lang && std::string_view(lang).rfind("zh", 0) == 0;
}

namespace names {

namespace {

// English names of the built-in tiers (the rule sets' `en`), for lists made before a rule set
// is loaded; the Chinese names are TierCatalog's.
constexpr std::pair<std::string_view, std::string_view> kTierEnglish[] = {
    {"above_scale", "Above-scale industrial enterprise"},
    {"high_tech", "High and new technology enterprise"},
    {"specialized", "Specialised, refined, distinctive and innovative SME"},
    {"little_giant", "Specialised little giant"},
    {"single_champion", "Manufacturing single champion"},
    {"gazelle", "Gazelle enterprise"},
    {"unicorn", "Unicorn"},
    {"listing", "Listed company"},
    {"innovative", "Innovative SME"},
};

// Short forms clerks type and say (the bureau's own shorthand).
constexpr std::pair<std::string_view, std::string_view> kTierShort[] = {
    {"above_scale", "规上"},         {"above_scale", "规上企业"},
    {"high_tech", "高新"},           {"high_tech", "高企"},
    {"specialized", "专精特新"},     {"little_giant", "小巨人"},
    {"single_champion", "单项冠军"}, {"gazelle", "瞪羚"},
    {"unicorn", "独角兽"},           {"listing", "上市"},
    {"innovative", "创新型"},
};

// English names of the measures; the Chinese ones are kMeasures' zh.
constexpr std::pair<std::string_view, std::string_view> kMeasureEnglish[] = {
    {"revenue", "revenue"},
    {"main_revenue", "main business revenue"},
    {"hightech_revenue", "high-tech product revenue"},
    {"lead_product_revenue", "lead product revenue"},
    {"total_profit", "total profit"},
    {"net_profit", "net profit"},
    {"total_assets", "total assets"},
    {"total_liabilities", "total liabilities"},
    {"rd_expense", "R&D expense"},
    {"rd_domestic", "domestic R&D expense"},
    {"equity_financing", "new equity financing"},
    {"valuation", "valuation"},
    {"employees", "employees"},
    {"tech_staff", "technical staff"},
    {"rd_staff", "R&D staff"},
    {"ip_class1", "class I IP rights"},
    {"ip_class2", "class II IP rights"},
    {"innovation_score", "innovation score"},
    {"zjtx_score", "specialised SME score"},
    {"rank_province", "rank in the province"},
    {"rank_global", "global market rank"},
    {"quality_cert", "quality management certification"},
    {"own_brand", "own brand"},
    {"rd_institution", "R&D institution"},
    {"major_incident", "major safety, quality or environmental incident"},
    {"cost_of_sales", "cost of sales"},
    {"net_assets", "net assets at year end"},
    {"domestic_market_share", "domestic niche market share"},
    {"ip_class1_self", "class I IP rights applied for by the firm"},
    {"quality_score", "development quality score"},
    {"common_control", "a firm under the same control holds the title"},
};

constexpr std::pair<std::string_view, std::string_view> kChainEnglish[] = {
    {"nonferrous", "nonferrous metals"},
    {"electronics", "electronics"},
    {"equipment", "equipment manufacturing"},
    {"petrochemical", "petrochemicals"},
    {"building_materials", "building materials"},
    {"textiles", "textiles"},
    {"food", "food"},
    {"automotive", "automotive"},
    {"aviation", "aviation"},
    {"led", "semiconductor lighting"},
    {"tcm", "traditional Chinese medicine"},
    {"energy_saving", "energy saving and environmental protection"},
    {"mobile_iot", "mobile internet of things"},
    {"vr", "virtual reality"},
    {"other", "other"},
};

template <std::size_t N>
std::string_view lookup(const std::pair<std::string_view, std::string_view> (&table)[N],
                        std::string_view id) {
    for (const auto& [key, value] : table)
        if (key == id) return value;
    return {};
}

const MeasureInfo* find_measure_info(std::string_view id) {
    for (const auto& m : kMeasures)
        if (m.id == id) return &m;
    return nullptr;
}

}  // namespace

std::string tier(std::string_view id) {
    if (!ui_is_chinese()) {
        if (auto en = lookup(kTierEnglish, id); !en.empty()) return std::string(en);
        return std::string(id);
    }
    if (const TierInfo* t = TierCatalog::builtin().find(id)) return t->zh;
    return std::string(id);
}

std::string rule_set(std::string_view id) {
    if (!ui_is_chinese()) return std::string(id);
    try {
        const RuleSet* rules = RuleSetLibrary::shipped().find(id);
        return rules && !rules->name.empty() ? rules->name : std::string(id);
    } catch (const std::exception&) {  // the rule files cannot be read: the id still says it
        return std::string(id);
    }
}

std::string criterion(const Criterion& c) {
    const std::string& name = ui_is_chinese() ? c.zh : c.en;
    if (!name.empty()) return name;
    if (!c.zh.empty()) return c.zh;
    return c.id;
}

std::string criterion(const RuleSet& rules, std::string_view id) {
    for (const auto& t : rules.tiers)
        for (const auto& c : t.criteria)
            if (c.id == id) return criterion(c);
    return std::string(id);
}

std::string measure(std::string_view id) {
    if (!ui_is_chinese()) {
        if (auto en = lookup(kMeasureEnglish, id); !en.empty()) return std::string(en);
    } else if (const MeasureInfo* m = find_measure_info(id)) {
        return std::string(m->zh);
    }
    return std::string(id);
}

std::string measure(std::string_view id, std::string_view years) {
    // The fiscal year written the Chinese way: 研发费用（2019年）.
    if (ui_is_chinese()) return fmt::format("{}（{}年）", measure(id), years);
    return fmt::format("{} ({})", measure(id), years);
}

std::string measure(std::string_view id, int year) {
    return measure(id, std::to_string(year));
}

std::string firm_field(std::string_view id) {
    if (id == "niche_since") return _("year the firm entered its niche market");
    if (id == "hnte_field") return _("high-tech field");
    if (id == "industry_code") return _("industry code");
    if (id == "founded") return _("founding date");
    if (id == "chain") return _("industry chain");
    if (id == "region") return _("region");
    if (id == "negative_list") return _("negative-list checks");
    if (id == "control") return _("controlling shareholder or group");
    if (id == "controlling_shareholder") return _("controlling shareholder");
    if (id == "business_group") return _("group");
    if (id == "listed_on") return _("listing date");
    return std::string(id);
}

std::string missing_input(const MissingInput& m) {
    switch (m.kind) {
        case MissingInput::Kind::figure:
            return m.year ? measure(m.name, m.year) : measure(m.name);
        case MissingInput::Kind::firm_field:
            return firm_field(m.name);
        case MissingInput::Kind::parameter:
            return m.year ? fmt::format(fmt::runtime(_("the rule set's {} for {}")), m.name, m.year)
                          : m.name;
    }
    return m.to_string();
}

std::string chain(std::string_view id) {
    if (id.empty()) return {};
    if (!ui_is_chinese()) {
        if (auto en = lookup(kChainEnglish, id); !en.empty()) return std::string(en);
    } else if (const Chain* c = find_chain(id)) {
        return std::string(c->zh);
    }
    return std::string(id);
}

std::string region(std::string_view code) {
    // Region names are proper names: the same in every language.
    try {
        if (const Region* r = RegionTable::shipped().find(code)) return r->name;
    } catch (const std::exception&) {
        // No region table installed: the code is still a correct answer.
    }
    return std::string(code);
}

std::string role(Role r) {
    switch (r) {
        case Role::clerk:
            return _("clerk");
        case Role::reviewer:
            return _("reviewer");
        case Role::admin:
            return _("admin");
    }
    return std::string(role_id(r));
}

std::string review_level(std::string_view level) {
    // 县级/市级/省级/国家级; in English "city", as in "the city level decides next".
    if (level == "county") return _("county");
    if (level == "city") return _("city");
    if (level == "province") return _("province");
    if (level == "national") return _("national");
    return std::string(level);
}

std::string verdict(Verdict v) {
    switch (v) {
        case Verdict::pass:
            return _("met");
        case Verdict::fail:
            return _("not met");
        case Verdict::missing:
            return _("data missing");
    }
    return {};
}

std::string verdict(TierVerdict v) {
    return verdict_label(v);
}

std::string verdict(std::string_view id) {
    if (id == "pass") return verdict(Verdict::pass);
    if (id == "fail") return verdict(Verdict::fail);
    if (id == "missing") return verdict(Verdict::missing);
    if (id == "eligible") return verdict(TierVerdict::eligible);
    if (id == "ineligible") return verdict(TierVerdict::ineligible);
    if (id == "incomplete") return verdict(TierVerdict::incomplete);
    // "none": the criterion or tier is not in that rule set.
    if (id == "none" || id.empty()) return _("not assessed");
    return std::string(id);
}

std::string application_state(ApplicationState s) {
    switch (s) {
        case ApplicationState::draft:
            return _("draft");
        case ApplicationState::submitted:
            return _("submitted");
        case ApplicationState::approved:
            return _("approved");
        case ApplicationState::rejected:
            return _("rejected");
        case ApplicationState::withdrawn:
            return _("withdrawn");
    }
    return {};
}

std::string application_state(std::string_view id) {
    if (auto s = parse_state(id)) return application_state(*s);
    return std::string(id);
}

std::string listing_stage(ListingStage s) {
    if (ui_is_chinese()) return std::string(stage_zh(s));
    std::string words(stage_id(s));
    std::replace(words.begin(), words.end(), '_', ' ');
    return words;
}

std::string listing_status(std::string_view id) {
    if (id == "pending") return _("awaiting confirmation");
    if (id == "confirmed") return _("confirmed");
    if (id == "rejected") return _("rejected");
    return std::string(id);
}

std::string audit_action(std::string_view id) {
    if (id == "insert") return _("added");
    if (id == "insert_rows") return _("rows added");
    if (id == "update") return _("changed");
    if (id == "delete") return _("deleted");
    if (id == "submit") return _("submitted");
    if (id == "approve") return _("approved");
    if (id == "reject") return _("rejected");
    if (id == "withdraw") return _("withdrawn");
    if (id == "objection") return _("objection recorded");
    if (id == "publicity_close" || id == "close_publicity") return _("publicity closed");
    if (id == "import") return _("imported");
    if (id == "restore") return _("restored from a backup");
    if (id == "seed" || id == "demo") return _("demo data created");
    if (id == "propose") return _("stage change proposed");
    if (id == "confirm") return _("confirmed");
    if (id == "lock") return _("account locked");
    if (id == "login_failed") return _("failed sign-in");
    if (id == "password") return _("password changed");
    return std::string(id);
}

std::string audit_entity(std::string_view id) {
    if (id == "firm") return _("firm");
    if (id == "figures") return _("figures");
    if (id == "recognition") return _("recognition");
    if (id == "application") return _("application");
    if (id == "user") return _("user");
    if (id == "quota") return _("quota");
    if (id == "listing_stage") return _("listing stage");
    if (id == "registry") return _("registry");
    if (id == "negative_check") return _("negative list check");
    if (id == "title_exit") return _("title exit");
    if (id == "target") return _("multi-year target");
    return std::string(id);
}

std::string exit_cause(std::string_view id) {
    if (id == "expired") return _("expired");
    if (id == "revoked") return _("revoked");
    if (id == "withdrawn") return _("withdrawn");
    if (id == "upheld") return _("objection upheld");
    return std::string(id);
}

std::string publicity_outcome(std::string_view id) {
    if (id == "clean") return _("no objection");
    if (id == "dismissed") return _("objection dismissed");
    if (id == "upheld") return _("objection upheld");
    return std::string(id);
}

std::string local_time(std::string_view utc) {
    std::tm tm{};
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    std::string text(utc);
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%*[T ]%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec) != 6)
        return text;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    const std::time_t t = timegm(&tm);
    std::tm local{};
    if (!localtime_r(&t, &local)) return text;
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &local);
    return buf;
}

std::string yes_no(bool yes) {
    return yes ? _("yes") : _("no");
}

std::string yes_no(std::string_view stored) {
    if (stored == "yes" || stored == "1" || stored == "true") return yes_no(true);
    if (stored == "no" || stored == "0" || stored == "false") return yes_no(false);
    return std::string(stored);
}

}  // namespace names

// --- Arguments people type -------------------------------------------------------------------

namespace {

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
        return c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c);
    });
    return out;
}

}  // namespace

std::string resolve_name(std::string_view typed, const std::vector<NameChoice>& choices,
                         std::string_view what) {
    std::string t = ascii_lower(typed);
    auto listing = [&](const std::vector<const NameChoice*>& list) {
        std::string s;
        for (const NameChoice* c : list) {
            if (!s.empty()) s += _("; ");
            s += c->names.empty() ? c->id : fmt::format("{} ({})", c->names.front(), c->id);
        }
        return s;
    };
    if (t.empty()) throw UsageError(fmt::format(fmt::runtime(_("give a {}")), what));
    // Exact ids and names first: 高新技术企业 is not ambiguous because of 高新技术企业（复核）.
    for (const auto& c : choices) {
        if (ascii_lower(c.id) == t) return c.id;
        for (const auto& n : c.names)
            if (ascii_lower(n) == t) return c.id;
    }
    std::vector<const NameChoice*> hits;
    for (const auto& c : choices) {
        bool hit = ascii_lower(c.id).rfind(t, 0) == 0;
        for (const auto& n : c.names) hit = hit || ascii_lower(n).rfind(t, 0) == 0;
        if (hit) hits.push_back(&c);
    }
    if (hits.size() == 1) return hits.front()->id;
    std::vector<const NameChoice*> all;
    for (const auto& c : choices) all.push_back(&c);
    if (hits.empty())
        throw UsageError(fmt::format(fmt::runtime(_("unknown {} \"{}\"; one of: {}")), what,
                                     std::string(typed), listing(all)));
    throw AmbiguousName(fmt::format(fmt::runtime(_("{} \"{}\" is ambiguous: {}")), what,
                                    std::string(typed), listing(hits)));
}

std::vector<NameChoice> tier_choices() {
    std::vector<NameChoice> out;
    for (const auto& t : TierCatalog::builtin().tiers()) {
        NameChoice c{t.id, {t.zh}};
        if (auto en = names::lookup(names::kTierEnglish, t.id); !en.empty())
            c.names.emplace_back(en);
        for (const auto& [id, short_form] : names::kTierShort)
            if (id == t.id) c.names.emplace_back(short_form);
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<NameChoice> state_choices() {
    std::vector<NameChoice> out;
    for (auto s : {ApplicationState::draft, ApplicationState::submitted, ApplicationState::approved,
                   ApplicationState::rejected, ApplicationState::withdrawn}) {
        NameChoice c{std::string(state_id(s)), {names::application_state(s)}};
        out.push_back(std::move(c));
    }
    // The Chinese names whatever the interface language: a clerk may type them under LANG=C.
    const char* zh[] = {"草稿", "已提交", "已通过", "未通过", "已撤回"};
    for (std::size_t i = 0; i < out.size(); ++i) out[i].names.emplace_back(zh[i]);
    out[1].names.emplace_back("待审核");
    out[3].names.emplace_back("已驳回");
    return out;
}

std::vector<NameChoice> chain_choices() {
    std::vector<NameChoice> out;
    for (const auto& c : kChains) {
        NameChoice choice{std::string(c.id), {std::string(c.zh)}};
        if (auto en = names::lookup(names::kChainEnglish, c.id); !en.empty())
            choice.names.emplace_back(en);
        out.push_back(std::move(choice));
    }
    return out;
}

std::vector<NameChoice> role_choices() {
    std::vector<NameChoice> out;
    for (Role r : {Role::clerk, Role::reviewer, Role::admin})
        out.push_back({std::string(role_id(r)), {std::string(role_zh(r)), names::role(r)}});
    return out;
}

std::vector<NameChoice> review_level_choices() {
    return {{"county", {"县级", "县", names::review_level("county")}},
            {"city", {"市级", "市", names::review_level("city")}},
            {"province", {"省级", "省", names::review_level("province")}},
            {"national", {"国家级", "国家", names::review_level("national")}}};
}

std::string resolve_tier(std::string_view typed) {
    return resolve_name(typed, tier_choices(), _("tier"));
}
std::string resolve_state(std::string_view typed) {
    return resolve_name(typed, state_choices(), _("state"));
}
std::string resolve_chain(std::string_view typed) {
    return resolve_name(typed, chain_choices(), _("industry chain"));
}
std::string resolve_role(std::string_view typed) {
    return resolve_name(typed, role_choices(), _("role"));
}
std::string resolve_review_level(std::string_view typed) {
    return resolve_name(typed, review_level_choices(), _("review level"));
}

}  // namespace ladder
