#pragma once
// One catalogue of the names people read for the ids the model keeps (tiers, criteria,
// measures, chains, regions, roles, review levels, verdicts, states, audit actions, …). Files,
// CSV/JSON and the audit trail keep the ids; every human format (CLI tables and messages, the
// GUI, reports) shows these names instead. Names follow the interface language: Chinese when it
// is zh_*, the English source text otherwise.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/errors.hpp"
#include "model/rules/evaluate.hpp"
#include "model/workflow.hpp"

namespace ladder {

// Whether the interface language is Chinese (LANGUAGE as set by init_i18n / set_ui_language).
bool ui_is_chinese();

namespace names {

// "specialized" → 专精特新中小企业 / "Provincial specialised … SME"; unknown ids as they are.
std::string tier(std::string_view id);
// A criterion's label from its rule set (zh or en); the id when the rule set gives none.
std::string criterion(const Criterion& c);
// The criterion's rule in words, generated from its compiled expression (研发费用占营业收入比例
// （2019年） ≥ 3%); years as 上年/前年 when `assessment_year` is 0. (model/src/rules/sentence.cpp)
std::string rule_sentence(const RuleSet& rules, const Criterion& c, int assessment_year = 0);
// "tier.name" looked up in `rules`; the id when unknown.
std::string criterion(const RuleSet& rules, std::string_view id);
// "rd_expense" → 研发费用 / R&D expense; unknown ids as they are.
std::string measure(std::string_view id);
// A measure of a fiscal year: 研发费用（2019年） / R&D expense (2019). `years` may be a list
// such as "2017+2018".
std::string measure(std::string_view id, std::string_view years);
std::string measure(std::string_view id, int year);
// A firm field the rules read ("niche_since", "hnte_field", "industry_code", "founded", …).
std::string firm_field(std::string_view id);
// An input a criterion waits for, in words: 全球市场排名（2019年）.
std::string missing_input(const MissingInput& m);
std::string chain(std::string_view id);
// A shipped rule set by its id: its Chinese name in Chinese, the id (what --rules takes) in
// English and for a rule set not shipped.
std::string rule_set(std::string_view id);
// A GB/T 2260 code → region name (when known), otherwise as given.
std::string region(std::string_view code);
std::string role(Role r);
std::string review_level(std::string_view level);  // 市级 / city level
std::string verdict(Verdict v);                    // 符合 / 不符合 / 缺资料
std::string verdict(TierVerdict v);                // 符合条件 / 不符合 / 资料不全
// A verdict id as stored ("pass", "eligible", "none", …).
std::string verdict(std::string_view id);
std::string application_state(ApplicationState s);
std::string application_state(std::string_view id);
// 后备库 / reserve, 股改 / share reform, …
std::string listing_stage(ListingStage s);
std::string listing_status(std::string_view id);  // pending | confirmed | rejected
std::string audit_action(std::string_view id);    // insert | update | submit | …
// What an audit entry is about: firm | figures | application | listing_stage | …
std::string audit_entity(std::string_view id);
std::string exit_cause(std::string_view id);  // expired | revoked | …
// An audit entry's stored values ("tier=high_tech;state=submitted") and key ("2020/high_tech/36")
// as people read them: in Chinese every field and id named (梯度=高新技术企业；状态=待审核);
// in English as stored. The trail itself keeps the ids. (model/src/audit_names.cpp)
std::string audit_values(std::string_view entity, std::string_view text);
std::string audit_key(std::string_view entity, std::string_view key);
// How publicity ended: clean | dismissed | upheld.
std::string publicity_outcome(std::string_view id);
std::string yes_no(bool yes);
// "yes"/"no" as stored: 是/否; other text as it is.
std::string yes_no(std::string_view stored);

// A stored UTC time ("2026-12-06T14:47:26Z") as people read it: in the machine's time zone,
// to the minute ("2026-12-06 22:47" in Asia/Shanghai). Text that is not such a time is returned
// as it is.
std::string local_time(std::string_view utc);

}  // namespace names

// --- Arguments people type -------------------------------------------------------------------

// One value a person may type for an id: the id itself, its names and short forms.
struct NameChoice {
    std::string id;
    std::vector<std::string> names;  // Chinese name, English name, short forms
};

// A typed name that fits several ids (专 → 专精特新中小企业, 专业化小巨人企业).
class AmbiguousName : public UsageError {
    using UsageError::UsageError;
};

// Resolves what a person typed to an id: an exact id or name (case-insensitive for ASCII), else
// an unambiguous prefix of one. Throws UsageError naming `what` and the candidates when the
// text is ambiguous or matches nothing.
std::string resolve_name(std::string_view typed, const std::vector<NameChoice>& choices,
                         std::string_view what);

// The choices for each kind of argument (ids with their Chinese and English names).
std::vector<NameChoice> tier_choices();
std::vector<NameChoice> state_choices();
std::vector<NameChoice> chain_choices();
std::vector<NameChoice> role_choices();
std::vector<NameChoice> review_level_choices();

// Convenience: the id for a typed tier / state / chain / role / review level.
std::string resolve_tier(std::string_view typed);
std::string resolve_state(std::string_view typed);
std::string resolve_chain(std::string_view typed);
std::string resolve_role(std::string_view typed);
std::string resolve_review_level(std::string_view typed);

}  // namespace ladder
