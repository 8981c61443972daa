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
#include "rules/toml_reading.hpp"
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

using namespace rules_detail::toml_reading;

const std::set<std::string, std::less<>> kUnitKinds = {"money", "score", "count", "rank", "years"};

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
                if (!measure || measure_info(*measure).kind != MeasureKind::flag)
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

    read_rounds(top.find("rounds"), rs, errors);
    read_quotas(top.find("quotas"), rs, errors);
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
