#include "db/listing_repository.hpp"

#include "database_impl.hpp"
#include "soci_text.hpp"

namespace ladder {

std::vector<ListingStageRecord> ListingRepository::stages(const std::string& code) {
    std::vector<ListingStageRecord> out;
    long long id = 0;
    std::string stage, day, status, proposed_by, comment;
    OptText reviewed_by;
    soci::statement st =
        (db_.impl().sql.prepare
             << "SELECT id, stage, stage_date, status, proposed_by, reviewed_by, comment "
                "FROM listing_stages WHERE credit_code = :c ORDER BY id",
         soci::into(id), soci::into(stage), soci::into(day), soci::into(status),
         soci::into(proposed_by), soci::into(reviewed_by.value, reviewed_by.ind),
         soci::into(comment), soci::use(code));
    st.execute();
    while (st.fetch()) {
        ListingStageRecord r;
        r.id = id;
        r.credit_code = code;
        r.stage = parse_stage(stage).value_or(ListingStage::reserve);
        r.stage_date = Date::parse(day).value_or(Date());
        r.status = status;
        r.proposed_by = proposed_by;
        r.reviewed_by = reviewed_by.text();
        r.comment = comment;
        out.push_back(std::move(r));
    }
    return out;
}

std::optional<ListingStageRecord> ListingRepository::find(int64_t id) {
    soci::session& sql = db_.impl().sql;
    ListingStageRecord r;
    std::string stage, day;
    long long key = id;
    sql << "SELECT credit_code, stage, stage_date, status, proposed_by, comment FROM "
           "listing_stages WHERE id = :id",
        soci::into(r.credit_code), soci::into(stage), soci::into(day), soci::into(r.status),
        soci::into(r.proposed_by), soci::into(r.comment), soci::use(key);
    if (!sql.got_data()) return std::nullopt;
    r.id = id;
    r.stage = parse_stage(stage).value_or(ListingStage::reserve);
    r.stage_date = Date::parse(day).value_or(Date());
    return r;
}

int64_t ListingRepository::insert(const ListingStageRecord& change, const std::string& at) {
    std::string stage_text(stage_id(change.stage)), day = change.stage_date.to_string(),
                                                    status = change.status, now = at;
    soci::session& sql = db_.impl().sql;
    sql << "INSERT INTO listing_stages (credit_code, stage, stage_date, status, proposed_by, "
           "proposed_at, comment) "
           "VALUES (:c, :s, :d, :st, :p, :at, :cm)",
        soci::use(change.credit_code), soci::use(stage_text), soci::use(day), soci::use(status),
        soci::use(change.proposed_by), soci::use(now), soci::use(change.comment);
    long long id = 0;
    if (!sql.get_last_insert_id("listing_stages", id))
        sql << "SELECT MAX(id) FROM listing_stages", soci::into(id);
    return id;
}

void ListingRepository::store_review(const ListingStageRecord& change, const std::string& at) {
    std::string status = change.status, by = change.reviewed_by.value_or(""), now = at,
                comment = change.comment;
    long long key = change.id;
    db_.impl().sql
        << "UPDATE listing_stages SET status = :s, reviewed_by = :b, reviewed_at = :at, comment = "
           ":c WHERE id = :id",
        soci::use(status), soci::use(by), soci::use(now), soci::use(comment), soci::use(key);
}

}  // namespace ladder
