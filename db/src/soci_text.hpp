#pragma once
// Small helpers the repositories share for text columns: a nullable TEXT bound for reading or
// writing, and lists kept in one column with a separator.
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "model/date.hpp"

namespace ladder {

struct OptText {
    std::string value;
    soci::indicator ind = soci::i_null;
    OptText() = default;
    explicit OptText(const std::optional<std::string>& v)
        : value(v.value_or("")), ind(v ? soci::i_ok : soci::i_null) {}
    explicit OptText(const std::optional<Date>& d)
        : value(d ? d->to_string() : ""), ind(d ? soci::i_ok : soci::i_null) {}
    std::optional<std::string> text() const {
        return ind == soci::i_ok ? std::optional<std::string>(value) : std::nullopt;
    }
    std::optional<Date> date() const {
        return ind == soci::i_ok ? Date::parse(value) : std::nullopt;
    }
};

inline std::vector<std::string> split_text(const std::string& text, char sep) {
    std::vector<std::string> out;
    if (text.empty()) return out;
    std::size_t start = 0;
    for (;;) {
        auto pos = text.find(sep, start);
        out.push_back(text.substr(start, pos - start));
        if (pos == std::string::npos) break;
        start = pos + 1;
    }
    return out;
}

inline std::string join_text(const std::vector<std::string>& parts, char sep) {
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += sep;
        out += p;
    }
    return out;
}

}  // namespace ladder
