#include "db/title_repository.hpp"

#include "database_impl.hpp"
#include "soci_text.hpp"

namespace ladder {

std::vector<TitleExit> TitleRepository::read_exits(const std::string* code) {
    std::vector<TitleExit> out;
    std::string credit_code, tier, valid_from, cause, exit_on, doc_no, reason;
    soci::session& sql = db_.impl().sql;
    std::string wanted = code ? *code : std::string();
    int every = code ? 0 : 1;
    soci::statement st =
        (sql.prepare << "SELECT credit_code, tier, valid_from, cause, exit_on, doc_no, reason "
                        "FROM title_exits WHERE (:all = 1 OR credit_code = :c) "
                        "ORDER BY credit_code, tier, valid_from",
         soci::into(credit_code), soci::into(tier), soci::into(valid_from), soci::into(cause),
         soci::into(exit_on), soci::into(doc_no), soci::into(reason), soci::use(every),
         soci::use(wanted));
    st.execute();
    while (st.fetch()) {
        auto parsed = parse_exit_cause(cause);
        auto from = Date::parse(valid_from);
        auto on = Date::parse(exit_on);
        if (!parsed || !from || !on) continue;  // not a row Ladder writes: audit verify names it
        out.push_back({credit_code, tier, *from, *parsed, *on, doc_no, reason});
    }
    return out;
}

std::vector<TitleExit> TitleRepository::exits_of(const std::string& code) {
    return read_exits(&code);
}

std::vector<TitleExit> TitleRepository::all_exits() {
    return read_exits(nullptr);
}

std::optional<TitleExit> TitleRepository::find_exit(const std::string& code,
                                                    const std::string& tier,
                                                    const Date& valid_from) {
    for (auto& e : exits_of(code))
        if (e.tier == tier && e.valid_from == valid_from) return e;
    return std::nullopt;
}

void TitleRepository::insert_exit(const TitleExit& e) {
    std::string from = e.valid_from.to_string(), cause(exit_cause_id(e.cause)),
                on = e.exit_on.to_string();
    db_.impl().sql << "INSERT INTO title_exits (credit_code, tier, valid_from, cause, exit_on, "
                      "doc_no, reason) VALUES (:c, :t, :f, :ca, :o, :d, :r)",
        soci::use(e.credit_code), soci::use(e.tier), soci::use(from), soci::use(cause),
        soci::use(on), soci::use(e.doc_no), soci::use(e.reason);
}

std::vector<Target> TitleRepository::targets() {
    std::vector<Target> out;
    int year = 0;
    std::string tier;
    long long target = 0;
    soci::statement st =
        (db_.impl().sql.prepare << "SELECT year, tier, target FROM targets ORDER BY year, tier",
         soci::into(year), soci::into(tier), soci::into(target));
    st.execute();
    while (st.fetch()) out.push_back({year, tier, target});
    return out;
}

std::optional<Target> TitleRepository::find_target(int year, const std::string& tier) {
    for (auto& t : targets())
        if (t.year == year && t.tier == tier) return t;
    return std::nullopt;
}

void TitleRepository::store_target(const Target& t) {
    soci::session& sql = db_.impl().sql;
    long long value = t.target;
    int year = t.year;
    long long present = 0;
    sql << "SELECT COUNT(*) FROM targets WHERE year = :y AND tier = :t", soci::use(year),
        soci::use(t.tier), soci::into(present);
    if (present == 0)
        sql << "INSERT INTO targets (year, tier, target) VALUES (:y, :t, :v)", soci::use(year),
            soci::use(t.tier), soci::use(value);
    else
        sql << "UPDATE targets SET target = :v, row_version = row_version + 1 WHERE year = :y AND "
               "tier = :t",
            soci::use(value), soci::use(year), soci::use(t.tier);
}

}  // namespace ladder
