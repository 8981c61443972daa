#pragma once
// The negative list (否决项) of a firm: per item a verdict — yes (the firm has it), no, or not
// checked — with the source checked (信用中国, 国家企业信用信息公示系统 …) and the day of the
// check. Under a rule set that applies it (`negative_list = true`, national-2026) a "yes" refuses
// new applications and flags the holders of a title for revocation; "not checked" leaves the case
// incomplete. Pure data and rules: storage is db/negative_list_repository.hpp, the use cases
// services/negative_list_service.hpp.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.hpp"

namespace ladder {

enum class NegativeItem {
    accident,            // 较大及以上生产安全事故
    security_incident,   // 重大网络安全、数据安全事件
    environment,         // 重大环境违法行为
    quality,             // 严重质量问题
    abnormal_operation,  // 列入经营异常名录
    dishonesty,          // 列入严重失信主体名单
    fraud,               // 数据造假、弄虚作假
};
inline constexpr NegativeItem kNegativeItems[] = {
    NegativeItem::accident, NegativeItem::security_incident,  NegativeItem::environment,
    NegativeItem::quality,  NegativeItem::abnormal_operation, NegativeItem::dishonesty,
    NegativeItem::fraud,
};

enum class NegativeVerdict { yes, no, not_checked };

std::string_view negative_item_id(NegativeItem item);
// The item's Chinese name (an official list's wording: shown in any UI language).
std::string_view negative_item_zh(NegativeItem item);
// Accepts the id, the Chinese name, or a short Chinese form (事故, 网络安全, 环境, 质量, 经营异常,
// 失信, 造假).
std::optional<NegativeItem> parse_negative_item(std::string_view text);
std::string_view negative_verdict_id(NegativeVerdict v);  // yes | no | not_checked
std::string_view negative_verdict_zh(NegativeVerdict v);  // 是 | 否 | 未核查
// yes/no/not_checked (also not-checked), 是/否/未核查, y/n, 有/无.
std::optional<NegativeVerdict> parse_negative_verdict(std::string_view text);

struct NegativeCheck {
    std::string credit_code;
    NegativeItem item = NegativeItem::accident;
    NegativeVerdict verdict = NegativeVerdict::not_checked;
    std::string source;              // where it was checked; may be empty only when not checked
    std::optional<Date> checked_on;  // required unless not checked
    friend bool operator==(const NegativeCheck&, const NegativeCheck&) = default;
};

// The audit trail's text of a stored check ("verdict=yes;source=信用中国;checked_on=2026-05-01");
// db/src/registry_check.cpp compares stored rows with it.
std::string audit_text(const NegativeCheck& c);

// Why a check cannot be stored (translated), or nothing: a yes/no needs its source and a date,
// not in the future.
std::optional<std::string> negative_check_problem(const NegativeCheck& c, const Date& today);

// A firm's list as a whole: the items found (yes) and the items not checked (no record, or a
// not-checked verdict). `checks` are one firm's, in any order.
struct NegativeStatus {
    std::vector<NegativeCheck> found;
    std::vector<NegativeItem> unchecked;
    bool clear() const { return found.empty() && unchecked.empty(); }
};
NegativeStatus negative_status(const std::vector<NegativeCheck>& checks);

// The refusal of a new application under a rule set that applies the list, in Chinese (the
// reason goes on the file), or nothing when every item is checked and none is found.
std::optional<std::string> negative_refusal(const std::string& credit_code,
                                            const NegativeStatus& status);

}  // namespace ladder
