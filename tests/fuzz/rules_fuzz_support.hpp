#pragma once
// Shared by the rule-set fuzz targets: a rule set that loads is exercised end to end (lint,
// figures read, every tier evaluated for a few synthetic firms), so expressions that parse
// but misbehave when evaluated are found too.
#include <vector>

#include "fuzz_support.hpp"
#include "model/demo.hpp"
#include "model/errors.hpp"
#include "model/regions.hpp"
#include "model/rules/evaluate.hpp"
#include "model/rules/rule_set.hpp"

namespace ladder::fuzz {

// A handful of demo firms with their figures and recognitions, made once.
inline const std::vector<FirmRecord>& sample_firms() {
    static const std::vector<FirmRecord> firms = [] {
        DemoOptions options;
        options.firms = 6;
        options.today = Date::from_days(18262);  // 2020-01-01: the same firms on every run
        DemoBatch batch = generate_demo(options, RegionTable::shipped());
        std::vector<FirmRecord> records;
        for (const Firm& firm : batch.firms) {
            FirmRecord record;
            record.firm = firm;
            for (const YearFigures& f : batch.figures)
                if (f.credit_code == firm.credit_code) record.figures.push_back(f);
            for (const Recognition& r : batch.recognitions)
                if (r.credit_code == firm.credit_code) record.recognitions.push_back(r);
            records.push_back(std::move(record));
        }
        // A firm with nothing recorded: every criterion must come out missing or decided.
        FirmRecord empty;
        empty.firm.credit_code = "91360100MA35F0XY4U";
        records.push_back(std::move(empty));
        return records;
    }();
    return firms;
}

inline void exercise_rule_set(const RuleSet& rules) {
    FUZZ_CHECK(!rules.tiers.empty(), "a loaded rule set has tiers");
    for (const TierRules& tier : rules.tiers) {
        for (const Criterion& criterion : tier.criteria)
            FUZZ_CHECK(criterion.test != nullptr, "every loaded criterion is compiled");
    }
    lint_rule_set(rules);
    const int year = rules.first_year;
    figures_read(rules, year);
    for (const FirmRecord& firm : sample_firms()) {
        for (Detail detail : {Detail::verdicts, Detail::full}) {
            std::vector<EligibilityReport> reports = evaluate_all(rules, firm, year, detail);
            FUZZ_CHECK(reports.size() == rules.tiers.size(), "one report per tier");
            for (std::size_t t = 0; t < reports.size(); ++t) {
                FUZZ_CHECK(reports[t].criteria.size() == rules.tiers[t].criteria.size(),
                           "one result per criterion");
                for (const CriterionResult& result : reports[t].criteria) {
                    FUZZ_CHECK(result.verdict != Verdict::missing || !result.missing.empty() ||
                                   !result.reason.empty(),
                               "a missing verdict says what is missing");
                }
            }
        }
    }
}

}  // namespace ladder::fuzz
