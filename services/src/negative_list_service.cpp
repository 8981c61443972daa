#include "services/negative_list_service.hpp"

#include <map>

#include <fmt/format.h>

#include "db/audit_repository.hpp"
#include "db/negative_list_repository.hpp"
#include "db/registry_repository.hpp"
#include "model/errors.hpp"
#include "model/tally.hpp"
#include "model/text.hpp"
#include "model/tr.hpp"

namespace ladder {

namespace {

std::string key_of(const NegativeCheck& c) {
    return fmt::format("{}/{}", c.credit_code, negative_item_id(c.item));
}

// Stores `check` over `stored` (if any) and adds its audit entry; false when unchanged.
bool store_with_audit(Database& db, const std::optional<NegativeCheck>& stored,
                      const NegativeCheck& check, std::vector<AuditEntry>& audit) {
    if (stored && *stored == check) return false;
    NegativeListRepository(db).store(check);
    AuditEntry e;
    e.action = stored ? "update" : "insert";
    e.entity = "negative_check";
    e.entity_key = key_of(check);
    if (stored) e.before = audit_text(*stored);
    e.after = audit_text(check);
    audit.push_back(std::move(e));
    return true;
}

enum class NegColumn { credit_code, item, verdict, source, checked_on };
struct NegColumnName {
    NegColumn column;
    std::string_view id, zh;
};
constexpr NegColumnName kNegColumns[] = {
    {NegColumn::credit_code, "credit_code", "统一社会信用代码"},
    {NegColumn::item, "item", "否决项"},
    {NegColumn::verdict, "verdict", "核查结论"},
    {NegColumn::source, "source", "核查来源"},
    {NegColumn::checked_on, "checked_on", "核查日期"},
};

}  // namespace

bool NegativeListService::record(const Actor& by, const NegativeCheck& check) {
    require_permission(by, Operation::edit_registry);
    if (auto problem = negative_check_problem(check, Date::today())) throw WorkflowError(*problem);
    Transaction tx(db_);
    if (!RegistryRepository(db_).firm_exists(check.credit_code))
        throw WorkflowError(tr("no firm with credit code {} in the registry", check.credit_code));
    std::vector<AuditEntry> audit;
    bool changed = store_with_audit(
        db_, NegativeListRepository(db_).find(check.credit_code, check.item), check, audit);
    if (changed) AuditRepository(db_).append(std::move(audit), by.name);
    tx.commit();
    return changed;
}

NegativeImportResult NegativeListService::import_table(const Actor& by, const Table& table) {
    require_permission(by, Operation::edit_registry);
    std::vector<CellError> errors;
    NegativeImportResult result;
    std::map<NegColumn, std::size_t> at;
    for (std::size_t i = 0; i < table.header.size(); ++i) {
        std::string_view h = trim(table.header[i]);
        bool known = false;
        for (const auto& c : kNegColumns)
            if (h == c.id || h == c.zh) {
                at[c.column] = i;
                known = true;
            }
        if (!known && !h.empty()) result.notes.push_back(tr("unknown column {} ignored", h));
    }
    for (NegColumn required : {NegColumn::credit_code, NegColumn::item})
        if (!at.count(required))
            errors.push_back({table.file_name, table.header_row,
                              std::string(kNegColumns[static_cast<int>(required)].zh),
                              _("required column is missing")});
    if (!errors.empty()) throw InputError(errors);

    auto cell = [&](const TableRow& row, NegColumn c) -> std::optional<std::string> {
        auto it = at.find(c);
        if (it == at.end() || it->second >= row.cells.size()) return std::nullopt;
        std::string_view v = trim(row.cells[it->second]);
        if (v.empty()) return std::nullopt;
        return std::string(v);
    };
    auto column_name = [](NegColumn c) { return std::string(kNegColumns[static_cast<int>(c)].zh); };

    Transaction tx(db_);
    RegistryRepository registry(db_);
    NegativeListRepository repo(db_);
    std::vector<AuditEntry> audit;
    std::map<std::string, int> seen;  // key → first row, a key twice rejects both rows
    const Date today = Date::today();
    for (const auto& row : table.rows) {
        const std::size_t errors_before = errors.size();
        auto error = [&](NegColumn c, std::string reason) {
            errors.push_back({table.file_name, row.row_number, column_name(c), std::move(reason)});
        };
        NegativeCheck c;
        auto code = cell(row, NegColumn::credit_code);
        auto item_text = cell(row, NegColumn::item);
        if (!code)
            error(NegColumn::credit_code, _("is required"));
        else if (!registry.firm_exists(*code))
            error(NegColumn::credit_code, _("is not in the registry"));
        std::optional<NegativeItem> item =
            item_text ? parse_negative_item(*item_text) : std::nullopt;
        if (!item_text)
            error(NegColumn::item, _("is required"));
        else if (!item)
            error(NegColumn::item, tr("unknown item {}", *item_text));
        if (errors.size() != errors_before) continue;
        c.credit_code = *code;
        c.item = *item;
        std::string key = key_of(c);
        if (auto [it, fresh] = seen.emplace(key, row.row_number); !fresh) {
            error(NegColumn::item, tr("the same firm and item as row {}", it->second));
            continue;
        }
        std::optional<NegativeCheck> stored = repo.find(c.credit_code, c.item);
        if (stored) c = *stored;
        if (auto v = cell(row, NegColumn::verdict)) {
            if (auto parsed = parse_negative_verdict(*v))
                c.verdict = *parsed;
            else
                error(NegColumn::verdict, tr("{} is not 是, 否 or 未核查", *v));
        } else if (!stored) {
            error(NegColumn::verdict, _("is required for a check new to the registry"));
        }
        if (auto s = cell(row, NegColumn::source)) c.source = *s;
        if (auto d = cell(row, NegColumn::checked_on)) {
            if (auto day = Date::parse(*d))
                c.checked_on = day;
            else
                error(NegColumn::checked_on, tr("{} is not a date (YYYY-MM-DD)", *d));
        }
        if (errors.size() != errors_before) continue;
        if (auto problem = negative_check_problem(c, today)) {
            error(NegColumn::verdict, *problem);
            continue;
        }
        if (!store_with_audit(db_, stored, c, audit))
            ++result.unchanged;
        else if (stored)
            ++result.updated;
        else
            ++result.inserted;
    }
    if (!errors.empty()) throw InputError(errors);  // the transaction rolls back
    if (!audit.empty()) AuditRepository(db_).append(std::move(audit), by.name);
    tx.commit();
    return result;
}

std::vector<NegativeCheck> NegativeListService::of_firm(const std::string& code) {
    return NegativeListRepository(db_).of_firm(code);
}

std::vector<NegativeCheck> NegativeListService::all() {
    return NegativeListRepository(db_).all();
}

NegativeStatus NegativeListService::status(const std::string& code) {
    return negative_status(of_firm(code));
}

std::vector<RevocationFlag> NegativeListService::revocation_flags(const RuleSet& rules,
                                                                  const Date& on) {
    std::vector<RevocationFlag> out;
    const TierCatalog tiers = rules.tier_catalog();
    RegistryRepository registry(db_);
    for (const auto& code : NegativeListRepository(db_).firms_with_findings()) {
        NegativeStatus s = status(code);
        for (const auto& r : registry.recognitions_of(code)) {
            const TierRules* tier = rules.find_tier(r.tier);
            if (!tier || !tier->applies_negative_list()) continue;
            if (recognition_covers(r, tiers, on)) {
                bool listed = false;
                for (const auto& f : out) listed |= f.credit_code == code && f.tier == r.tier;
                if (!listed) out.push_back({code, r.tier, s.found});
            }
        }
    }
    return out;
}

}  // namespace ladder
