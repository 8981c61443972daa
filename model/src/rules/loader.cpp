// Reads resources/rules/*.toml into a RuleSet, validating every key, name and expression.
#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <toml.hpp>

#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/rules/rule_set.hpp"
#include "rules/expression.hpp"
#include "rules/negative_criterion.hpp"
#include "utf8.hpp"

namespace ladder {

using rules_detail::check_definition;
using rules_detail::parse_test;
using rules_detail::ParseError;
using rules_detail::Vocabulary;

const ParameterValue* RuleParameter::value_for(int fiscal_year) const {
    auto it = values.find(fiscal_year);
    return it == values.end() ? nullptr : &it->second;
}

const TierRules* RuleSet::find_tier(std::string_view id) const {
    for (const auto& t : tiers)
        if (t.id == id) return &t;
    return nullptr;
}

const RuleParameter* RuleSet::find_parameter(std::string_view id) const {
    for (const auto& p : parameters)
        if (p.id == id) return &p;
    return nullptr;
}

const Criterion* RuleSet::find_criterion(std::string_view id) const {
    for (const auto& t : tiers)
        for (const auto& c : t.criteria)
            if (c.id == id) return &c;
    return nullptr;
}

std::optional<int64_t> RuleSet::quota(int year, std::string_view tier) const {
    auto y = quotas.find(year);
    if (y == quotas.end()) return std::nullopt;
    auto q = y->second.find(std::string(tier));
    return q == y->second.end() ? std::nullopt : std::optional<int64_t>(q->second);
}

std::string RuleSet::unit(std::string_view kind) const {
    auto it = units.find(std::string(kind));
    return it == units.end() ? std::string() : it->second;
}

TierCatalog RuleSet::tier_catalog() const {
    std::vector<TierInfo> infos;
    infos.reserve(tiers.size());
    for (const auto& t : tiers) infos.push_back({t.id, t.zh, t.validity_years});
    return TierCatalog(std::move(infos));
}

namespace {

using Toml = toml::value;

class Errors {
  public:
    explicit Errors(std::string file) : file_(std::move(file)) {}
    void add(int line, std::string reason) {
        list_.push_back({file_, line, "", std::move(reason)});
    }
    void add(const Toml& at, std::string reason) { add(line_of(at), std::move(reason)); }
    bool empty() const { return list_.empty(); }
    void throw_if_any() {
        if (list_.empty()) return;
        std::stable_sort(list_.begin(), list_.end(),
                         [](const CellError& a, const CellError& b) { return a.row < b.row; });
        throw InputError(std::move(list_));
    }
    static int line_of(const Toml& v) { return static_cast<int>(v.location().line()); }
    const std::string& file() const { return file_; }

  private:
    std::string file_;
    std::vector<CellError> list_;
};

// Reads one TOML table, remembering which keys were used so that a misspelt key is reported
// instead of silently ignored.
class TableReader {
  public:
    TableReader(const Toml& table, Errors& errors, std::string context)
        : table_(table), errors_(errors), context_(std::move(context)) {}

    const Toml* find(const std::string& key) {
        used_.insert(key);
        if (!table_.is_table()) return nullptr;
        const auto& t = table_.as_table();
        auto it = t.find(key);
        return it == t.end() ? nullptr : &it->second;
    }

    std::string string(const std::string& key, bool required) {
        const Toml* v = find(key);
        if (!v) {
            if (required)
                errors_.add(table_,
                            fmt::format(fmt::runtime(_("{}: '{}' is required")), context_, key));
            return {};
        }
        if (!v->is_string()) {
            errors_.add(
                *v, fmt::format(fmt::runtime(_("{}: '{}' must be text in quotes")), context_, key));
            return {};
        }
        std::string s = v->as_string().str;
        if (required && s.empty())
            errors_.add(*v,
                        fmt::format(fmt::runtime(_("{}: '{}' must not be empty")), context_, key));
        return s;
    }

