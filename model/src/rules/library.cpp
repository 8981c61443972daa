// Rule-set library (one file per rule set), the figures a rule set reads, and lint advice.
#include <algorithm>
#include <functional>
#include <set>

#include <fmt/format.h>

#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/resources.hpp"
#include "model/rules/rule_set.hpp"
#include "rules/expression.hpp"

namespace ladder {

using namespace rules_detail;

const RuleSetLibrary& RuleSetLibrary::shipped() {
    static const RuleSetLibrary library = load_directory(resource_dir() / "rules");
    return library;
}

RuleSetLibrary RuleSetLibrary::load_directory(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".toml")
            files.push_back(entry.path());
    if (ec)
        throw InputError(
            {{dir.filename().string(), 0, "", _("cannot read the rule-set directory")}});
    std::sort(files.begin(), files.end());
    RuleSetLibrary library;
    std::vector<CellError> errors;
    for (const auto& f : files) {
        try {
            library.add(load_rule_set(f));
        } catch (const InputError& e) {
            errors.insert(errors.end(), e.errors().begin(), e.errors().end());
        }
    }
    if (!errors.empty()) throw InputError(std::move(errors));
    return library;
}

void RuleSetLibrary::add(RuleSet rules) {
    for (const auto& other : rule_sets_) {
        if (other.id == rules.id)
            throw InputError({{rules.file, 0, "",
                               fmt::format(fmt::runtime(_("rule set '{}' is also defined in {}")),
                                           rules.id, other.file)}});
        int a_end = rules.last_year.value_or(9999), b_end = other.last_year.value_or(9999);
        if (rules.first_year <= b_end && other.first_year <= a_end)
            throw InputError(
                {{rules.file, 0, "",
                  fmt::format(
                      fmt::runtime(_("rule set '{}' covers years that '{}' ({}) also covers")),
                      rules.id, other.id, other.file)}});
    }
    rule_sets_.push_back(std::move(rules));
    std::sort(rule_sets_.begin(), rule_sets_.end(),
              [](const RuleSet& a, const RuleSet& b) { return a.first_year < b.first_year; });
}

const RuleSet* RuleSetLibrary::for_year(int assessment_year) const {
    for (const auto& rs : rule_sets_)
        if (rs.applies_to(assessment_year)) return &rs;
    return nullptr;
}

std::string_view to_string(CaseKind kind) {
    return kind == CaseKind::re_review ? "re_review" : "new";
}

std::optional<CaseKind> parse_case_kind(std::string_view text) {
    if (text == "new") return CaseKind::new_application;
    if (text == "re_review" || text == "re-review") return CaseKind::re_review;
    return std::nullopt;
}

const Round* RuleSet::find_round(int assessment_year, std::string_view tier, CaseKind kind) const {
    for (const auto& r : rounds)
        if (r.year == assessment_year && r.tier == tier && (!r.kind || *r.kind == kind)) return &r;
    return nullptr;
}

const RuleSet* RuleSetLibrary::in_force(int assessment_year, const Date& decided_on) const {
    const RuleSet* rs = for_year(assessment_year);
    while (rs && rs->in_force && decided_on < *rs->in_force) {
        const RuleSet* before = nullptr;  // rule_sets_ ascend by first year
        for (const auto& other : rule_sets_)
            if (other.first_year < rs->first_year) before = &other;
        rs = before;
    }
    return rs;
}

const RuleSet* RuleSetLibrary::find(std::string_view id) const {
    for (const auto& rs : rule_sets_)
        if (rs.id == id) return &rs;
    return nullptr;
}

