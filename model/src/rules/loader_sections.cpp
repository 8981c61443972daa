// The rule set's sections read on their own — [parameters], [[rounds]], [quotas] — and the
// small readers every section shares.
#include <fmt/format.h>

#include "model/i18n.hpp"
#include "rules/toml_reading.hpp"

namespace ladder::rules_detail::toml_reading {

namespace {

const std::set<std::string, std::less<>> kReviewLevels = {"county", "city", "province", "national"};

}  // namespace

// A list of texts, e.g. waive = ["a.b", "c.d"]; reports anything else.
std::vector<std::string> string_list(const Toml* v, Errors& errors, const std::string& context) {
    std::vector<std::string> out;
    if (!v) return out;
    if (!v->is_array()) {
        errors.add(*v,
                   fmt::format(fmt::runtime(_("{}: expected a list of texts in quotes")), context));
        return out;
    }
    for (const auto& item : v->as_array()) {
        if (item.is_string())
            out.push_back(item.as_string().str);
        else
            errors.add(item, fmt::format(fmt::runtime(_("{}: expected a list of texts in quotes")),
                                         context));
    }
    return out;
}

// A decimal written as text ("8.5%", "6.9762") or a whole number; floats are refused because a
// binary float cannot hold 6.9762 exactly.
std::optional<Rational> exact_number(const Toml& v, Errors& errors, const std::string& context) {
    if (v.is_integer()) return Rational(static_cast<int64_t>(v.as_integer()));
    if (v.is_string()) {
        if (auto r = Rational::parse(v.as_string().str)) return r;
        errors.add(v, fmt::format(fmt::runtime(_("{}: '{}' is not a number")), context,
                                  v.as_string().str));
        return std::nullopt;
    }
    if (v.is_floating()) {
        errors.add(
            v, fmt::format(
                   fmt::runtime(_("{}: write decimals in quotes (\"8.5%\") so they stay exact")),
                   context));
        return std::nullopt;
    }
    errors.add(v, fmt::format(fmt::runtime(_("{}: expected a number")), context));
    return std::nullopt;
}

std::optional<int> year_key(const std::string& key) {
    if (key.size() != 4 || key.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoi(key);
}

// Lines into a string value: a multi-line string starts on the line after its opening quotes.
int first_text_line(const Toml& v) {
    int line = Errors::line_of(v);
    std::string first = v.location().line_str();
    while (!first.empty() && (first.back() == ' ' || first.back() == '\r')) first.pop_back();
    if (first.size() >= 3 && (first.ends_with("\"\"\"") || first.ends_with("'''"))) ++line;
    return line;
}

void read_parameters(const Toml& root, RuleSet& rs, Errors& errors) {
    if (!root.contains("parameters")) return;
    const Toml& params = root.at("parameters");
    if (!params.is_table()) {
        errors.add(params, _("'parameters' must be a table of [parameters.<id>] sections"));
        return;
    }
    for (const auto& [id, table] : params.as_table()) {
        RuleParameter p;
        p.id = id;
        std::string context = "parameters." + id;
        if (!table.is_table()) {
            errors.add(table, fmt::format(fmt::runtime(_("{}: expected a table")), context));
            continue;
        }
        TableReader reader(table, errors, context);
        p.zh = reader.string("zh", true);
        p.en = reader.string("en", false);
        for (const auto& [key, v] : table.as_table()) {
            auto year = year_key(key);
            if (!year) continue;
            reader.find(key);
            ParameterValue pv;
            pv.line = Errors::line_of(v);
            std::string year_context = fmt::format("{}.{}", context, key);
            const Toml* number = &v;
            if (v.is_table()) {
                TableReader value_reader(v, errors, year_context);
                number = value_reader.find("value");
                pv.assumed = value_reader.boolean("assumed");
                pv.note = value_reader.string("note", pv.assumed);
                value_reader.finish();
                if (!number) {
                    errors.add(
                        v, fmt::format(fmt::runtime(_("{}: 'value' is required")), year_context));
                    continue;
                }
            }
            auto r = exact_number(*number, errors, year_context);
            if (!r) continue;
            pv.value = *r;
            pv.text = number->is_string() ? number->as_string().str
                                          : std::to_string(number->as_integer());
            p.values[*year] = pv;
        }
        reader.finish();
        rs.parameters.push_back(std::move(p));
    }
    std::sort(rs.parameters.begin(), rs.parameters.end(),
              [](const RuleParameter& a, const RuleParameter& b) { return a.id < b.id; });
}

void read_tier_header(const Toml& tv, TierRules& tier, TableReader& reader, Errors& errors,
                      const std::string& context) {
    tier.zh = reader.string("zh", true);
    tier.en = reader.string("en", false);
    tier.source = reader.string("source", false);
    tier.assumed = reader.boolean("assumed");
    tier.note = reader.string("note", tier.assumed);
    if (const Toml* v = reader.find("negative_list")) {
        if (!v->is_boolean())
            errors.add(*v, _("'negative_list' must be true or false"));
        else
            tier.negative_list = v->as_boolean();
    }
    if (const Toml* v = reader.find("validity_years")) {
        if (v->is_integer() && v->as_integer() >= 1 && v->as_integer() <= 100) {
            tier.validity_years = static_cast<int>(v->as_integer());
        } else if (!(v->is_string() && v->as_string().str == "none")) {
            errors.add(
                *v,
                fmt::format(
                    fmt::runtime(_("{}: 'validity_years' must be a number of years or \"none\"")),
                    context));
        }
    } else {
        errors.add(
            tv,
            fmt::format(fmt::runtime(_("{}: 'validity_years' is required (a number or \"none\")")),
                        context));
    }
    if (const Toml* v = reader.find("review_levels")) {
        if (!v->is_array()) {
            errors.add(*v,
                       fmt::format(fmt::runtime(_("{}: 'review_levels' must be a list")), context));
        } else {
            for (const auto& level : v->as_array()) {
                if (level.is_string() && kReviewLevels.count(level.as_string().str))
                    tier.review_levels.push_back(level.as_string().str);
                else
                    errors.add(level,
                               fmt::format(fmt::runtime(_("{}: review level must be one of county, "
                                                          "city, province, national")),
                                           context));
            }
        }
    }
}

// [[rounds]]: the rounds of review a rule set names (a new recognition, a re-review), each of
// one tier, and the criteria that name them.
void read_rounds(const Toml* rounds, RuleSet& rs, Errors& errors) {
    if (rounds) {
        if (!rounds->is_array()) {
            errors.add(*rounds, _("'rounds' must be a list of [[rounds]] tables"));
        } else {
            for (const auto& rv : rounds->as_array()) {
                Round r;
                TableReader reader(rv, errors, "round");
                r.id = reader.string("id", true);
                std::string context = r.id.empty() ? std::string("round") : "round " + r.id;
                TableReader named(rv, errors, context);
                named.find("id");
                r.zh = named.string("zh", true);
                r.en = named.string("en", false);
                if (auto year = named.integer("year", true)) r.year = static_cast<int>(*year);
                r.tier = named.string("tier", true);
                std::string kind = named.string("kind", false);
                if (!kind.empty()) {
                    r.kind = parse_case_kind(kind);
                    if (!r.kind)
                        errors.add(rv.at("kind"),
                                   fmt::format(fmt::runtime(_("{}: kind must be \"new\" or "
                                                              "\"re_review\", not \"{}\"")),
                                               context, kind));
                }
                r.standard = named.string("standard", false);
                r.waive = string_list(named.find("waive"), errors, context);
                r.source = named.string("source", false);
                r.note = named.string("note", false);
                r.line = Errors::line_of(rv);
                named.finish();
                const TierRules* tier = rs.find_tier(r.tier);
                if (!r.tier.empty() && !tier)
                    errors.add(
                        rv, fmt::format(fmt::runtime(_("{}: unknown tier '{}'")), context, r.tier));
                // Criteria another standard waives are checked where it is loaded with this one
                // (RuleSetLibrary); this rule set's own are checked here.
                if (tier && r.standard.empty())
                    for (const auto& id : r.waive)
                        if (!rs.find_criterion(id) || id.rfind(r.tier + ".", 0) != 0)
                            errors.add(rv, fmt::format(
                                               fmt::runtime(_("{}: waives '{}', not a criterion of "
                                                              "tier {}")),
                                               context, id, r.tier));
                for (const auto& other : rs.rounds)
                    if (!r.id.empty() && other.id == r.id)
                        errors.add(
                            rv, fmt::format(fmt::runtime(_("round '{}' is defined twice")), r.id));
                rs.rounds.push_back(std::move(r));
            }
            // A criterion's rounds must name rounds of its own tier.
            for (const auto& tier : rs.tiers)
                for (const auto& c : tier.criteria)
                    for (const auto& id : c.rounds) {
                        bool known = false;
                        for (const auto& r : rs.rounds) known |= r.id == id && r.tier == tier.id;
                        if (!known)
                            errors.add(c.line,
                                       fmt::format(fmt::runtime(_("{}: no round '{}' of tier {}")),
                                                   c.id, id, tier.id));
                    }
        }
    } else {
        for (const auto& tier : rs.tiers)
            for (const auto& c : tier.criteria)
                if (!c.rounds.empty())
                    errors.add(c.line, fmt::format(fmt::runtime(_("{}: no round '{}' of tier {}")),
                                                   c.id, c.rounds.front(), tier.id));
    }
}

// [quotas.<year>]: the plan's province target per tier for a year.
void read_quotas(const Toml* quotas, RuleSet& rs, Errors& errors) {
    if (quotas) {
        if (!quotas->is_table()) {
            errors.add(*quotas, _("'quotas' must be a table of [quotas.<year>] sections"));
        } else {
            for (const auto& [key, table] : quotas->as_table()) {
                auto year = year_key(key);
                if (!year || !table.is_table()) {
                    errors.add(
                        table,
                        fmt::format(fmt::runtime(_(
                                        "quotas.{}: expected [quotas.<year>] with tier = number")),
                                    key));
                    continue;
                }
                for (const auto& [tier, q] : table.as_table()) {
                    if (!rs.find_tier(tier))
                        errors.add(q, fmt::format(fmt::runtime(_("quotas.{}: unknown tier '{}'")),
                                                  key, tier));
                    else if (!q.is_integer() || q.as_integer() < 0)
                        errors.add(
                            q,
                            fmt::format(fmt::runtime(_("quotas.{}.{}: must be a whole number ≥ 0")),
                                        key, tier));
                    else
                        rs.quotas[*year][tier] = q.as_integer();
                }
            }
        }
    }
}

}  // namespace ladder::rules_detail::toml_reading