    bool boolean(const std::string& key) {
        const Toml* v = find(key);
        if (!v) return false;
        if (!v->is_boolean()) {
            errors_.add(
                *v, fmt::format(fmt::runtime(_("{}: '{}' must be true or false")), context_, key));
            return false;
        }
        return v->as_boolean();
    }

    std::optional<int64_t> integer(const std::string& key, bool required) {
        const Toml* v = find(key);
        if (!v) {
            if (required)
                errors_.add(table_,
                            fmt::format(fmt::runtime(_("{}: '{}' is required")), context_, key));
            return std::nullopt;
        }
        if (!v->is_integer()) {
            errors_.add(
                *v, fmt::format(fmt::runtime(_("{}: '{}' must be a whole number")), context_, key));
            return std::nullopt;
        }
        return v->as_integer();
    }

    // Reports keys that were never asked for.
    void finish() {
        if (!table_.is_table()) return;
        std::vector<std::pair<int, std::string>> unknown;
        for (const auto& [key, v] : table_.as_table())
            if (!used_.count(key)) unknown.push_back({Errors::line_of(v), key});
        std::sort(unknown.begin(), unknown.end());
        for (const auto& [line, key] : unknown)
            errors_.add(line, fmt::format(fmt::runtime(_("{}: unknown key '{}'")), context_, key));
    }

