// The stored text of audit entries ("tier=high_tech; state=submitted", keys such as
// "2020/high_tech/36") as people read it. The trail keeps the ids — its hashes cover them —
// and only what is shown is named: in a Chinese interface every field and every id value
// becomes its Chinese name; in English the stored text is already readable and shown as it is.
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "model/i18n.hpp"
#include "model/names.hpp"
#include "model/negative_list.hpp"
#include "model/title_cycle.hpp"
#include "model/workflow.hpp"

namespace ladder::names {

namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

// The Chinese label of a stored field; empty when the field is not one the trail writes.
std::string field_label(std::string_view entity, std::string_view key) {
    static const std::pair<std::string_view, std::string_view> kFields[] = {
        {"credit_code", "统一社会信用代码"},
        {"region_code", "地区"},
        {"industry_code", "行业代码"},
        {"chain", "产业链"},
        {"founded", "成立日期"},
        {"niche_since", "进入细分市场年份"},
        {"hnte_field", "属于国家重点支持的高新技术领域"},
        {"listed_on", "上市日期"},
        {"controlling_shareholder", "控股股东"},
        {"business_group", "所属集团"},
        {"year", "年度"},
        {"tier", "梯度"},
        {"approved_on", "认定日期"},
        {"valid_from", "有效期起"},
        {"valid_to", "有效期止"},
        {"doc_no", "文号"},
        {"quota", "目标任务"},
        {"target", "目标数"},
        {"rule_set", "认定规则"},
        {"cause", "退出原因"},
        {"exit_on", "退出日期"},
        {"reason", "说明"},
        {"role", "角色"},
        {"active", "启用"},
        {"state", "状态"},
        {"submitter", "申报经办人"},
        {"next_level", "待审核层级"},
        {"verdict", "结论"},
        {"publicity", "公示期"},
        {"objection", "异议"},
        {"outcome", "公示结果"},
        {"recognition_from", "称号起始日期"},
        {"kind", "申报类别"},
        {"source", "核查来源"},
        {"checked_on", "核查日期"},
        {"firms", "企业"},
        {"figures", "年度数据"},
        {"recognitions", "认定记录"},
        {"seed", "随机种子"},
        {"decision", "审核决定"},
        {"comment", "审核意见"},
        {"stage", "上市阶段"},
        {"date", "日期"},
        {"status", "确认状态"},
        {"id", "编号"},
    };
    if (key == "name") return entity == "user" ? "用户名" : "企业名称";
    for (const auto& [id, zh] : kFields)
        if (id == key) return std::string(zh);
    if (std::string m = measure(key); m != key) return m;
    return {};
}

std::string value_name(std::string_view entity, std::string_view key, std::string_view value) {
    if (value.empty()) return {};
    if (key == "tier") return tier(value);
    if (key == "region_code") {
        std::string name = region(value);
        return name == value ? std::string(value) : name + "（" + std::string(value) + "）";
    }
    if (key == "chain") return chain(value);
    if (key == "state") return application_state(value);
    if (key == "cause")
        if (auto c = parse_exit_cause(value)) return std::string(exit_cause_zh(*c));
    // The index of the review level waiting (the levels themselves are the application's).
    if (key == "next_level" && !value.empty() &&
        value.find_first_not_of("0123456789") == std::string_view::npos)
        return "第 " + std::to_string(std::stoi(std::string(value)) + 1) + " 级";
    if (key == "next_level") return review_level(value);
    if (key == "rule_set") {  // jiangxi-2020, or jiangxi-2020@sha256:… (the file's version)
        std::size_t at = value.find('@');
        std::string name = rule_set(value.substr(0, at));
        return at == std::string_view::npos
                   ? name
                   : name + "（版本 " + std::string(value.substr(at + 1)) + "）";
    }
    if (key == "outcome") return publicity_outcome(value);
    if (key == "kind" && value == "re_review") return "复核";
    if (key == "role")
        if (auto r = parse_role(value)) return role(*r);
    if (key == "verdict") {
        if (entity == "negative_check")
            if (auto v = parse_negative_verdict(value)) return std::string(negative_verdict_zh(*v));
        return verdict(value);
    }
    if (key == "active" || key == "hnte_field") return yes_no(value);
    if (key == "stage")
        if (auto stage = parse_stage(value)) return listing_stage(*stage);
    if (key == "status") return listing_status(value);
    if (key == "decision") {  // approve@county: the decision at a review level
        std::size_t at = value.find('@');
        std::string decided = audit_action(value.substr(0, at));
        if (at == std::string_view::npos) return decided;
        return decided + "（" + review_level(value.substr(at + 1)) + "）";
    }
    return std::string(value);
}

}  // namespace

std::string audit_values(std::string_view entity, std::string_view text) {
    // The entry of a chunk of imported rows ("rows=N; last=KEY; sha256=DIGEST", the rows
    // compressed beside it): shown by its count (a key's history shows its row's values).
    if (text.substr(0, 5) == "rows=" && text.find("; sha256=") != std::string_view::npos) {
        const std::size_t last = text.find("; last="), data = text.rfind("; sha256=");
        if (last != std::string_view::npos && last < data)
            return fmt::format(fmt::runtime(_("{} rows, the last {}; their values compressed")),
                               text.substr(5, last - 5),
                               audit_key(entity, text.substr(last + 7, data - last - 7)));
    }
    if (!ui_is_chinese() || text.empty()) return std::string(text);
    // Fields are separated by ';' (or by spaces, in the demo's one-line summary).
    const char separator =
        text.find(';') != std::string_view::npos || text.find('=') == text.rfind('=') ? ';' : ' ';
    std::string out;
    while (!text.empty()) {
        std::size_t end = text.find(separator);
        std::string_view field = trimmed(text.substr(0, end));
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (field.empty()) continue;
        std::size_t eq = field.find('=');
        std::string shown(field);
        if (eq != std::string_view::npos) {
            std::string_view key = field.substr(0, eq), value = field.substr(eq + 1);
            std::string label = field_label(entity, key);
            if (!label.empty()) shown = label + "=" + value_name(entity, key, value);
        }
        if (!out.empty()) out += "；";
        out += shown;
    }
    return out;
}

std::string audit_key(std::string_view entity, std::string_view key) {
    // A chunk of imported rows is keyed "*" + its first row's key.
    if (!key.empty() && key.front() == '*')
        return fmt::format(fmt::runtime(_("from {}")), audit_key(entity, key.substr(1)));
    if (!ui_is_chinese()) return std::string(key);
    std::string out;
    while (true) {
        std::size_t end = key.find('/');
        std::string_view part = key.substr(0, end);
        std::string shown(part);
        if (std::string t = tier(part); t != part) {
            shown = t;
        } else if (entity == "listing_stage" && parse_stage(part)) {
            shown = listing_stage(*parse_stage(part));
        } else if (entity == "negative_check") {
            if (auto item = parse_negative_item(part)) shown = negative_item_zh(*item);
        } else if (entity == "quota") {
            if (std::string c = chain(part); c != part)
                shown = c;
            else if (part.size() == 2 || part.size() == 4 || part.size() == 6)
                shown = region(part);
        }
        out += shown;
        if (end == std::string_view::npos) break;
        out += "/";
        key.remove_prefix(end + 1);
    }
    return out;
}

}  // namespace ladder::names
