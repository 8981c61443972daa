#pragma once
// Reading a rule set's TOML (model/src/rules/loader.cpp): errors gathered with their line, a
// table reader that reports misspelt keys, exact numbers, and the sections read on their own.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <toml.hpp>

#include "model/errors.hpp"
#include "model/rational.hpp"
#include "model/rules/rule_set.hpp"

namespace ladder::rules_detail::toml_reading {

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
std::vector<std::string> string_list(const Toml* v, Errors& errors, const std::string& context);
// A decimal written as text ("8.5%", "6.9762") or a whole number; floats are refused because a
// binary float cannot hold 6.9762 exactly.
std::optional<Rational> exact_number(const Toml& v, Errors& errors, const std::string& context);
std::optional<int> year_key(const std::string& key);
// Lines into a string value: a multi-line string starts on the line after its opening quotes.
int first_text_line(const Toml& v);

// The sections (loader_sections.cpp).
void read_parameters(const Toml& root, RuleSet& rs, Errors& errors);
// A tier's own keys (names, validity, review levels…), before its criteria.
void read_tier_header(const Toml& tv, TierRules& tier, TableReader& reader, Errors& errors,
                      const std::string& context);
void read_rounds(const Toml* rounds, RuleSet& rs, Errors& errors);
void read_quotas(const Toml* quotas, RuleSet& rs, Errors& errors);

}  // namespace ladder::rules_detail::toml_reading
