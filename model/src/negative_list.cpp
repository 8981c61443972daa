#include "model/negative_list.hpp"

#include <fmt/format.h>

#include "model/tr.hpp"

namespace ladder {

namespace {

struct ItemNames {
    NegativeItem item;
    std::string_view id, zh, short_zh;
};
constexpr ItemNames kItemNames[] = {
    {NegativeItem::accident, "accident", "较大及以上生产安全事故", "安全事故"},
    {NegativeItem::security_incident, "security_incident", "重大网络安全或数据安全事件",
     "网络安全"},
    {NegativeItem::environment, "environment", "重大环境违法行为", "环境违法"},
    {NegativeItem::quality, "quality", "严重质量问题", "质量问题"},
    {NegativeItem::abnormal_operation, "abnormal_operation", "列入经营异常名录", "经营异常"},
    {NegativeItem::dishonesty, "dishonesty", "列入严重失信主体名单", "严重失信"},
    {NegativeItem::fraud, "fraud", "数据造假或弄虚作假", "弄虚作假"},
};

const ItemNames& names_of(NegativeItem item) {
    for (const auto& n : kItemNames)
        if (n.item == item) return n;
    return kItemNames[0];
}

}  // namespace

std::string_view negative_item_id(NegativeItem item) {
    return names_of(item).id;
}
std::string_view negative_item_zh(NegativeItem item) {
    return names_of(item).zh;
}

std::optional<NegativeItem> parse_negative_item(std::string_view text) {
    for (const auto& n : kItemNames)
        if (text == n.id || text == n.zh || text == n.short_zh) return n.item;
    return std::nullopt;
}

std::string_view negative_verdict_id(NegativeVerdict v) {
    switch (v) {
        case NegativeVerdict::yes:
            return "yes";
        case NegativeVerdict::no:
            return "no";
        case NegativeVerdict::not_checked:
            break;
    }
    return "not_checked";
}

std::string_view negative_verdict_zh(NegativeVerdict v) {
    switch (v) {
        case NegativeVerdict::yes:
            return "是";
        case NegativeVerdict::no:
            return "否";
        case NegativeVerdict::not_checked:
            break;
    }
    return "未核查";
}

std::optional<NegativeVerdict> parse_negative_verdict(std::string_view t) {
    if (t == "yes" || t == "y" || t == "是" || t == "有") return NegativeVerdict::yes;
    if (t == "no" || t == "n" || t == "否" || t == "无") return NegativeVerdict::no;
    if (t == "not_checked" || t == "not-checked" || t == "未核查")
        return NegativeVerdict::not_checked;
    return std::nullopt;
}

std::string audit_text(const NegativeCheck& c) {
    return fmt::format("verdict={};source={};checked_on={}", negative_verdict_id(c.verdict),
                       c.source, c.checked_on ? c.checked_on->to_string() : std::string());
}

std::optional<std::string> negative_check_problem(const NegativeCheck& c, const Date& today) {
    if (c.verdict == NegativeVerdict::not_checked) return std::nullopt;
    if (c.source.empty()) return tr("a verdict of yes or no names the source checked");
    if (!c.checked_on) return tr("a verdict of yes or no needs the date of the check");
    if (today < *c.checked_on)
        return tr("the date of the check {} is in the future", c.checked_on->to_string());
    return std::nullopt;
}

NegativeStatus negative_status(const std::vector<NegativeCheck>& checks) {
    NegativeStatus s;
    for (NegativeItem item : kNegativeItems) {
        const NegativeCheck* found = nullptr;
        for (const auto& c : checks)
            if (c.item == item) found = &c;
        if (!found || found->verdict == NegativeVerdict::not_checked)
            s.unchecked.push_back(item);
        else if (found->verdict == NegativeVerdict::yes)
            s.found.push_back(*found);
    }
    return s;
}

std::optional<std::string> negative_refusal(const std::string& code, const NegativeStatus& s) {
    // Chinese whatever the UI language: the reason is written on the case file.
    if (!s.found.empty()) {
        std::string items;
        for (const auto& c : s.found)
            items += fmt::format("{}{}（{}，{}核查）", items.empty() ? "" : "；",
                                 negative_item_zh(c.item), c.source,
                                 c.checked_on ? c.checked_on->to_string() : std::string());
        return fmt::format("企业 {} 存在否决项，不予受理：{}", code, items);
    }
    if (!s.unchecked.empty()) {
        std::string items;
        for (NegativeItem i : s.unchecked)
            items += fmt::format("{}{}", items.empty() ? "" : "、", negative_item_zh(i));
        return fmt::format("企业 {} 的否决项未核查完毕（{}），评价不完整，暂不受理", code, items);
    }
    return std::nullopt;
}

}  // namespace ladder
