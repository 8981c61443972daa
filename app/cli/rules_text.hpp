#pragma once
// Text the rules commands share (evaluate, candidates, worklist): labels in the interface's
// language, verdict symbols, the tiers a --tier option selects, and an output that is standard
// output or a file replaced only when complete.
#include <fstream>
#include <string>
#include <vector>

#include "command.hpp"
#include "model/rules/evaluate.hpp"
#include "model/rules/rule_set.hpp"

namespace ladder::cli {

constexpr std::size_t kChunk = 2000;  // firms per registry read

// The interface speaks Chinese unless English was asked for (--lang en, LANG=en_*).
bool chinese_ui();
std::string tier_label(const TierRules& t);
// A tier by its id: its name in `rules`, else the catalogue's (names::tier).
std::string tier_label(const RuleSet& rules, const std::string& tier);
// A rule set as people read it: its Chinese name in Chinese (优质中小企业梯度培育认定条件（2026
// 国家标准）), its id in English (the id is what --rules takes). By id: a rule set no longer
// shipped is shown by its id.
std::string rule_set_label(const RuleSet& rules);
std::string rule_set_label(std::string_view id);
std::string criterion_label(const Criterion& c);
std::string join(const std::vector<std::string>& parts, const std::string& sep);
std::string verdict_symbol(Verdict v);
std::string verdict_symbol(TierVerdict v);
// Firm fields the rules read, with their column labels (docs/import.md, README "Import rules").
std::string firm_field_label(const std::string& field);
// "研发费用(2019)", "rd_expense (2019)", "细分领域起始年份", "美元兑人民币汇率(2020)".
std::string input_label(const MissingInput& in, const RuleSet& rules);
std::string kind_text(MissingInput::Kind k);
// Cuts `text` to `width` display columns (ending in … when cut) and pads it with spaces.
std::string fit(const std::string& text, std::size_t width);
// Appends one CSV field, quoted only when it holds a comma, quote or line break (RFC 4180).
void append_csv_field(std::string& buf, const std::string& field);
// The tiers asked for: all of the rule set's, or the one --tier names (a usage error when the
// rule set has no such tier).
std::vector<const TierRules*> select_tiers(const RuleSet& rules, const std::string& tier);

// Standard output, or a file written under a temporary name (model/atomic_file.hpp) and renamed
// into place when complete.
class Output {
  public:
    Output(Context& ctx, std::string path);
    ~Output();
    std::ostream& stream() { return path_ == "-" ? *ctx_.out : file_; }
    void finish();

  private:
    Context& ctx_;
    std::string path_, tmp_;
    std::ofstream file_;
    bool done_ = false;
};

}  // namespace ladder::cli
