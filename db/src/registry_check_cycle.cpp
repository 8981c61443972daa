// The negative list, title exits and targets against the trail (the yearly cycle of a title).
#include <fmt/format.h>

#include "registry_check_walk.hpp"

namespace ladder::check_detail {

// --- the negative list ----------------------------------------------------------------------

void check_negative_checks(Database& db, Findings& findings) {
    TrailWalk trail(db, "negative_check", registry_action);
    RowStream rows(db, fmt::format("SELECT k, verdict, source, checked_on FROM (SELECT "
                                   "credit_code || '/' || item AS k, verdict, source, checked_on "
                                   "FROM negative_checks) n ORDER BY k{}",
                                   byte_order(db)));
    auto next_row = [&](RowItem& item) {
        if (!rows.next()) return false;
        item.unreadable.clear();
        item.key.assign(rows.text(0));
        // The text of model/negative_list.hpp's audit_text, from the stored cells as they are.
        item.text = fmt::format("verdict={};source={};checked_on={}", rows.text(1), rows.text(2),
                                rows.null(3) ? std::string_view() : rows.text(3));
        return true;
    };
    merge_walk(findings, "negative_checks", trail, next_row,
               [](const TrailKey& t, const RowItem& r) -> std::optional<std::string> {
                   if (t.after == r.text) return std::nullopt;
                   return changed(t.entry, t.after, r.text);
               });
}

// --- title exits and targets --------------------------------------------------------------

void check_title_exits(Database& db, Findings& findings) {
    TrailWalk trail(db, "title_exit", registry_action);
    RowStream rows(db, fmt::format("SELECT k, cause, exit_on, doc_no, reason FROM (SELECT "
                                   "credit_code || '/' || tier || '/' || valid_from AS k, cause, "
                                   "exit_on, doc_no, reason FROM title_exits) e ORDER BY k{}",
                                   byte_order(db)));
    auto next_row = [&](RowItem& item) {
        if (!rows.next()) return false;
        item.unreadable.clear();
        item.key.assign(rows.text(0));
        // model/title_cycle.hpp's audit_text, from the stored cells as they are.
        item.text = fmt::format("cause={};exit_on={};doc_no={};reason={}", rows.text(1),
                                rows.text(2), rows.text(3), rows.text(4));
        return true;
    };
    merge_walk(findings, "title_exits", trail, next_row,
               [](const TrailKey& t, const RowItem& r) -> std::optional<std::string> {
                   if (t.after == r.text) return std::nullopt;
                   return changed(t.entry, t.after, r.text);
               });
}

void check_targets(Database& db, Findings& findings) {
    TrailWalk trail(db, "target", registry_action);
    RowStream rows(db, fmt::format("SELECT k, target FROM (SELECT CAST(year AS TEXT) || '/' || "
                                   "tier AS k, target FROM targets) t ORDER BY k{}",
                                   byte_order(db)));
    auto next_row = [&](RowItem& item) {
        if (!rows.next()) return false;
        item.unreadable.clear();
        CellReader cells{rows, item};
        auto target = cells.integer(1, "target");
        item.key.assign(rows.text(0));
        item.text = fmt::format("target={}", target.value_or(0));
        return true;
    };
    merge_walk(findings, "targets", trail, next_row,
               [](const TrailKey& t, const RowItem& r) -> std::optional<std::string> {
                   if (t.after == r.text) return std::nullopt;
                   return changed(t.entry, t.after, r.text);
               });
}

}  // namespace ladder::check_detail
