// The registry's own tables and the accounts against the trail: firms, figures, recognitions,
// users and quotas.
#include "registry_check_walk.hpp"

namespace ladder::check_detail {

// --- firms, figures, recognitions ---------------------------------------------------------

void check_firms(Database& db, Findings& findings) {
    TrailWalk trail(db, "firm", registry_action);
    RowStream rows(db, fmt::format("SELECT credit_code, name, region_code, industry_code, chain, "
                                   "founded, niche_since, hnte_field, listed_on, "
                                   "controlling_shareholder, business_group FROM firms "
                                   "ORDER BY credit_code{}",
                                   byte_order(db)));
    Firm f;
    auto next_row = [&](RowItem& item) {
        if (!rows.next()) return false;
        item.unreadable.clear();
        CellReader cells{rows, item};
        f.credit_code.assign(rows.text(0));
        f.name.assign(rows.text(1));
        f.region_code.assign(rows.text(2));
        f.industry_code.assign(rows.text(3));
        f.chain.assign(rows.text(4));
        f.founded = cells.date(5, "founded", true).value_or(Date());
        auto niche = cells.integer(6, "niche_since");
        f.niche_since = niche ? std::optional<int>(static_cast<int>(*niche)) : std::nullopt;
        auto hnte = cells.integer(7, "hnte_field");
        f.hnte_field = hnte ? std::optional<bool>(*hnte != 0) : std::nullopt;
        f.listed_on = cells.date(8, "listed_on", false);
        f.controlling_shareholder.assign(rows.text(9));
        f.business_group.assign(rows.text(10));
        item.key = f.credit_code;
        item.text = audit_text(f);
        return true;
    };
    merge_walk(findings, "firms", trail, next_row,
               [](const TrailKey& t, const RowItem& r) -> std::optional<std::string> {
                   if (t.after == r.text) return std::nullopt;
                   return changed(t.entry, t.after, r.text);
               });
}

namespace {

// A figures text with every amount printed as today's audit text prints it (2 to 6 decimals):
// entries written while money was held in hundredths printed 2, and any other spelling of the
// same amount compares equal.
std::string normalised_figures(std::string_view text) {
    std::string out;
    for (const auto& [key, value] : fields_of(text)) {
        if (!out.empty()) out += "; ";
        out += key;
        out += '=';
        auto measure = std::find_if(kMeasures.begin(), kMeasures.end(),
                                    [&](const MeasureInfo& m) { return m.id == key; });
        if (measure != kMeasures.end() && is_money(measure->kind)) {
            if (auto fen = parse_fen(value)) {
                out += format_fen(*fen);
                continue;
            }
        }
        out += value;
    }
    return out;
}

}  // namespace

void check_figures(Database& db, Findings& findings) {
    TrailWalk trail(db, "figures", registry_action);
    std::string columns = "credit_code, year";
    for (const auto& m : kMeasures) columns += fmt::format(", {}", m.id);
    RowStream rows(db, fmt::format("SELECT {} FROM figures ORDER BY credit_code{}, year", columns,
                                   byte_order(db)));
    YearFigures y;
    auto next_row = [&](RowItem& item) {
        if (!rows.next()) return false;
        item.unreadable.clear();
        CellReader cells{rows, item};
        y.credit_code.assign(rows.text(0));
        auto year = cells.integer(1, "year");
        y.year = static_cast<int>(year.value_or(0));
        for (std::size_t i = 0; i < kMeasureCount; ++i)
            y.set(kMeasures[i].measure, cells.integer(static_cast<int>(i) + 2, kMeasures[i].id));
        item.key = y.credit_code;
        item.key += '/';
        item.key += rows.text(1);
        item.text = audit_text(y);
        return true;
    };
    merge_walk(findings, "figures", trail, next_row,
               [](const TrailKey& t, const RowItem& r) -> std::optional<std::string> {
                   if (t.after == r.text) return std::nullopt;
                   std::string was = normalised_figures(t.after), now = normalised_figures(r.text);
                   if (was == now) return std::nullopt;
                   return changed(t.entry, was, now);
               });
}

void check_recognitions(Database& db, Findings& findings) {
    TrailWalk trail(db, "recognition", registry_action);
    RowStream rows(db, fmt::format("SELECT credit_code, tier, approved_on, valid_from, valid_to, "
                                   "doc_no FROM recognitions ORDER BY credit_code{0}, tier{0}, "
                                   "valid_from{0}",
                                   byte_order(db)));
    Recognition r;
    auto next_row = [&](RowItem& item) {
        if (!rows.next()) return false;
        item.unreadable.clear();
        CellReader cells{rows, item};
        r.credit_code.assign(rows.text(0));
        r.tier.assign(rows.text(1));
        r.approved_on = cells.date(2, "approved_on", true).value_or(Date());
        r.valid_from = cells.date(3, "valid_from", true).value_or(Date());
        r.valid_to = cells.date(4, "valid_to", false);
        r.doc_no.assign(rows.text(5));
        item.key = fmt::format("{}/{}/{}", r.credit_code, r.tier, rows.text(3));
        item.text = audit_text(r);
        return true;
    };
    merge_walk(findings, "recognitions", trail, next_row,
               [](const TrailKey& t, const RowItem& row) -> std::optional<std::string> {
                   if (t.after == row.text) return std::nullopt;
                   return changed(t.entry, t.after, row.text);
               });
}

// --- users, quotas --------------------------------------------------------------------------

void check_users(Database& db, Findings& findings) {
    TrailWalk trail(db, "user", registry_action);
    // What the trail shows of a user (UserService): never the password hash, and not the
    // sign-in bookkeeping (failed sign-ins, lockout, last sign-in).
    RowStream rows(
        db, fmt::format("SELECT name, role, active FROM users ORDER BY name{}", byte_order(db)));
    auto next_row = [&](RowItem& item) {
        if (!rows.next()) return false;
        item.unreadable.clear();
        CellReader cells{rows, item};
        auto active = cells.integer(2, "active");
        std::string flag = !active ? "" : *active == 1 ? "yes" : *active == 0 ? "no" : "";
        if (flag.empty() && item.unreadable.empty())
            item.unreadable = quoted("active", rows.text(2));
        item.key.assign(rows.text(0));
        item.text = fmt::format("name={};role={};active={}", rows.text(0), rows.text(1), flag);
        return true;
    };
    merge_walk(findings, "users", trail, next_row,
               [](const TrailKey& t, const RowItem& r) -> std::optional<std::string> {
                   if (t.after == r.text) return std::nullopt;
                   return changed(t.entry, t.after, r.text);
               });
}

void check_quotas(Database& db, Findings& findings) {
    TrailWalk trail(db, "quota", quota_action);
    RowStream rows(db, fmt::format("SELECT k, quota FROM (SELECT CAST(year AS TEXT) || '/' || tier "
                                   "|| '/' || group_code AS k, quota FROM quotas) q ORDER BY k{}",
                                   byte_order(db)));
    auto next_row = [&](RowItem& item) {
        if (!rows.next()) return false;
        item.unreadable.clear();
        CellReader cells{rows, item};
        auto quota = cells.integer(1, "quota");
        item.key.assign(rows.text(0));
        item.text = fmt::format("quota={}", quota.value_or(0));
        return true;
    };
    merge_walk(findings, "quotas", trail, next_row,
               [](const TrailKey& t, const RowItem& r) -> std::optional<std::string> {
                   // A seeded quota's entry also names the rule set it came from.
                   std::string_view after = t.after;
                   after = after.substr(0, after.find(';'));
                   if (after == r.text) return std::nullopt;
                   return changed(t.entry, after, r.text);
               });
}

}  // namespace ladder::check_detail