  private:
    const Toml& table_;
    Errors& errors_;
    std::string context_;
    std::set<std::string> used_;
};

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

const std::set<std::string, std::less<>> kReviewLevels = {"county", "city", "province", "national"};
const std::set<std::string, std::less<>> kUnitKinds = {"money", "score", "count", "rank", "years"};

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

}  // namespace

RuleSet parse_rule_set(const std::string& text, const std::string& file_name) {
    Errors errors(file_name);
    // TOML is UTF-8 by definition, and toml11 3.7 reads out of bounds when it reports invalid
    // UTF-8 inside a literal string: such text is refused before it gets there.
    if (std::size_t bad = text_detail::first_invalid_utf8(text); bad != std::string::npos) {
        auto line = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
        errors.add(1 + static_cast<int>(line),
                   _("the file is not UTF-8 text (an invalid byte sequence); save it as UTF-8"));
        errors.throw_if_any();
    }
    Toml root;
    try {
        std::istringstream in(text);
        root = toml::parse(in, file_name);
    } catch (const toml::exception& e) {
        // toml11 quotes the offending line as " 12 | ..."; take the first such number.
        std::string what = e.what();
        int line = static_cast<int>(e.location().line());
        std::smatch m;
        static const std::regex kLine(R"(\n\s*(\d+) \|)");
        if (std::regex_search(what, m, kLine)) line = std::stoi(m[1]);
        std::string reason = what.substr(0, what.find('\n'));
        if (reason.rfind("[error] ", 0) == 0) reason = reason.substr(8);
        errors.add(line, fmt::format(fmt::runtime(_("TOML syntax error: {}")), reason));
        errors.throw_if_any();
    }

    RuleSet rs;
    rs.file = file_name;
    TableReader top(root, errors, _("rule set"));
    rs.id = top.string("id", true);
    rs.name = top.string("name", true);
    rs.name_en = top.string("name_en", false);
    top.string("source", false);
    top.string("note", false);
    if (const Toml* years = top.find("years")) {
        TableReader yr(*years, errors, "years");
        auto from = yr.integer("from", true);
        auto to = yr.integer("to", false);
        yr.finish();
        if (from) rs.first_year = static_cast<int>(*from);
        if (to) rs.last_year = static_cast<int>(*to);
        if (from && to && *to < *from) errors.add(*years, _("years: 'to' is before 'from'"));
    } else {
        errors.add(1, _("rule set: 'years' is required, e.g. years = { from = 2020, to = 2021 }"));
    }

    if (const Toml* v = top.find("in_force")) {
        std::optional<Date> day = v->is_string() ? Date::parse(v->as_string().str) : std::nullopt;
        if (!day)
            errors.add(*v,
                       _("'in_force' must be a date in quotes, e.g. in_force = \"2026-04-01\""));
        else
            rs.in_force = day;
    }

    if (const Toml* v = top.find("negative_list")) {
        if (!v->is_boolean())
            errors.add(*v, _("'negative_list' must be true or false"));
        else
            rs.negative_list = v->as_boolean();
    }

    if (const Toml* v = top.find("empty_means_no")) {
        if (!v->is_array())
            errors.add(*v, _("'empty_means_no' must be a list of yes/no measures"));
        else
            for (const auto& m : v->as_array()) {
                auto measure = m.is_string() ? find_measure(m.as_string().str) : std::nullopt;
                if (!measure || measure_info(*measure).kind != MeasureKind::Flag)
                    errors.add(
                        m, _("'empty_means_no' must list yes/no measures such as major_incident"));
                else
                    rs.empty_means_no.push_back(*measure);
            }
    }

    if (const Toml* units = top.find("units")) {
        TableReader ur(*units, errors, "units");
        for (const auto& kind : kUnitKinds) {
            std::string u = ur.string(kind, false);
            if (!u.empty()) rs.units[kind] = u;
        }
        ur.finish();
    }

    top.find("parameters");
    read_parameters(root, rs, errors);

    Vocabulary vocabulary;
    if (const Toml* defs = top.find("definitions")) {
        if (!defs->is_table()) {
            errors.add(*defs, _("'definitions' must be a table of name = \"expression\""));
        } else {
            for (const auto& [name, entry] : defs->as_table()) {
                // name = "expression", or name = { rule = "expression", zh = "label" } for a
                // value whose explanation should show it by that label.
                const Toml* rule = &entry;
                if (entry.is_table()) {
                    TableReader reader(entry, errors, "definitions." + name);
                    rule = reader.find("rule");
                    std::string zh = reader.string("zh", false);
                    reader.string("en", false);
                    reader.finish();
                    if (!rule) {
                        errors.add(entry, fmt::format(fmt::runtime(_("{}: '{}' is required")),
                                                      "definitions." + name, "rule"));
                        continue;
                    }
                    if (!zh.empty()) vocabulary.labels[name] = zh;
                }
                const Toml& v = *rule;
                if (!v.is_string()) {
                    errors.add(
                        v, fmt::format(
                               fmt::runtime(_("definitions.{}: must be an expression in quotes")),
                               name));
                    continue;
                }
                if (find_measure(name))
                    errors.add(v,
                               fmt::format(
                                   fmt::runtime(_("definitions.{}: a measure of that name exists")),
                                   name));
                vocabulary.definitions[name] = {v.as_string().str, first_text_line(v)};
            }
        }
    }

    // Tiers: ids first, so that holds() may name a tier defined further down.
    const Toml* tiers = top.find("tiers");
    std::vector<const Toml*> tier_values;
    if (!tiers || !tiers->is_array() || tiers->as_array().empty()) {
        errors.add(tiers ? Errors::line_of(*tiers) : 1,
                   _("rule set: at least one [[tiers]] section is required"));
    } else {
        for (const auto& tv : tiers->as_array()) tier_values.push_back(&tv);
    }
    for (const Toml* tv : tier_values) {
        TierRules tier;
        if (tv->is_table() && tv->contains("id") && tv->at("id").is_string())
            tier.id = tv->at("id").as_string().str;
        if (tier.id.empty() ||
            tier.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
            errors.add(*tv, _("tier: 'id' is required (lower-case letters, digits, _)"));
        else if (rs.find_tier(tier.id))
            errors.add(tv->at("id"),
                       fmt::format(fmt::runtime(_("tier '{}' is defined twice")), tier.id));
        rs.tiers.push_back(std::move(tier));
    }
    vocabulary.tier_index = [&rs](std::string_view id) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < rs.tiers.size(); ++i)
            if (!rs.tiers[i].id.empty() && rs.tiers[i].id == id) return i;
        return std::nullopt;
    };
    vocabulary.param_index = [&rs](std::string_view id) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < rs.parameters.size(); ++i)
            if (rs.parameters[i].id == id) return i;
        return std::nullopt;
    };

    for (const auto& [name, def] : vocabulary.definitions) {
        ParseError pe;
        if (!check_definition(name, vocabulary, &pe))
            errors.add(pe.definition_line + pe.line_offset,
                       fmt::format("definitions.{}: {}", name, pe.reason));
    }

    for (std::size_t ti = 0; ti < tier_values.size(); ++ti) {
        const Toml& tv = *tier_values[ti];
        TierRules& tier = rs.tiers[ti];
        std::string context = tier.id.empty() ? std::string("tier") : "tier " + tier.id;
        TableReader reader(tv, errors, context);
        reader.find("id");
        read_tier_header(tv, tier, reader, errors, context);
        const Toml* criteria = reader.find("criteria");
        if (!criteria || !criteria->is_array() || criteria->as_array().empty()) {
            errors.add(
                tv, fmt::format(fmt::runtime(_("{}: at least one [[tiers.criteria]] is required")),
                                context));
        } else {
            for (const auto& cv : criteria->as_array()) {
                Criterion c;
                TableReader cr(cv, errors, context + " criterion");
                c.id = cr.string("id", true);
                std::string criterion_context = c.id.empty() ? context : c.id;
                if (!c.id.empty() &&
                    (c.id.rfind(tier.id + ".", 0) != 0 || c.id.size() == tier.id.size() + 1))
                    errors.add(cv.at("id"),
                               fmt::format(fmt::runtime(_("{}: criterion id must be '{}.<name>'")),
                                           c.id, tier.id));
                else if (!c.id.empty() && rs.find_criterion(c.id))
                    errors.add(
                        cv.at("id"),
                        fmt::format(fmt::runtime(_("criterion '{}' is defined twice")), c.id));
                TableReader named(cv, errors, criterion_context);
                named.find("id");
                c.zh = named.string("zh", true);
                c.en = named.string("en", false);
                c.source = named.string("source", false);
                c.unit = named.string("unit", false);
                c.reviewer_confirmed = named.boolean("reviewer_confirmed");
                c.assumed = named.boolean("assumed");
                c.note = named.string("note", c.assumed);
                c.rule = named.string("rule", true);
                c.rounds = string_list(named.find("rounds"), errors, criterion_context);
                named.finish();
                if (const Toml* rv =
                        cv.is_table() && cv.contains("rule") ? &cv.at("rule") : nullptr;
                    rv && rv->is_string() && !c.rule.empty()) {
                    c.line = first_text_line(*rv);
                    ParseError pe;
                    c.test = parse_test(c.rule, vocabulary, &pe);
                    if (!c.test) {
                        if (pe.definition_line > 0)
                            errors.add(pe.definition_line + pe.line_offset,
                                       fmt::format("{}: {}", criterion_context, pe.reason));
                        else
                            errors.add(c.line + pe.line_offset,
                                       fmt::format(fmt::runtime(_("{}: {} (column {})")),
                                                   criterion_context, pe.reason, pe.column));
                    }
                }
                tier.criteria.push_back(std::move(c));
            }
        }
        reader.finish();
    }

    if (const Toml* rounds = top.find("rounds")) {
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

    if (const Toml* quotas = top.find("quotas")) {
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
    top.finish();
    errors.throw_if_any();
    for (auto& tier : rs.tiers)
        if (tier.negative_list.value_or(rs.negative_list))
            tier.negative_list_check = negative_list_criterion(tier);
    return rs;
}

RuleSet load_rule_set(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError({{path.filename().string(), 0, "", _("cannot read the file")}});
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_rule_set(text.str(), path.filename().string());
}

}  // namespace ladder