namespace {

void walk_value(const Value& v, const std::function<void(const Value&)>& visit) {
    visit(v);
    for (const auto& a : v.args) walk_value(*a, visit);
    for (const auto& b : v.bands)
        if (b.value) walk_value(*b.value, visit);
}

void walk_test(const Test& t, const std::function<void(const Test&)>& on_test,
               const std::function<void(const Value&)>& on_value) {
    on_test(t);
    for (const auto& v : t.values) walk_value(*v, on_value);
    for (const auto& p : t.parts) walk_test(*p, on_test, on_value);
}

// A structural key of a value, equal for values written alike ("revenue@L+0"); empty for
// values that cannot be compared this way (bands).
std::string value_key(const Value& v) {
    auto year = [](const YearRef& y) {
        return fmt::format("{}{:+d}", y.per_year ? "y" : "L", y.offset);
    };
    auto args = [&](const char* op) {
        std::string s = std::string(op) + "(";
        for (const auto& a : v.args) {
            std::string k = value_key(*a);
            if (k.empty()) return std::string();
            s += k + ",";
        }
        return s + ")";
    };
    switch (v.kind) {
        case ValueKind::constant:
            return fmt::format("{}/{}", static_cast<long long>(v.constant.num()),
                               static_cast<long long>(v.constant.den()));
        case ValueKind::figure:
            return fmt::format("{}@{}", measure_info(v.measure).id, year(v.year));
        case ValueKind::sum: {
            std::string s = fmt::format("sum:{}@", measure_info(v.measure).id);
            for (const auto& y : v.years) s += year(y) + ",";
            return s;
        }
        case ValueKind::sum_window:
            return fmt::format("sumW:{}", measure_info(v.measure).id);
        case ValueKind::sum_recorded:
            return fmt::format("sumR:{}", measure_info(v.measure).id);
        case ValueKind::param:
            return fmt::format("param:{}@{}", v.param_index, year(v.year));
        case ValueKind::age:
            return "age";
        case ValueKind::years_in_niche:
            return "years_in_niche";
        case ValueKind::hnte_field:
            return "hnte_field";
        case ValueKind::add:
            return args("add");
        case ValueKind::sub:
            return args("sub");
        case ValueKind::mul:
            return args("mul");
        case ValueKind::neg:
            return args("neg");
        case ValueKind::ratio:
            return args("ratio");
        case ValueKind::max:
            return args("max");
        case ValueKind::min:
            return args("min");
        case ValueKind::bands:
            return {};
    }
    return {};
}

// A bound a tier requires of one value whatever else holds: `value op constant` as a criterion
// of its own or inside an "and" (not inside "any of"), e.g. revenue(L) >= 5000.
struct Bound {
    std::string key;
    bool lower = true;  // >=, > (else <=, <)
    bool strict = false;
    Rational value;
    const Criterion* criterion = nullptr;
    std::string text;
};

void required_bounds(const Test& t, const Criterion& c, std::vector<Bound>& out,
                     std::set<std::size_t>& prerequisites) {
    if (t.kind == TestKind::all) {
        for (const auto& p : t.parts) required_bounds(*p, c, out, prerequisites);
        return;
    }
    if (t.kind == TestKind::holds) {
        if (!t.negated) prerequisites.insert(t.tier_index);
        return;
    }
    if (t.kind != TestKind::compare) return;
    for (std::size_t i = 0; i < t.ops.size(); ++i) {
        const Value* subject = t.values[i].get();
        const Value* bound = t.values[i + 1].get();
        CompareOp op = t.ops[i];
        if (subject->kind == ValueKind::constant && bound->kind != ValueKind::constant) {
            std::swap(subject, bound);
            op = op == CompareOp::ge   ? CompareOp::le
                 : op == CompareOp::gt ? CompareOp::lt
                 : op == CompareOp::le ? CompareOp::ge
                 : op == CompareOp::lt ? CompareOp::gt
                                       : op;
        }
        if (bound->kind != ValueKind::constant || subject->kind == ValueKind::constant) continue;
        if (op == CompareOp::eq || op == CompareOp::ne) continue;
        std::string key = value_key(*subject);
        if (key.empty()) continue;
        out.push_back({key, op == CompareOp::ge || op == CompareOp::gt,
                       op == CompareOp::gt || op == CompareOp::lt, bound->constant, &c, t.text});
    }
}

}  // namespace

std::vector<FigureNeed> figures_read(const RuleSet& rules, int assessment_year,
                                     std::string_view tier) {
    int l = assessment_year - 1;
    std::set<FigureNeed> needs;
    auto on_value = [&](const Value& v) {
        switch (v.kind) {
            case ValueKind::figure:
                if (v.year.per_year)
                    for (int y = l - 2; y <= l; ++y) needs.insert({v.measure, y + v.year.offset});
                else
                    needs.insert({v.measure, l + v.year.offset});
                break;
            case ValueKind::sum:
                for (const auto& y : v.years) needs.insert({v.measure, l + y.offset});
                break;
            case ValueKind::sum_window:
                for (int y = l - 2; y <= l; ++y) needs.insert({v.measure, y});
                break;
            case ValueKind::sum_recorded:
                needs.insert({v.measure, l});
                break;
            default:
                break;
        }
    };
    for (const auto& t : rules.tiers) {
        if (!tier.empty() && t.id != tier) continue;
        for (const auto& c : t.criteria)
            if (c.test)
                walk_test(
                    *c.test,
                    [&](const Test& test) {
                        // controlled_holds() also reads the clerk's common_control of L.
                        if (test.kind == TestKind::controlled_holds)
                            needs.insert({Measure::common_control, l});
                    },
                    on_value);
    }
    return {needs.begin(), needs.end()};
}

