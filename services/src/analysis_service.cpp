#include "services/analysis_service.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "db/negative_list_repository.hpp"
#include "db/registry_repository.hpp"
#include "model/rules/evaluate.hpp"
#include "model/i18n.hpp"
#include "model/tr.hpp"

namespace ladder {

void for_each_record(Database& db, const std::string& firm_code,
                     const std::function<void(std::vector<FirmRecord>&)>& visit,
                     std::size_t chunk) {
    RegistryRepository repo(db);
    if (firm_code.empty()) {
        repo.for_each_firm_record(chunk, visit);
        return;
    }
    auto record = repo.firm_record(firm_code);
    if (!record) throw std::runtime_error(tr("firm {} is not in the registry", firm_code));
    std::vector<FirmRecord> one{std::move(*record)};
    visit(one);
}

CandidateRanking find_candidates(Database& db, const RuleSet& rules, const TierRules& tier,
                                 int year, int near) {
    CandidateSearch search(rules, tier, year, near);
    for_each_record(db, {}, [&](std::vector<FirmRecord>& chunk) {
        for (const auto& rec : chunk) search.add(rec);
    });
    return search.finish();
}

Worklist build_worklist(Database& db, const RuleSet& rules,
                        const std::vector<const TierRules*>& tiers, int year,
                        const std::string& firm_code) {
    WorklistBuilder builder(rules, tiers, year, !firm_code.empty());
    for_each_record(db, firm_code, [&](std::vector<FirmRecord>& chunk) {
        for (const auto& rec : chunk) builder.add(rec);
    });
    return builder.finish();
}

void diff_rule_sets(Database& db, RulesDiff& diff) {
    for_each_record(db, {}, [&](std::vector<FirmRecord>& chunk) {
        for (const auto& rec : chunk) diff.add(rec);
    });
}

std::vector<std::string> eligible_firms(Database& db, const RuleSet& rules, int year,
                                        const std::string& tier) {
    std::vector<std::string> codes;
    for_each_record(
        db, {},
        [&](std::vector<FirmRecord>& chunk) {
            for (const auto& rec : chunk)
                if (evaluate(rules, rec, year, tier, Detail::verdicts).verdict ==
                    TierVerdict::eligible)
                    codes.push_back(rec.firm.credit_code);
        },
        5000);
    return codes;
}

}  // namespace ladder
