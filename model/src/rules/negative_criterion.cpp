#include "rules/negative_criterion.hpp"

#include <fmt/format.h>

#include "model/tr.hpp"

namespace ladder {

Criterion negative_list_criterion(const TierRules& tier) {
    Criterion c;
    c.id = tier.id + ".negative_list";
    c.zh = "否决项核查";
    c.en = "negative list checked";
    c.rule = "negative_list";
    c.source = tier.source;
    return c;
}

void evaluate_negative_list(const Criterion& c, const std::vector<NegativeCheck>& checks,
                            bool explain, CriterionResult& r) {
    NegativeStatus status = negative_status(checks);
    r.id = c.id;
    r.criterion = &c;
    r.assumed = c.assumed;
    r.reviewer_confirmed = c.reviewer_confirmed;
    r.verdict = !status.found.empty()       ? Verdict::fail
                : !status.unchecked.empty() ? Verdict::missing
                                            : Verdict::pass;
    // A finding is not a shortfall that more of something would close: the largest gap.
    r.gap_size = r.verdict == Verdict::fail ? 1.0 : 0.0;
    r.missing.clear();
    if (r.verdict == Verdict::missing)
        r.missing.push_back({MissingInput::Kind::firm_field, "negative_list", 0});
    r.actual.clear();
    r.threshold.clear();
    r.gap.clear();
    r.reason.clear();
    r.note.clear();
    if (!explain) return;
    // Item names and sources are the official lists' Chinese in any UI language.
    std::string found, unchecked;
    for (const auto& f : status.found)
        found += fmt::format("{}{}（{}，{}）", found.empty() ? "" : "；", negative_item_zh(f.item),
                             f.source, f.checked_on ? f.checked_on->to_string() : std::string());
    for (NegativeItem i : status.unchecked)
        unchecked += fmt::format("{}{}", unchecked.empty() ? "" : "、", negative_item_zh(i));
    r.threshold = tr("all {} items checked, none found", std::size(kNegativeItems));
    if (!found.empty()) {
        r.actual = tr("found: {}", found);
        r.gap = tr("negative-list items found: {}", found);
    } else if (!unchecked.empty()) {
        r.actual = tr("not checked: {}", unchecked);
        r.reason = tr("negative-list items not checked: {}", unchecked);
    } else {
        r.actual = tr("all {} items checked, none found", std::size(kNegativeItems));
    }
    if (!found.empty() && !unchecked.empty()) r.reason = tr("not checked: {}", unchecked);
}

}  // namespace ladder
