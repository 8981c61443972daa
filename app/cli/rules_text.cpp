#include "rules_text.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

#include "model/atomic_file.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/measures.hpp"
#include "text_table.hpp"
#include "model/names.hpp"

namespace ladder::cli {

bool chinese_ui() {
    return ui_is_chinese();
}

std::string tier_label(const TierRules& t) {
    return chinese_ui() || t.en.empty() ? t.zh : t.en;
}
std::string tier_label(const RuleSet& rules, const std::string& tier) {
    const TierRules* t = rules.find_tier(tier);
    return t ? tier_label(*t) : names::tier(tier);
}
std::string rule_set_label(const RuleSet& rules) {
    return chinese_ui() && !rules.name.empty() ? rules.name : rules.id;
}
std::string rule_set_label(std::string_view id) {
    return names::rule_set(id);
}
std::string criterion_label(const Criterion& c) {
    return names::criterion(c);
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += sep;
        out += p;
    }
    return out;
}

std::string verdict_symbol(Verdict v) {
    return v == Verdict::pass ? "✓" : v == Verdict::fail ? "✗" : "?";
}
std::string verdict_symbol(TierVerdict v) {
    return v == TierVerdict::eligible ? "✓" : v == TierVerdict::ineligible ? "✗" : "?";
}

// Firm fields the rules read, with their column labels (docs/import.md, README "Import rules").
std::string firm_field_label(const std::string& field) {
    static const std::map<std::string, std::string> zh = {
        {"niche_since", "细分领域起始年份"}, {"hnte_field", "高新技术领域"},
        {"industry_code", "行业代码"},       {"founded", "成立日期"},
        {"listed_on", "上市日期"},           {"control", "控股股东或所属集团"}};
    auto it = zh.find(field);
    return chinese_ui() && it != zh.end() ? it->second : names::firm_field(field);
}

// "研发费用（2019年）", "R&D expense (2019)", "细分领域起始年份", "美元兑人民币汇率(2020)".
std::string input_label(const MissingInput& in, const RuleSet& rules) {
    switch (in.kind) {
        case MissingInput::Kind::figure: {
            return names::measure(in.name, in.year);
        }
        case MissingInput::Kind::firm_field:
            return firm_field_label(in.name);
        case MissingInput::Kind::parameter: {
            const RuleParameter* p = rules.find_parameter(in.name);
            std::string name = p && chinese_ui() && !p->zh.empty() ? p->zh : in.name;
            return fmt::format(fmt::runtime(_("parameter {} ({})")), name, in.year);
        }
    }
    return in.to_string();
}

std::string kind_text(MissingInput::Kind k) {
    return k == MissingInput::Kind::figure       ? "figure"
           : k == MissingInput::Kind::firm_field ? "firm_field"
                                                 : "parameter";
}

// Cuts `text` to `width` display columns (ending in … when cut) and pads it with spaces.
std::string fit(const std::string& text, std::size_t width) {
    std::size_t total = display_width(text);
    if (total <= width) return text + std::string(width - total, ' ');
    std::string out;
    std::size_t w = 0;
    for (std::size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        std::string ch = text.substr(i, len);
        std::size_t cw = display_width(ch);
        if (w + cw + 1 > width) break;  // keep one column for the ellipsis
        out += ch;
        w += cw;
        i += len;
    }
    out += "…";
    return out + std::string(width > w + 1 ? width - w - 1 : 0, ' ');
}

// Appends one CSV field, quoted only when it holds a comma, quote or line break (RFC 4180).
void append_csv_field(std::string& buf, const std::string& field) {
    if (std::none_of(field.begin(), field.end(),
                     [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; })) {
        buf += field;
        return;
    }
    buf += '"';
    for (char c : field) {
        if (c == '"') buf += '"';
        buf += c;
    }
    buf += '"';
}

// The tiers asked for: all of the rule set's, or the one --tier names (a usage error when the
// rule set has no such tier).
std::vector<const TierRules*> select_tiers(const RuleSet& rules, const std::string& tier) {
    std::vector<const TierRules*> out;
    if (tier.empty()) {
        for (const auto& t : rules.tiers) out.push_back(&t);
        return out;
    }
    const TierRules* t = rules.find_tier(tier);
    if (!t) {
        std::vector<std::string> ids;
        for (const auto& x : rules.tiers) ids.push_back(x.id);
        throw UsageError(fmt::format(fmt::runtime(_("rule set {} has no tier '{}' (tiers: {})")),
                                     rule_set_label(rules), tier, join(ids, ", ")));
    }
    out.push_back(t);
    return out;
}

Output::Output(Context& ctx, std::string path) : ctx_(ctx), path_(std::move(path)) {
    if (path_ == "-") return;
    tmp_ = temporary_path_for(path_).string();
    file_.open(tmp_, std::ios::binary | std::ios::trunc);
    if (!file_) throw std::runtime_error(fmt::format(fmt::runtime(_("cannot write {}")), path_));
}

Output::~Output() {
    if (!tmp_.empty() && !done_) {
        file_.close();
        std::remove(tmp_.c_str());
    }
}

void Output::finish() {
    if (path_ == "-") {
        ctx_.out->flush();
        return;
    }
    file_.close();
    if (!file_ || std::rename(tmp_.c_str(), path_.c_str()) != 0)
        throw std::runtime_error(fmt::format(fmt::runtime(_("cannot write {}")), path_));
    done_ = true;
}

}  // namespace ladder::cli