std::vector<std::string> lint_rule_set(const RuleSet& rules) {
    std::vector<std::string> notes;
    // Prerequisites: tier → tiers its criteria ask holds() of.
    std::vector<std::set<std::size_t>> requires_tier(rules.tiers.size());
    std::set<std::size_t> params_used;
    for (std::size_t i = 0; i < rules.tiers.size(); ++i)
        for (const auto& c : rules.tiers[i].criteria)
            if (c.test)
                walk_test(
                    *c.test,
                    [&](const Test& t) {
                        if (t.kind == TestKind::holds && !t.negated)
                            requires_tier[i].insert(t.tier_index);
                    },
                    [&](const Value& v) {
                        if (v.kind == ValueKind::param) params_used.insert(v.param_index);
                    });
    // A cycle means no firm can ever be recognised for the tiers on it.
    std::vector<int> state(rules.tiers.size(), 0);  // 0 new, 1 on the path, 2 done
    std::vector<std::size_t> path;
    std::function<void(std::size_t)> visit = [&](std::size_t i) {
        state[i] = 1;
        path.push_back(i);
        for (std::size_t j : requires_tier[i]) {
            if (state[j] == 1) {
                std::string cycle;
                auto start = std::find(path.begin(), path.end(), j);
                for (auto it = start; it != path.end(); ++it) cycle += rules.tiers[*it].id + " → ";
                cycle += rules.tiers[j].id;
                notes.push_back(fmt::format(fmt::runtime(_("prerequisite cycle: {}")), cycle));
            } else if (state[j] == 0) {
                visit(j);
            }
        }
        path.pop_back();
        state[i] = 2;
    };
    for (std::size_t i = 0; i < rules.tiers.size(); ++i)
        if (state[i] == 0) visit(i);

    // A tier that asks less of a value than a tier it requires (e.g. revenue ≥ 500 where its
    // prerequisite asks revenue ≥ 1000) is probably a typo: the higher tier should be stricter.
    std::vector<std::vector<Bound>> bounds(rules.tiers.size());
    std::vector<std::set<std::size_t>> prerequisites(rules.tiers.size());
    for (std::size_t i = 0; i < rules.tiers.size(); ++i)
        for (const auto& c : rules.tiers[i].criteria)
            if (c.test) required_bounds(*c.test, c, bounds[i], prerequisites[i]);
    for (std::size_t i = 0; i < rules.tiers.size(); ++i)
        for (std::size_t p : prerequisites[i]) {
            if (p == i) continue;
            for (const auto& mine : bounds[i])
                for (const auto& theirs : bounds[p]) {
                    if (mine.key != theirs.key || mine.lower != theirs.lower) continue;
                    bool looser =
                        mine.lower ? (mine.value < theirs.value ||
                                      (mine.value == theirs.value && theirs.strict && !mine.strict))
                                   : (mine.value > theirs.value || (mine.value == theirs.value &&
                                                                    theirs.strict && !mine.strict));
                    if (looser)
                        notes.push_back(
                            fmt::format(fmt::runtime(_("tier {} is looser than its prerequisite "
                                                       "{}: {} asks {} where {} asks {}")),
                                        rules.tiers[i].id, rules.tiers[p].id, mine.criterion->id,
                                        mine.text, theirs.criterion->id, theirs.text));
                }
        }

    for (const auto& t : rules.tiers) {
        if (t.assumed)
            notes.push_back(fmt::format(fmt::runtime(_("tier {} is assumed: {}")), t.id, t.note));
        for (const auto& c : t.criteria) {
            if (c.source.empty() && t.source.empty())
                notes.push_back(fmt::format(fmt::runtime(_("{}: no source document")), c.id));
            if (c.assumed)
                notes.push_back(fmt::format(fmt::runtime(_("{} is assumed: {}")), c.id, c.note));
        }
    }
    int last_y = rules.first_year;
    if (rules.last_year) {
        last_y = *rules.last_year;
    } else {
        for (const auto& p : rules.parameters)
            if (!p.values.empty()) last_y = std::max(last_y, p.values.rbegin()->first + 1);
    }
    for (std::size_t i = 0; i < rules.parameters.size(); ++i) {
        const RuleParameter& p = rules.parameters[i];
        for (const auto& [year, v] : p.values)
            if (v.assumed)
                notes.push_back(fmt::format(fmt::runtime(_("parameter {}({}) = {} is assumed: {}")),
                                            p.id, year, v.text, v.note));
        if (!params_used.count(i)) {
            notes.push_back(
                fmt::format(fmt::runtime(_("parameter {} is not used by any criterion")), p.id));
            continue;
        }
        for (int y = rules.first_year; y <= last_y; ++y)
            if (!p.value_for(y - 1))
                notes.push_back(fmt::format(
                    fmt::runtime(_("parameter {} has no value for {} (assessment year {}): "
                                   "criteria using it will be missing")),
                    p.id, y - 1, y));
    }
    return notes;
}

}  // namespace ladder
